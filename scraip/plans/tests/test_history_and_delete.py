"""Audit history pages, and soft delete with restore."""

import datetime

import pytest
from django.urls import reverse

from scraip.common.softdelete import soft_delete
from scraip.councils.tests.factories import OfficerFactory, UserFactory
from scraip.plans.models import ActionPlan, Recommendation
from scraip.plans.tests.factories import RecommendationFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_which_field_from_what_to_what(client, officer, plan, committee):
    client.force_login(officer)
    client.post(
        reverse("plans:plan_edit", args=[plan.pk]),
        {
            "title": "Review of Partnerships (revised)",
            "committee": committee.pk,
            "publication_date_0": "17",
            "publication_date_1": "9",
            "publication_date_2": "2026",
            "received_on_0": "1",
            "received_on_1": "10",
            "received_on_2": "2026",
            "loaded_version": "1",
        },
    )
    page = client.get(reverse("plans:plan_history", args=[plan.pk]))
    entries = page.context["entries"]
    latest = entries[0]
    assert latest.who == "Olive Officer"
    assert latest.what == "Changed"
    assert [(c.field, c.old, c.new) for c in latest.changes] == [
        ("Report title", "Review of Partnerships", "Review of Partnerships (revised)")
    ]
    assert entries[-1].what == "Created"
    html = page.content.decode()
    assert "“Review of Partnerships” to “Review of Partnerships (revised)”" in html


def test_history_times_are_stored_in_utc_and_shown_in_london_time(client, officer, plan):
    record = plan.history.latest()
    record.history_date = datetime.datetime(2026, 7, 1, 11, 30, tzinfo=datetime.UTC)
    record.save()
    client.force_login(officer)
    html = client.get(reverse("plans:plan_history", args=[plan.pk])).content.decode()
    assert "1 July 2026, 12:30" in html  # British Summer Time


def test_response_history_names_the_foreign_keys(
    client, councillor, part_a, lead_officer_person, cabinet_a
):
    response = ResponseFactory(
        part=part_a, lead_officer=lead_officer_person, responded_by=cabinet_a.person
    )
    replacement = OfficerFactory(
        authority=part_a.recommendation.action_plan.authority, name="Rita Replacement"
    )
    response.lead_officer = replacement
    response.save()
    client.force_login(councillor)
    page = client.get(reverse("plans:response_history", args=[response.pk]))
    change = page.context["entries"][0].changes
    assert [(c.field, c.old, c.new) for c in change] == [
        ("Lead officer", "Liam Lead", "Rita Replacement")
    ]


def test_no_page_changes_history(client, officer, plan):
    before = list(plan.history.values_list("history_id", "title"))
    client.force_login(officer)
    assert client.post(reverse("plans:plan_history", args=[plan.pk])).status_code == 405
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    record = plan.history.latest()
    revert = reverse("admin:plans_actionplan_simple_history", args=[plan.pk, record.history_id])
    client.post(revert, {"title": "Reverted", "_continue": "1"})
    assert list(plan.history.values_list("history_id", "title")) == before


def test_officer_deletes_and_restores_a_plan(client, officer, plan, part_a):
    client.force_login(officer)
    page = client.post(reverse("plans:plan_delete", args=[plan.pk]))
    assert page.url == reverse("plans:deleted_items")
    assert client.get(plan.get_absolute_url()).status_code == 404
    assert plan not in client.get(reverse("plans:plan_list")).context["object_list"]
    assert ActionPlan.all_objects.filter(pk=plan.pk).exists()
    deleted = client.get(reverse("plans:deleted_items"))
    assert plan.title in deleted.content.decode()
    client.post(reverse("plans:plan_restore", args=[plan.pk]))
    restored = client.get(plan.get_absolute_url())
    assert restored.status_code == 200
    assert "Adopt it." in restored.content.decode()  # its recommendations came back with it


def test_a_deleted_plans_items_leave_the_cabinet_members_list(
    client, officer, cabinet_a, plan, part_a
):
    client.force_login(officer)
    client.post(reverse("plans:plan_delete", args=[plan.pk]))
    client.force_login(cabinet_a)
    assert list(client.get(reverse("plans:awaiting_response")).context["parts"]) == []
    assert client.get(reverse("plans:respond", args=[part_a.pk])).status_code == 404


def test_officer_deletes_and_restores_a_recommendation(client, officer, plan, part_a):
    recommendation = part_a.recommendation
    client.force_login(officer)
    client.post(reverse("plans:recommendation_delete", args=[recommendation.pk]))
    page = client.get(plan.get_absolute_url()).content.decode()
    assert "Adopt it." not in page
    assert Recommendation.all_objects.get(pk=recommendation.pk).is_deleted
    client.post(reverse("plans:recommendation_restore", args=[recommendation.pk]))
    assert "Adopt it." in client.get(plan.get_absolute_url()).content.decode()


def test_delete_is_never_a_get(client, officer, plan):
    client.force_login(officer)
    client.get(reverse("plans:plan_delete", args=[plan.pk]))
    plan.refresh_from_db()
    assert not plan.is_deleted


def test_the_admin_cannot_hard_delete(client, plan):
    admin = UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    url = reverse("admin:plans_actionplan_delete", args=[plan.pk])
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert ActionPlan.all_objects.filter(pk=plan.pk).exists()


def test_restore_of_someone_elses_plan_is_refused(client, other_officer, plan):
    soft_delete(record=plan)
    client.force_login(other_officer)
    assert client.post(reverse("plans:plan_restore", args=[plan.pk])).status_code == 404
    plan.refresh_from_db()
    assert plan.is_deleted


def test_a_deleted_recommendations_letter_can_be_reused_and_restore_says_why_not(
    client, officer, plan, part_b
):
    recommendation = part_b.recommendation
    client.force_login(officer)
    client.post(reverse("plans:recommendation_delete", args=[recommendation.pk]))
    RecommendationFactory(action_plan=plan, letter="G")
    page = client.post(
        reverse("plans:recommendation_restore", args=[recommendation.pk]), follow=True
    )
    assert "the plan now has another recommendation G" in page.content.decode()
    assert Recommendation.all_objects.get(pk=recommendation.pk).is_deleted
