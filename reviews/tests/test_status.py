"""Each status change is dated, attributed and shown on the review page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reviews.models import Review, ReviewStatusChange
from reviews.tests.helpers import page_text

pytestmark = pytest.mark.django_db


def change(client, review, **body):
    body.setdefault("loaded_version", str(review.version))
    day = body.pop("day", datetime.date(2014, 9, 10))
    body.update({"changed_on_0": day.day, "changed_on_1": day.month, "changed_on_2": day.year})
    return client.post(reverse("reviews:status", args=[review.pk]), body)


def test_a_move_forward_is_recorded_with_its_date_and_who_made_it(client, officer, joint_review):
    client.force_login(officer)
    response = change(client, joint_review, to_status="gathering_evidence", note="Session 1 held.")
    assert response.status_code == 302
    joint_review.refresh_from_db()
    assert joint_review.status == Review.Status.GATHERING_EVIDENCE
    record = ReviewStatusChange.objects.get(review=joint_review)
    assert (record.from_status, record.to_status) == ("scoping", "gathering_evidence")
    assert record.changed_on == datetime.date(2014, 9, 10)
    assert record.changed_by == officer
    page = page_text(client.get(joint_review.get_absolute_url()))
    assert "10 September 2014 Scoping to Gathering evidence Olive Officer Session 1 held." in page


def test_moving_back_needs_a_reason(client, officer, joint_review):
    client.force_login(officer)
    response = change(client, joint_review, to_status="proposed")
    assert "Give the reason for moving the review back to “proposed”" in page_text(response)
    assert not ReviewStatusChange.objects.exists()
    response = change(client, joint_review, to_status="proposed", note="Scope rethought.")
    assert response.status_code == 302
    assert ReviewStatusChange.objects.get().note == "Scope rethought."


def test_a_date_in_the_future_or_before_the_last_change_is_refused(client, officer, joint_review):
    client.force_login(officer)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = change(client, joint_review, to_status="drafting_report", day=tomorrow)
    assert "The date of the change must be today or earlier" in page_text(response)
    assert change(client, joint_review, to_status="gathering_evidence").status_code == 302
    joint_review.refresh_from_db()
    response = change(
        client, joint_review, to_status="drafting_report", day=datetime.date(2014, 9, 1)
    )
    assert "The date cannot be before the last change, on 10 September 2014" in page_text(response)


def test_the_current_status_is_not_offered(client, officer, joint_review):
    client.force_login(officer)
    response = change(client, joint_review, to_status="scoping")
    assert "Select a valid choice" in page_text(response)


def test_a_status_change_on_a_stale_page_is_refused(client, officer, joint_review):
    client.force_login(officer)
    assert change(client, joint_review, to_status="gathering_evidence").status_code == 302
    response = change(client, joint_review, to_status="closed", loaded_version="1")
    assert "changed this after you opened it" in page_text(response)
    joint_review.refresh_from_db()
    assert joint_review.status == Review.Status.GATHERING_EVIDENCE
    assert ReviewStatusChange.objects.count() == 1
