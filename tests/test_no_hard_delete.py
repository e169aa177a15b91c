"""Nothing is destroyed from a page or the admin: every admin page and inline of the project's
models refuses deletion, and the report-back schedule keeps a report-back with anything recorded
for it."""

import pytest
from django.contrib import admin
from django.forms import BaseModelFormSet
from django.test import RequestFactory
from django.urls import reverse

from scraip.common.limits import is_project_model
from scraip.common.softdelete import SoftDeletable
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.plans.models import ReportBack

pytestmark = pytest.mark.django_db

PROJECT_ADMINS = [
    (model, model_admin)
    for model, model_admin in admin.site._registry.items()
    if is_project_model(model)
]


def test_the_walk_covers_every_app():
    labels = {model._meta.app_label for model, _ in PROJECT_ADMINS}
    assert {"councils", "plans", "followup", "reviews", "partnerships"} <= labels


@pytest.mark.parametrize(
    ("model", "model_admin"), PROJECT_ADMINS, ids=[m._meta.label for m, _ in PROJECT_ADMINS]
)
def test_no_admin_page_or_inline_offers_a_hard_delete(model, model_admin, admin_user):
    request = RequestFactory().get("/admin/")
    request.user = admin_user
    assert not model_admin.has_delete_permission(request), f"{model_admin} deletes"
    assert "delete_selected" not in model_admin.get_actions(request)
    for inline in model_admin.get_inline_instances(request):
        formset = inline.get_formset(request)
        assert not formset.can_delete, f"{type(inline).__name__} offers a delete box"


def test_a_report_back_with_an_update_cannot_be_removed(client, officer, followed):
    ProgressUpdateFactory(subject=followed.item_a, report_back=followed.second)
    client.force_login(officer)
    url = reverse("plans:report_backs_edit", args=[followed.plan.pk])
    formset = client.get(url).context["formset"]
    data = {
        f"report_backs-{name}": value for name, value in formset.management_form.initial.items()
    }
    data["report_backs-TOTAL_FORMS"] = str(formset.initial_form_count())
    for index, form in enumerate(formset.initial_forms):
        data[f"report_backs-{index}-id"] = str(form.instance.pk)
        data[f"report_backs-{index}-due"] = form["due"].value() or ""
        data[f"report_backs-{index}-meeting"] = form.instance.meeting_id or ""
        if form.instance == followed.second:
            data[f"report_backs-{index}-DELETE"] = "on"
    page = client.post(url, data)
    assert page.status_code == 200
    assert "has progress updates recorded for it, so it cannot be removed" in (
        page.content.decode()
    )
    assert ReportBack.objects.filter(pk=followed.second.pk).exists()


def _formset_classes():
    from partnerships.forms import settings as partnership_settings
    from reviews.forms import costs, evidence, members
    from scraip.plans import forms as plan_forms

    modules = (plan_forms, costs, evidence, members, partnership_settings)
    return [
        value
        for module in modules
        for value in vars(module).values()
        if isinstance(value, type)
        and issubclass(value, BaseModelFormSet)
        and getattr(value, "model", None) is not None
    ]


def test_every_formset_that_removes_rows_removes_them_softly():
    formsets = _formset_classes()
    assert len(formsets) >= 7
    for formset in formsets:
        if formset.can_delete:
            assert issubclass(formset.model, SoftDeletable), formset


def test_a_sub_part_taken_off_is_kept_as_deleted(client, officer, part_a):
    from scraip.plans import services
    from scraip.plans.models import RecommendationPart

    second = RecommendationPart.objects.get(recommendation=part_a.recommendation, numeral="ii")
    services.recommendation_parts_save(recommendation=part_a.recommendation, removed=[second.pk])
    assert RecommendationPart.deleted_objects.get().pk == second.pk
    assert second.history.latest().deleted_at is not None
