"""Deleting a plan or a recommendation hides everything that hangs on it, through the one
soft-delete mechanism, and the plan's status follows what is left to answer."""

import pytest
from django.urls import reverse

from scraip.common.softdelete import restore, soft_delete
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.plans.models import ActionPlan, RecommendationPart, ReportBack, Response
from scraip.plans.tests.factories import (
    PartFactory,
    RecommendationFactory,
    ReportBackFactory,
    ResponseFactory,
)

pytestmark = pytest.mark.django_db


def reject(client, user, part):
    client.force_login(user)
    page = client.post(
        reverse("plans:respond", args=[part.pk]), {"decision": "rejected", "explanation": "No."}
    )
    assert page.status_code == 302


def status_of(plan) -> str:
    plan.refresh_from_db()
    return plan.status


def test_a_plan_whose_only_unanswered_recommendation_was_deleted_is_answered_by_the_rest(
    client, officer, cabinet_a, plan, part_a, part_b
):
    """The bug of issue 9: recommendation G, deleted before anyone answered it, kept the plan
    awaiting a response for ever."""
    client.force_login(officer)
    client.post(reverse("plans:recommendation_delete", args=[part_b.recommendation_id]))
    assert status_of(plan) == ActionPlan.Status.AWAITING_RESPONSE

    for part in part_a.recommendation.parts.all():
        reject(client, cabinet_a, part)

    assert status_of(plan) == ActionPlan.Status.RESPONDED


def test_deleting_the_last_unanswered_recommendation_completes_the_response(
    client, officer, cabinet_a, plan, part_a, part_b
):
    for part in part_a.recommendation.parts.all():
        reject(client, cabinet_a, part)
    assert status_of(plan) == ActionPlan.Status.AWAITING_RESPONSE

    client.force_login(officer)
    client.post(reverse("plans:recommendation_delete", args=[part_b.recommendation_id]))

    assert status_of(plan) == ActionPlan.Status.RESPONDED


def test_restoring_an_unanswered_recommendation_puts_the_plan_back_to_awaiting(
    client, officer, cabinet_a, plan, part_a, part_b
):
    for part in part_a.recommendation.parts.all():
        reject(client, cabinet_a, part)
    client.force_login(officer)
    client.post(reverse("plans:recommendation_delete", args=[part_b.recommendation_id]))
    assert status_of(plan) == ActionPlan.Status.RESPONDED

    client.post(reverse("plans:recommendation_restore", args=[part_b.recommendation_id]))

    assert status_of(plan) == ActionPlan.Status.AWAITING_RESPONSE
    client.force_login(officer)
    assert client.get(reverse("plans:respond", args=[part_b.pk])).status_code == 200


def test_restoring_an_answered_recommendation_leaves_the_response_received(
    client, officer, cabinet_a, cabinet_b, plan, part_a, part_b
):
    for part in part_a.recommendation.parts.all():
        reject(client, cabinet_a, part)
    reject(client, cabinet_b, part_b)
    client.force_login(officer)
    client.post(reverse("plans:recommendation_delete", args=[part_b.recommendation_id]))
    client.post(reverse("plans:recommendation_restore", args=[part_b.recommendation_id]))

    assert status_of(plan) == ActionPlan.Status.RESPONDED
    assert Response.objects.get(part=part_b).explanation == "No."


def test_deleting_a_plan_hides_its_parts_answers_and_report_backs_and_restoring_returns_them(
    plan, part_a, part_b
):
    response = ResponseFactory(part=part_b)
    report_back = ReportBackFactory(action_plan=plan, sequence=1)

    soft_delete(record=plan)

    assert not RecommendationPart.objects.filter(recommendation__action_plan=plan).exists()
    assert not Response.objects.filter(pk=response.pk).exists()
    assert not ReportBack.objects.filter(pk=report_back.pk).exists()
    assert RecommendationPart.deleted_objects.filter(pk=part_a.pk).exists()

    restore(record=plan)

    assert RecommendationPart.objects.filter(recommendation__action_plan=plan).count() == 3
    assert Response.objects.filter(pk=response.pk).exists()
    assert ReportBack.objects.filter(pk=report_back.pk).exists()


def test_a_deleted_recommendations_parts_leave_every_list(client, officer, plan, part_a, part_b):
    soft_delete(record=part_a.recommendation)

    assert set(RecommendationPart.objects.awaiting_response()) == {part_b}
    client.force_login(officer)
    listed = client.get(reverse("plans:recommendation_list")).context["object_list"]
    assert list(listed) == [part_b]
    assert client.get(reverse("plans:respond", args=[part_a.pk])).status_code == 404


def test_plan_counts_leave_out_deleted_recommendations(client, officer, plan, part_a, part_b):
    ResponseFactory(part=part_b)
    RecommendationFactory(action_plan=plan, deleted_at=True)
    deleted = PartFactory(recommendation__action_plan=plan)
    ResponseFactory(part=deleted)
    soft_delete(record=deleted.recommendation)

    client.force_login(officer)
    listed = client.get(reverse("plans:plan_list")).context["object_list"]

    counted = next(each for each in listed if each.pk == plan.pk)
    assert (counted.recommendation_count, counted.part_count, counted.answered_count) == (2, 3, 1)


def test_deleting_and_restoring_a_plan_keeps_its_progress_updates_report_backs(followed):
    """A soft delete destroys nothing: what points at the plan's report-backs still does."""
    update = ProgressUpdateFactory(subject=followed.item_a, report_back=followed.first)

    soft_delete(record=followed.plan)
    restore(record=followed.plan)

    update.refresh_from_db()
    assert update.report_back_id == followed.first.pk
