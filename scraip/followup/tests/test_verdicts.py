"""The committee's verdicts: given on reported progress, naming who is invited back, closing
items and plans, and completing a report-back once every item due has one."""

import pytest
from django.urls import reverse

from scraip.followup import services
from scraip.followup.models import Verdict
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.plans.models import ActionPlan

from .helpers import verdict_url

pytestmark = pytest.mark.django_db


def test_verdict_before_any_update_is_refused(client, officer, followed):
    client.force_login(officer)
    page = client.post(verdict_url(followed.item_g, followed.meeting), {"verdict": "satisfied"})
    assert "No progress on Recommendation G had been reported by 14 January 2027" in (
        page.content.decode()
    )
    assert not Verdict.objects.exists()


def test_not_satisfied_names_who_is_invited_back(client, officer, followed):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    client.force_login(officer)
    url = verdict_url(followed.item_g, followed.meeting)
    page = client.post(url, {"verdict": "not_satisfied"})
    assert "Choose who the committee has invited back" in page.content.decode()
    response = client.post(url, {"verdict": "not_satisfied", "invited_back": "cabinet_member"})
    assert response.url.endswith(f"#item-{followed.item_g.pk}")
    verdict = Verdict.objects.get()
    assert (verdict.verdict, verdict.invited_back, verdict.report_back) == (
        "not_satisfied",
        "cabinet_member",
        followed.first,
    )


def test_plan_closes_when_every_item_is_closed_or_rejected_and_reopens(officer, followed):
    meeting = followed.meeting
    for item in (followed.item_a, followed.item_g):
        ProgressUpdateFactory(subject=item, report_back=followed.first, status="implemented")
    services.verdict_record(
        subject=followed.item_a, meeting=meeting, verdict="closed", recorded_by=officer
    )
    assert ActionPlan.objects.get().status == ActionPlan.Status.RESPONDED
    verdict = services.verdict_record(
        subject=followed.item_g, meeting=meeting, verdict="closed", recorded_by=officer
    )
    assert ActionPlan.objects.get().status == ActionPlan.Status.CLOSED
    services.verdict_record(
        subject=followed.item_g,
        meeting=meeting,
        verdict="not_satisfied",
        invited_back="lead_officer",
        recorded_by=officer,
        instance=verdict,
        loaded_version=verdict.version,
    )
    assert ActionPlan.objects.get().status == ActionPlan.Status.RESPONDED


def test_report_back_completes_only_once_every_item_due_has_a_verdict(client, officer, followed):
    url = reverse("followup:report_back_complete", args=[followed.first.pk])
    for item in (followed.item_a, followed.item_g):
        ProgressUpdateFactory(subject=item, report_back=followed.first)
    services.verdict_record(
        subject=followed.item_a,
        meeting=followed.meeting,
        verdict="satisfied",
        report_back=followed.first,
        recorded_by=officer,
    )
    client.force_login(officer)
    page = client.post(url, {"note": "All heard."})
    assert "has not yet given its verdict on Recommendation G" in page.content.decode()
    followed.first.refresh_from_db()
    assert not followed.first.completed
    services.verdict_record(
        subject=followed.item_g,
        meeting=followed.meeting,
        verdict="satisfied",
        report_back=followed.first,
        recorded_by=officer,
    )
    assert client.post(url, {"note": "All heard."}).status_code == 302
    followed.first.refresh_from_db()
    assert (followed.first.completed, followed.first.note) == (True, "All heard.")
