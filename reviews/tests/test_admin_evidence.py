"""The Django admin refuses what the evidence plan's pages refuse: an activity held in the
future or planned after the report-back, parts without a proper letter or description, two
parts sharing a letter, a part with witnesses removed, and a witness who is no one. The status
change rules, which no admin page can reach, are checked on the model and in the database."""

import datetime

import pytest
from django.db import IntegrityError
from django.urls import reverse
from django.utils import timezone

from reviews.models import ActivityPart, ReviewStatusChange, Witness
from reviews.tests.admin_forms import add_inline_rows, admin_form_data
from reviews.tests.factories import ActivityFactory, ActivityPartFactory, WitnessFactory
from reviews.tests.helpers import page_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def activity(joint_review):
    return ActivityFactory(
        review=joint_review, planned_on=datetime.date(2014, 10, 1), planned_precision="month"
    )


def change_url(activity) -> str:
    return reverse("admin:reviews_activity_change", args=[activity.pk])


def post_activity(admin_client, activity, parts=(), **fields):
    data = admin_form_data(admin_client.get(change_url(activity)))
    data.update(fields)
    add_inline_rows(data, "parts", list(parts))
    return admin_client.post(change_url(activity), data)


def refused(response, message: str) -> bool:
    return response.status_code == 200 and message in page_text(response)


def part_row(letter, description="To hear from the head of service.", **extra) -> dict:
    return {
        "letter": letter,
        "kind": "part",
        "heading": "",
        "description": description,
        "aim": "",
        "position": "0",
        **extra,
    }


def test_a_date_held_in_the_future_is_refused(admin_client, activity):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = post_activity(admin_client, activity, held_on=tomorrow.isoformat())
    assert refused(response, "The date it was held must be today or earlier")
    activity.refresh_from_db()
    assert activity.held_on is None


def test_a_date_held_marks_the_activity_held(admin_client, activity):
    response = post_activity(admin_client, activity, held_on="2014-10-02")
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.held and activity.held_on == datetime.date(2014, 10, 2)


def test_a_session_planned_after_the_report_back_is_refused(admin_client, activity):
    response = post_activity(admin_client, activity, planned_on="2015-01-01")
    assert refused(
        response,
        "The session is planned for January 2015, after the review reports back (December 2014)",
    )
    activity.refresh_from_db()
    assert activity.planned_on == datetime.date(2014, 10, 1)


@pytest.mark.parametrize(
    ("parts", "message"),
    [
        ([part_row("A!")], "Use a letter such as A or B"),
        ([part_row("A"), part_row("a")], "Give each part its own letter"),
        ([part_row("A", description="")], "Say what happens in this part"),
    ],
    ids=["not-a-letter", "letter-twice", "no-description"],
)
def test_a_part_the_activity_page_refuses_is_refused(admin_client, activity, parts, message):
    assert refused(post_activity(admin_client, activity, parts), message)
    assert not ActivityPart.objects.exists()


def test_the_admin_removes_no_part(admin_client, activity):
    # No hard delete from the admin: the inline offers no delete box, and a forged one is
    # ignored (parts are changed on the activity's page, which refuses one with witnesses).
    part = WitnessFactory(part__activity=activity, part__letter="A").part
    page = admin_client.get(change_url(activity))
    assert "parts-0-DELETE" not in page.content.decode()
    data = admin_form_data(page)
    data["parts-0-DELETE"] = "on"
    admin_client.post(change_url(activity), data)
    assert ActivityPart.objects.filter(pk=part.pk).exists()


def test_letters_are_written_as_capitals_and_parts_numbered_in_letter_order(admin_client, activity):
    ActivityPartFactory(activity=activity, letter="B", position=1)
    response = post_activity(admin_client, activity, [part_row(" a ")])
    assert response.status_code == 302
    assert [(part.letter, part.position) for part in activity.parts.all()] == [("A", 1), ("B", 2)]


def test_a_witness_who_is_no_one_is_refused(admin_client, activity):
    part = ActivityPartFactory(activity=activity, letter="A")
    url = reverse("admin:reviews_witness_add")
    data = admin_form_data(admin_client.get(url))
    data.update({"part": str(part.pk), "person": "", "organisation": "", "role": "Director"})
    response = admin_client.post(url, data)
    assert refused(response, "Choose a witness, or give a new witness's name or an organisation")
    assert not Witness.objects.exists()


def status_change(review, **fields) -> ReviewStatusChange:
    values = {"from_status": "scoping", "to_status": "proposed", "changed_on": "2014-09-10"}
    return ReviewStatusChange(review=review, **{**values, **fields})


def test_moving_a_review_back_without_a_reason_is_refused_by_the_model_and_the_database(
    joint_review,
):
    change = status_change(joint_review)
    with pytest.raises(Exception, match="Give the reason for moving the review back to"):
        change.full_clean()
    with pytest.raises(IntegrityError):
        change.save()


def test_a_status_change_dated_in_the_future_is_refused_by_the_model(joint_review):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    change = status_change(joint_review, to_status="gathering_evidence", changed_on=tomorrow)
    with pytest.raises(Exception, match="The date of the change must be today or earlier"):
        change.full_clean()
