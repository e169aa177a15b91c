"""The Django admin refuses what the register's own pages refuse: a partnership's rules (its
clean()), its answers to the definition test and the checklist (theirs), the council's settings,
and the links to recommendations and reviews (the service's check). Ranking, publishing and
deleting stay on the register's pages, with their rules."""

import datetime

import pytest
from django.urls import reverse

from partnerships.models import (
    ChecklistAnswer,
    ChecklistItem,
    DefinitionAnswer,
    DefinitionCriterion,
    Partnership,
    RegisterSettings,
)
from scraip.councils.tests.factories import OfficerFactory
from scraip.plans.tests.factories import ActionPlanFactory, RecommendationFactory

from .factories import ChecklistItemFactory, CriterionFactory, PartnershipFactory

pytestmark = pytest.mark.django_db

INLINES = ("definition_answers", "checklist_answers")


def messages_of(response) -> list[str]:
    """Every error the admin's page shows: its form's and its inlines' rows'."""
    form = response.context["adminform"].form
    found = [message for errors in form.errors.values() for message in errors]
    for inline in response.context["inline_admin_formsets"]:
        for errors in inline.formset.errors:
            found += [message for field_errors in errors.values() for message in field_errors]
    return found


def inline_rows(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for number, row in enumerate(rows):
        data |= {f"{prefix}-{number}-{name}": value for name, value in row.items()}
    return data


def partnership_data(authority, *, definition=(), checklist=(), **changes) -> dict:
    return {
        "authority": authority.pk,
        "name": "Kent Waste Partnership",
        "purpose": "Recycling more.",
        "kind": "delivery",
        "status": "active",
        "starts_precision": "month",
        "ends_precision": "month",
        **inline_rows("definition_answers", list(definition)),
        **inline_rows("checklist_answers", list(checklist)),
        "_save": "Save",
        **changes,
    }


def add(admin_client, data):
    return admin_client.post(reverse("admin:partnerships_partnership_add"), data)


def test_the_admin_adds_a_partnership_as_the_page_does(admin_client, authority):
    response = add(admin_client, partnership_data(authority))
    assert response.status_code == 302
    assert Partnership.objects.get().slug == "kent-waste-partnership"


def test_the_admin_refuses_a_name_the_register_already_has(admin_client, authority):
    PartnershipFactory(authority=authority, name="Kent Waste Partnership")
    response = add(admin_client, partnership_data(authority, name="kent  waste partnership"))
    assert "The register already has a partnership called kent waste partnership" in (
        messages_of(response)
    )
    assert Partnership.objects.count() == 1


def test_the_admin_refuses_an_end_before_the_start(admin_client, authority):
    dates = {"starts_on": "2025-04-01", "ends_on": "2024-04-01"}
    response = add(admin_client, partnership_data(authority, **dates))
    assert any("The end date must be after the start date" in m for m in messages_of(response))
    assert not Partnership.objects.exists()


def test_the_admin_refuses_a_lead_officer_of_another_council(
    admin_client, authority, other_officer
):
    response = add(admin_client, partnership_data(authority, lead_officer=other_officer.person.pk))
    assert any("is not a councillor or officer" in m for m in messages_of(response))
    assert not Partnership.objects.exists()


def test_the_admin_refuses_links_to_another_councils_recommendations(admin_client, authority):
    elsewhere = RecommendationFactory(action_plan=ActionPlanFactory())
    response = add(admin_client, partnership_data(authority, recommendations=[elsewhere.pk]))
    assert "One of the recommendations chosen is not the council's, or was removed." in (
        messages_of(response)
    )
    assert not Partnership.objects.exists()


def test_the_admin_refuses_an_answer_to_another_councils_definition(
    admin_client, authority, other_authority
):
    foreign = CriterionFactory(authority=other_authority)
    answer = {"criterion": foreign.pk, "answer": "yes", "note": ""}
    response = add(admin_client, partnership_data(authority, definition=[answer]))
    assert "That question is not part of the partnership's council's definition" in (
        messages_of(response)
    )
    assert not DefinitionAnswer.objects.exists()
    assert not Partnership.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"evidence": ""}, "Give the evidence that the item is met"),
        ({"answered_on": "2026-11-24"}, "The date the item was checked must be today or earlier"),
        ({"answered_on": ""}, "This field is required."),
    ],
)
def test_the_admin_refuses_a_checklist_answer_the_page_refuses(
    admin_client, authority, changes, message
):
    item = ChecklistItemFactory(authority=authority)
    answer = {"item": item.pk, "status": "met", "answered_on": "2026-09-01", "evidence": "Seen"}
    response = add(admin_client, partnership_data(authority, checklist=[{**answer, **changes}]))
    assert message in messages_of(response)
    assert not ChecklistAnswer.objects.exists()


def test_the_admin_neither_ranks_nor_publishes(admin_client, partnership):
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    data = partnership_data(
        partnership.authority,
        name=partnership.name,
        priority_rank="1",
        published_at="2026-11-01 10:00",
    )
    admin_client.post(url, data)
    partnership.refresh_from_db()
    assert (partnership.priority_rank, partnership.published_at) == (None, None)


def test_the_admin_refuses_a_line_past_1000(admin_client, authority):
    url = reverse("admin:partnerships_registersettings_add")
    data = {
        "authority": authority.pk,
        "above_the_line": "1001",
        "review_interval_months": "6",
        "hours_per_day": "7.4",
        "_save": "Save",
    }
    response = admin_client.post(url, data)
    assert "Ensure this value is less than or equal to 1000." in messages_of(response)
    assert not RegisterSettings.objects.exists()


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (DefinitionCriterion, {"question": "", "meets_when": "yes", "position": "1"}),
        (ChecklistItem, {"text": "", "position": "1"}),
    ],
)
def test_the_admin_refuses_a_blank_criterion_or_checklist_item(
    admin_client, authority, model, data
):
    url = reverse(f"admin:partnerships_{model._meta.model_name}_add")
    response = admin_client.post(url, {"authority": authority.pk, **data, "_save": "Save"})
    assert "This field is required." in messages_of(response)
    assert not model.objects.exists()


def test_the_admin_cannot_hard_delete_a_partnership(admin_client, partnership):
    url = reverse("admin:partnerships_partnership_delete", args=[partnership.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert Partnership.objects.filter(pk=partnership.pk).exists()


def test_the_admin_shows_a_deleted_partnership(admin_client, partnership):
    partnership.deleted_at = datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC)
    partnership.save(keep_deleted=True)
    url = reverse("admin:partnerships_partnership_change", args=[partnership.pk])
    assert admin_client.get(url).status_code == 200


def test_a_lead_officer_of_the_council_is_accepted(admin_client, authority):
    lead = OfficerFactory(authority=authority)
    response = add(admin_client, partnership_data(authority, lead_officer=lead.pk))
    assert response.status_code == 302
