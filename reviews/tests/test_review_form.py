"""Proposing and scoping a review: its councils, committees, report-back, and the warning when
another council already has a review like it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Review, ReviewStatusChange
from reviews.tests.factories import ActivityFactory, ReviewFactory
from reviews.tests.helpers import page_text
from scraip.councils.tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def proposal(committees, **changes):
    body = {
        "title": "Governance of shared services",
        "aim": "To consider how the shared services partnership is governed and communicated.",
        "reason_selected": "Members have asked who decides what.",
        "lead_authority": committees[0].authority_id,
        "other_authorities": [c.authority_id for c in committees[1:]],
        "commissioning_committees": [c.pk for c in committees],
        "programme_year": "2026",
        "report_due": "December 2026",
        "reports_to_description": "Joint meeting of the committees",
        "loaded_version": "1",
    }
    body.update(changes)
    return {key: value for key, value in body.items() if value is not None}


def test_an_officer_proposes_a_joint_review_and_its_first_status_is_recorded(
    client, officer, committee, swale_committee
):
    client.force_login(officer)
    response = client.post(reverse("reviews:create"), proposal([committee, swale_committee]))
    review = Review.objects.get()
    assert response.status_code == 302
    assert response.url == review.get_absolute_url()
    assert review.status == Review.Status.PROPOSED
    assert review.participating_authority_ids == {
        committee.authority_id,
        swale_committee.authority_id,
    }
    assert review.is_joint
    assert review.report_due_display == "December 2026"
    change = ReviewStatusChange.objects.get(review=review)
    assert (change.to_status, change.changed_by, change.changed_on) == (
        Review.Status.PROPOSED,
        officer,
        timezone.localdate(),
    )


def test_a_committee_of_a_council_not_taking_part_is_refused(
    client, officer, committee, swale_committee
):
    client.force_login(officer)
    body = proposal([committee], commissioning_committees=[committee.pk, swale_committee.pk])
    response = client.post(reverse("reviews:create"), body)
    assert response.status_code == 200
    assert (
        "Scrutiny Committee is a committee of Swale Borough Council, which is not taking part"
        in page_text(response)
    )
    assert not Review.objects.exists()
    # Nothing typed is lost.
    assert "Members have asked who decides what." in page_text(response)


def test_an_officer_can_only_lead_a_review_for_their_own_council(
    client, officer, committee, swale_committee
):
    client.force_login(officer)
    body = proposal([swale_committee, committee])
    response = client.post(reverse("reviews:create"), body)
    assert "Select a valid choice" in page_text(response)
    assert not Review.objects.exists()


def test_the_officers_own_council_is_chosen_as_the_lead(client, officer, authority):
    client.force_login(officer)
    html = client.get(reverse("reviews:create")).content.decode()
    assert f'<option value="{authority.pk}" selected>{authority.name}</option>' in html


def test_a_review_like_another_councils_is_flagged_and_linked_before_it_is_saved(
    client, officer, committee, other_authority
):
    existing = ReviewFactory(
        title="Governance and communication of the shared services partnership",
        aim="How the shared services partnership is governed, and how it communicates.",
        lead_authority=other_authority,
    )
    client.force_login(officer)
    response = client.post(reverse("reviews:create"), proposal([committee]))
    text = page_text(response)
    assert response.status_code == 200
    assert not Review.objects.filter(lead_authority=committee.authority).exists()
    assert "Another council is running or has recently run a review like this one" in text
    assert reverse("reviews:summary", args=[existing.pk]) in response.content.decode()
    assert "tick the box if yours is not a duplicate" in text

    body = proposal([committee], confirm_not_duplicate="on")
    response = client.post(reverse("reviews:create"), body)
    assert response.status_code == 302
    assert Review.objects.filter(lead_authority=committee.authority).count() == 1


def test_an_unrelated_review_is_saved_without_a_warning(
    client, officer, committee, other_authority
):
    ReviewFactory(
        title="Fly-tipping enforcement",
        aim="How fly-tipping is reported, cleared and prosecuted.",
        lead_authority=other_authority,
    )
    client.force_login(officer)
    response = client.post(reverse("reviews:create"), proposal([committee]))
    assert response.status_code == 302


def test_editing_keeps_the_lead_council_among_those_taking_part(
    client, officer, joint_review, committee
):
    client.force_login(officer)
    body = proposal([committee], title="Renamed review", loaded_version=str(joint_review.version))
    response = client.post(reverse("reviews:edit", args=[joint_review.pk]), body)
    assert response.status_code == 302
    joint_review.refresh_from_db()
    assert joint_review.title == "Renamed review"
    assert list(joint_review.participating_authorities.all()) == [committee.authority]
    assert joint_review.version == 2


def test_a_stale_edit_is_refused_and_says_what_changed(client, officer, joint_review, committee):
    client.force_login(officer)
    first = proposal([committee], title="First edit", loaded_version="1")
    second = proposal([committee], title="Second edit", loaded_version="1")
    assert client.post(reverse("reviews:edit", args=[joint_review.pk]), first).status_code == 302
    response = client.post(reverse("reviews:edit", args=[joint_review.pk]), second)
    assert response.status_code == 200
    assert "changed this after you opened it" in page_text(response)
    assert "“First edit”" in page_text(response)
    joint_review.refresh_from_db()
    assert joint_review.title == "First edit"


def test_the_report_back_cannot_move_before_a_planned_session(
    client, officer, joint_review, committee, swale_committee, tunbridge_wells_committee
):
    ActivityFactory(
        review=joint_review, planned_on=datetime.date(2014, 11, 11), planned_precision="mid_late"
    )
    client.force_login(officer)
    body = proposal(
        [committee, swale_committee, tunbridge_wells_committee],
        report_due="October 2014",
        loaded_version=str(joint_review.version),
    )
    response = client.post(reverse("reviews:edit", args=[joint_review.pk]), body)
    assert "Session 1 is planned for Mid/Late November 2014, after this date" in page_text(response)
    joint_review.refresh_from_db()
    assert joint_review.report_due_display == "December 2014"


def test_a_meeting_of_a_commissioning_committee_sets_the_report_back_date(
    client, officer, joint_review, committee, swale_committee, tunbridge_wells_committee
):
    meeting = MeetingFactory(committee=swale_committee, date=datetime.date(2014, 12, 9))
    other = MeetingFactory(date=datetime.date(2014, 12, 10))
    client.force_login(officer)
    committees = [committee, swale_committee, tunbridge_wells_committee]
    url = reverse("reviews:edit", args=[joint_review.pk])
    body = proposal(committees, reports_to=str(other.pk), loaded_version="1")
    assert "Select a valid choice" in page_text(client.post(url, body))
    body = proposal(committees, reports_to=str(meeting.pk), loaded_version="1")
    assert client.post(url, body).status_code == 302
    joint_review.refresh_from_db()
    assert joint_review.reports_to == meeting
    assert joint_review.report_due_display == "9 December 2014"
    assert joint_review.report_deadline == datetime.date(2014, 12, 9)


@pytest.mark.parametrize("field", ["other_authorities", "commissioning_committees"])
def test_an_id_too_large_for_the_database_is_an_invalid_choice(client, officer, committee, field):
    client.force_login(officer)
    body = proposal([committee], **{field: ["99999999999999999999"]})
    response = client.post(reverse("reviews:create"), body)
    assert response.status_code == 200
    assert "is not a valid value" in page_text(response)
    assert not Review.objects.exists()
