"""Outcomes report progress through the one follow-up engine (scraip.followup): the same pages,
forms and templates as a SCRAIP's items, and updates that are followup.ProgressUpdate rows
whose subject is the outcome."""

import datetime

import pytest
from django.urls import reverse

from partnerships.models import Outcome
from scraip.common.softdelete import restore, soft_delete
from scraip.councils.tests.factories import CommitteeFactory, MeetingFactory
from scraip.followup.models import ProgressUpdate, TargetDateChange, Verdict
from scraip.followup.tests.factories import ProgressUpdateFactory

from .factories import OutcomeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outcome(partnership, lead_officer_person):
    return OutcomeFactory(
        partnership=partnership, lead=lead_officer_person, description="Fewer admissions"
    )


def test_the_lead_officer_reports_progress_through_the_core(client, lead_officer, outcome):
    client.force_login(lead_officer)
    url = reverse("partnerships:progress_add", args=[outcome.pk])
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url, {"status": "on_track", "narrative": "Admissions down 4%.", "loaded_version": ""}
    )
    assert response.status_code == 302, response.context["form"].errors
    update = ProgressUpdate.objects.get()
    assert update.subject == outcome
    assert update.reported_by == outcome.lead
    assert response.url == reverse("partnerships:outcome_progress", args=[outcome.pk])
    shown = client.get(response.url, follow=True)
    assert "Admissions down 4%." in shown.content.decode()
    assert "Progress update on Agreed outcome: Fewer admissions saved." in (shown.content.decode())
    detail = client.get(outcome.partnership.get_absolute_url()).content.decode()
    assert "On track" in detail


def test_a_councillor_may_read_but_not_report(client, councillor, outcome):
    client.force_login(councillor)
    assert (
        client.get(reverse("partnerships:outcome_progress", args=[outcome.pk])).status_code == 200
    )
    assert client.get(reverse("partnerships:progress_add", args=[outcome.pk])).status_code == 403


def test_the_committee_verdict_is_recorded_on_the_outcome(client, officer, outcome, authority):
    meeting = MeetingFactory(
        committee=CommitteeFactory(authority=authority), date=datetime.date(2027, 2, 1)
    )
    ProgressUpdateFactory(subject=outcome, reported_on=datetime.date(2027, 1, 4))
    client.force_login(officer)
    url = reverse("partnerships:outcome_verdict", args=[outcome.pk, meeting.pk])
    response = client.post(url, {"verdict": "satisfied", "loaded_version": ""})
    assert response.status_code == 302, response.context["form"].errors
    verdict = Verdict.objects.get()
    assert (verdict.subject, verdict.meeting) == (outcome, meeting)
    assert response.url == reverse("partnerships:outcome_progress", args=[outcome.pk])


def test_the_outcome_page_offers_the_councils_meetings_for_a_verdict(
    client, officer, lead_officer, outcome, authority
):
    meeting = MeetingFactory(
        committee=CommitteeFactory(authority=authority, name="Overview and Scrutiny"),
        date=datetime.date(2027, 2, 1),
    )
    url = reverse("partnerships:outcome_progress", args=[outcome.pk])
    client.force_login(officer)
    page = client.get(url).content.decode()
    assert "Record the committee's verdict" in page
    assert reverse("partnerships:outcome_verdict", args=[outcome.pk, meeting.pk]) in page
    assert "Overview and Scrutiny, 1 February 2027" in page
    assert "Partnership register" in page and "West Kent Health Partnership" in page
    client.force_login(lead_officer)  # reports progress, gives no verdict
    page = client.get(url).content.decode()
    assert "Add a progress update" in page
    assert "Record the committee's verdict" not in page


def test_a_verdict_needs_an_update_reported_by_the_meeting(client, officer, outcome, authority):
    meeting = MeetingFactory(
        committee=CommitteeFactory(authority=authority), date=datetime.date(2027, 2, 1)
    )
    client.force_login(officer)
    url = reverse("partnerships:outcome_verdict", args=[outcome.pk, meeting.pk])
    page = client.post(url, {"verdict": "satisfied", "loaded_version": ""})
    assert "had been reported by 1 February 2027" in page.content.decode()
    assert not Verdict.objects.exists()


def test_deleting_the_partnership_hides_its_outcomes_progress(client, officer, outcome):
    update = ProgressUpdateFactory(subject=outcome)
    soft_delete(record=outcome.partnership)
    assert not ProgressUpdate.objects.exists()
    client.force_login(officer)
    url = reverse("partnerships:outcome_progress", args=[outcome.pk])
    assert client.get(url).status_code == 404
    assert client.get(reverse("partnerships:progress_edit", args=[update.pk])).status_code == 404
    restore(record=outcome.partnership)
    assert ProgressUpdate.objects.get() == update
    assert client.get(url).status_code == 200


def test_no_second_progress_store():
    """The register keeps no progress table of its own."""
    fields = {field.name for field in Outcome._meta.get_fields()}
    assert {"progress_updates", "verdicts", "target_date_changes"} <= fields
    assert "status" not in fields


def test_a_moved_target_keeps_the_old_date_and_the_reason(client, lead_officer, outcome):
    client.force_login(lead_officer)
    url = reverse("partnerships:outcome_target", args=[outcome.pk])
    refused = client.post(
        url, {"new_target": "June 2027", "reason": "", "loaded_version": outcome.version}
    )
    assert refused.status_code == 200
    response = client.post(
        url,
        {
            "new_target": "June 2027",
            "reason": "A partner's funding came late.",
            "loaded_version": outcome.version,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    change = TargetDateChange.objects.get()
    assert (change.subject, change.old_date, change.new_date) == (
        outcome,
        datetime.date(2027, 3, 1),
        datetime.date(2027, 6, 1),
    )
    outcome.refresh_from_db()
    assert outcome.target_date == datetime.date(2027, 6, 1)
    page = client.get(reverse("partnerships:outcome_progress", args=[outcome.pk])).content.decode()
    assert "A partner&#x27;s funding came late." in page
