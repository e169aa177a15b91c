"""Every kind of tracked item provides the whole tracked-item interface and is registered, so
the one follow-up engine serves it; nothing in the engine asks which kind an item is."""

import ast
import dataclasses
import pathlib

import pytest
import rules
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models

from scraip.followup import registry
from scraip.followup.models import FollowedPart, ItemPermissions, TrackedItem
from scraip.followup.models.tracked import interface_members, missing_members

FOLLOWUP = pathlib.Path(__file__).resolve().parent.parent


def tracked_models():
    return [model for model in apps.get_models() if issubclass(model, TrackedItem)]


def test_the_interface_is_declared_in_one_place():
    assert {
        "target_fields",
        "progress_permissions",
        "on_meeting_agenda",
        "takes_progress",
        "progress_lead",
        "target_record",
        "tracked_authority_id",
        "tracked_parent",
        "tracked_caption",
        "tracked_breadcrumbs",
        "tracked_passages",
        "tracked_facts",
        "tracked_task",
        "report_backs_open",
        "report_back_at",
        "after_verdict",
        "for_progress_pages",
    } == set(interface_members())


@pytest.mark.parametrize("model", tracked_models(), ids=lambda model: model.__name__)
def test_every_tracked_model_is_a_registered_kind_providing_the_whole_interface(model):
    assert registry.kind_of(model).model is model
    assert missing_members(model) == []
    date, precision, end = model.target_fields  # on target_record(): the item or its response
    assert precision.endswith("_precision") and end.endswith("_end"), (date, precision, end)
    assert isinstance(model.on_meeting_agenda, bool)


@pytest.mark.parametrize("model", tracked_models(), ids=lambda model: model.__name__)
def test_every_permission_a_kind_names_exists(model):
    permissions = model.progress_permissions
    assert isinstance(permissions, ItemPermissions)
    for field in dataclasses.fields(permissions):
        assert rules.perm_exists(getattr(permissions, field.name)), field.name


@pytest.mark.django_db
@pytest.mark.parametrize("model", tracked_models(), ids=lambda model: model.__name__)
def test_every_kind_reads_its_pages_in_one_query(model, django_assert_num_queries):
    with django_assert_num_queries(1):
        list(model.for_progress_pages())


def test_the_recommendation_parts_and_the_outcomes_are_tracked():
    assert {model.__name__ for model in tracked_models()} >= {"FollowedPart", "Outcome"}
    assert {kind.model for kind in registry.kinds()} == set(tracked_models())


def test_a_kind_missing_part_of_the_interface_is_refused():
    class HalfTracked(TrackedItem):
        target_fields = ("due", "due_precision", "due_end")

        class Meta:
            abstract = True
            app_label = "followup"

    with pytest.raises(ImproperlyConfigured, match="progress_permissions"):
        registry.register(HalfTracked, slug="half")
    with pytest.raises(ImproperlyConfigured, match="not a TrackedItem"):
        registry.register(models.Model, slug="rows")
    with pytest.raises(ImproperlyConfigured, match="already registered"):
        registry.register(FollowedPart, slug="parts")


def test_the_engine_never_asks_which_kind_an_item_is():
    """No isinstance() on a kind of tracked item, and no kind named, in the engine's code."""
    engine = [
        FOLLOWUP / "views" / "items.py",
        FOLLOWUP / "routes.py",
        FOLLOWUP / "forms.py",
        FOLLOWUP / "services.py",
        FOLLOWUP / "models" / "progress.py",
        FOLLOWUP / "models" / "tracked.py",
    ]
    kinds = {model.__name__ for model in tracked_models()}
    for path in engine:
        names = {
            node.id if isinstance(node, ast.Name) else node.name
            for node in ast.walk(ast.parse(path.read_text()))
            if isinstance(node, ast.Name | ast.alias)
        }
        assert "isinstance" not in names, path
        if path.name != "services.py":  # closing a plan reads the plan's parts
            assert not names & kinds, path
