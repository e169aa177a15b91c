"""The Django admin refuses what the follow-up pages refuse: each rule lives in the model, whose
clean() and constraints the admin's forms run. Nothing is deleted from the admin."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from scraip.common.versioning import WorkflowError
from scraip.councils.models import Meeting
from scraip.councils.tests.factories import MeetingFactory
from scraip.followup import services
from scraip.followup.models import CalendarFeed, ProgressUpdate, TargetDateChange, Verdict
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.plans.models import RecommendationPart

pytestmark = pytest.mark.django_db


def about(item) -> dict:
    return {
        "content_type": ContentType.objects.get_for_model(RecommendationPart).pk,
        "object_id": item.pk,
    }


def add_update(admin_client, item, lead, **changes):
    return admin_client.post(
        reverse("admin:followup_progressupdate_add"),
        {
            **about(item),
            "status": "on_track",
            "narrative": "Typed in by the administrator.",
            "reported_by": lead.pk,
            "entered_by": lead.user_id,
            "reported_on": "2026-11-20",
            **changes,
        },
    )


def add_verdict(admin_client, item, meeting, **changes):
    return admin_client.post(
        reverse("admin:followup_verdict_add"),
        {
            **about(item),
            "meeting": meeting.pk,
            "verdict": "satisfied",
            "invited_back": "",
            "note": "",
            "recorded_by": admin_client.user.pk,
            **changes,
        },
    )


@pytest.fixture
def admin_client(admin_client, admin_user):
    admin_client.user = admin_user
    return admin_client


def test_the_admin_records_an_update_the_page_would(admin_client, followed, lead_officer_person):
    response = add_update(admin_client, followed.item_g, lead_officer_person)
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().subject == followed.item_g


def test_the_admin_refuses_progress_on_an_item_that_was_not_accepted(
    admin_client, followed, lead_officer_person
):
    page = add_update(admin_client, followed.rejected, lead_officer_person)
    assert "was not accepted, so there is no progress to report on it" in page.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_the_admin_refuses_progress_on_a_closed_item(
    admin_client, officer, followed, lead_officer_person
):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    services.verdict_record(
        subject=followed.item_g, meeting=followed.meeting, verdict="closed", recorded_by=officer
    )
    page = add_update(admin_client, followed.item_g, lead_officer_person)
    assert "it takes no further changes" in page.content.decode()
    assert ProgressUpdate.objects.count() == 1


def test_the_admin_refuses_an_update_dated_after_today(admin_client, followed, lead_officer_person):
    page = add_update(admin_client, followed.item_g, lead_officer_person, reported_on="2026-11-24")
    assert "The date it was reported must be today or earlier" in page.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_the_admin_refuses_a_verdict_before_any_update(admin_client, followed):
    page = add_verdict(admin_client, followed.item_g, followed.meeting)
    assert "No progress on Recommendation G had been reported by 14 January 2027" in (
        page.content.decode()
    )
    assert not Verdict.objects.exists()


def test_the_admin_invites_someone_back_only_when_the_committee_is_not_satisfied(
    admin_client, followed
):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    page = add_verdict(admin_client, followed.item_g, followed.meeting, verdict="not_satisfied")
    assert "Choose who the committee has invited back" in page.content.decode()
    assert not Verdict.objects.exists()
    add_verdict(admin_client, followed.item_g, followed.meeting, invited_back="lead_officer")
    assert (Verdict.objects.get().verdict, Verdict.objects.get().invited_back) == (
        "satisfied",
        "",
    )


def test_the_admin_gives_one_verdict_per_item_per_meeting(admin_client, officer, followed):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    services.verdict_record(
        subject=followed.item_g, meeting=followed.meeting, verdict="satisfied", recorded_by=officer
    )
    page = add_verdict(admin_client, followed.item_g, followed.meeting, verdict="closed")
    assert "already given its verdict on this item at this meeting" in page.content.decode()
    assert Verdict.objects.get().verdict == "satisfied"


def test_the_admin_refuses_a_verdict_at_a_cancelled_meeting(admin_client, committee, followed):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    cancelled = MeetingFactory(
        committee=committee, date=datetime.date(2027, 2, 4), status=Meeting.Status.CANCELLED
    )
    page = add_verdict(admin_client, followed.item_g, cancelled)
    assert "This meeting was cancelled, so it cannot give a verdict." in page.content.decode()
    assert not Verdict.objects.exists()


def test_target_dates_move_only_through_the_item_page(admin_client, officer, followed):
    """The page needs a reason and keeps the old date; the admin cannot add or edit a change."""
    assert admin_client.get(reverse("admin:followup_targetdatechange_add")).status_code == 403
    change = services.target_date_change(
        subject=followed.item_g,
        new_date=datetime.date(2027, 9, 1),
        new_precision="month",
        reason="Awaiting Cabinet",
        changed_by=officer,
        loaded_version=followed.item_g.response.version,
    )
    url = reverse("admin:followup_targetdatechange_change", args=[change.pk])
    page = admin_client.post(url, {"reason": ""})
    assert page.status_code == 403
    assert TargetDateChange.objects.get().reason == "Awaiting Cabinet"


def test_a_target_date_change_without_a_reason_is_refused(officer, followed):
    with pytest.raises(WorkflowError, match="Give the reason for changing the target date"):
        services.target_date_change(
            subject=followed.item_g,
            new_date=datetime.date(2027, 9, 1),
            new_precision="month",
            reason="  ",
            changed_by=officer,
            loaded_version=followed.item_g.response.version,
        )
    assert not TargetDateChange.objects.exists()


def test_the_admin_keeps_a_calendar_to_one_committee_or_one_person(
    admin_client, officer, committee
):
    page = admin_client.post(
        reverse("admin:followup_calendarfeed_add"),
        {"owner": officer.pk, "committee": committee.pk, "person": officer.person.pk},
    )
    assert "A calendar is of one committee or of one person" in page.content.decode()
    assert not CalendarFeed.objects.exists()


@pytest.mark.parametrize("model", [ProgressUpdate, Verdict, TargetDateChange, CalendarFeed])
def test_nothing_is_deleted_from_the_admin(admin_client, model):
    changelist = reverse(f"admin:followup_{model._meta.model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    admin_site_model = admin_client.get(changelist).context["cl"].model_admin
    assert not admin_site_model.has_delete_permission(None)
