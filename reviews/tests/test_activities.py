"""The evidence plan: numbered sessions with planned dates of any precision and lettered parts,
other activities, held with notes, witnesses; nothing planned after the report-back."""

import datetime

import pytest
from django.urls import reverse

from reviews.models import Activity, ActivityPart, Witness
from reviews.tests.factories import ActivityFactory, ActivityPartFactory, WitnessFactory
from reviews.tests.helpers import page_text
from scraip.councils.models import Person

pytestmark = pytest.mark.django_db


def activity_body(parts=(), existing_parts=0, **fields):
    body = {
        "kind": "session",
        "title": "",
        "planned": "",
        "description": "",
        "notes": "",
        "loaded_version": "1",
        "parts-TOTAL_FORMS": str(len(parts)),
        "parts-INITIAL_FORMS": str(existing_parts),
    }
    body.update(fields)
    for index, part in enumerate(parts):
        for key, value in part.items():
            body[f"parts-{index}-{key}"] = value
    return body


def part(letter, description, **extra):
    return {"letter": letter, "kind": "part", "description": description, **extra}


@pytest.mark.parametrize(
    ("typed", "stored", "precision"),
    [
        ("Mid/Late September 2014", datetime.date(2014, 9, 11), "mid_late"),
        ("Early November 2014", datetime.date(2014, 11, 1), "early"),
        ("10 September 2014", datetime.date(2014, 9, 10), "day"),
        ("October 2014", datetime.date(2014, 10, 1), "month"),
        ("August–October 2014", datetime.date(2014, 8, 1), "months"),
        ("Q2 2014/15", datetime.date(2014, 7, 1), "quarter"),
        ("Summer 2014", datetime.date(2014, 6, 1), "season"),
    ],
)
def test_a_session_is_planned_with_a_date_of_any_precision(
    client, officer, joint_review, typed, stored, precision
):
    client.force_login(officer)
    body = activity_body(
        [
            part("A", "To hear from the heads of service.", aim="To understand MKIP's effect."),
            part("b", "Governance: the Monitoring Officers.", heading="Governance"),
        ],
        planned=typed,
    )
    response = client.post(reverse("reviews:activity_create", args=[joint_review.pk]), body)
    activity = Activity.objects.get()
    assert response.status_code == 302
    assert (activity.planned_on, activity.planned_precision) == (stored, precision)
    assert activity.planned_display == typed
    assert [(p.letter, p.position) for p in activity.parts.all()] == [("A", 1), ("B", 2)]
    page = page_text(client.get(joint_review.get_absolute_url()))
    assert f"1. Session 1 – {typed} Planned" in page
    assert "B. Governance Governance: the Monitoring Officers." in page


def test_a_session_after_the_report_back_is_refused_and_nothing_is_lost(
    client, officer, joint_review
):
    client.force_login(officer)
    body = activity_body([part("A", "Draft report.")], planned="January 2015")
    response = client.post(reverse("reviews:activity_create", args=[joint_review.pk]), body)
    text = page_text(response)
    assert (
        "The session is planned for January 2015, after the review reports back (December 2014)"
        in text
    )
    assert not Activity.objects.exists()
    assert 'value="January 2015"' in response.content.decode()
    assert "Draft report." in text


def test_a_vague_date_that_may_fall_before_the_report_back_is_allowed(
    client, officer, joint_review
):
    """ "December 2014" may still come before a joint meeting in December 2014."""
    client.force_login(officer)
    body = activity_body(planned="December 2014", kind="meeting", title="Report back")
    assert (
        client.post(reverse("reviews:activity_create", args=[joint_review.pk]), body).status_code
        == 302
    )


def test_steps_and_sessions_are_numbered_in_date_order(client, officer, joint_review):
    ActivityFactory(
        review=joint_review, planned_on=datetime.date(2014, 11, 1), planned_precision="early"
    )
    ActivityFactory(
        review=joint_review,
        kind="survey",
        title="Members' survey",
        planned_on=datetime.date(2014, 10, 1),
        planned_precision="month",
    )
    ActivityFactory(
        review=joint_review, planned_on=datetime.date(2014, 9, 10), planned_precision="day"
    )
    client.force_login(officer)
    page = page_text(client.get(joint_review.get_absolute_url()))
    first = page.index("1. Session 1 – 10 September 2014")
    second = page.index("2. Members' survey – October 2014")
    third = page.index("3. Session 2 – Early November 2014")
    report = page.index(
        "4. Report back: Joint meeting of the three scrutiny committees – December 2014"
    )
    assert first < second < third < report


def test_an_activity_is_marked_held_with_notes(client, officer, joint_review):
    activity = ActivityFactory(
        review=joint_review, planned_on=datetime.date(2014, 9, 10), planned_precision="day"
    )
    client.force_login(officer)
    body = activity_body(
        planned="10 September 2014",
        held="on",
        held_on_0="10",
        held_on_1="9",
        held_on_2="2014",
        notes="The Director explained the board's role.",
    )
    response = client.post(reverse("reviews:activity_edit", args=[activity.pk]), body)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.held and activity.held_on == datetime.date(2014, 9, 10)
    assert activity.version == 2
    page = page_text(client.get(joint_review.get_absolute_url()))
    assert "Held 10 September 2014" in page
    assert "The Director explained the board's role." in page


def test_an_evidence_day_has_morning_and_afternoon_sessions_and_case_studies(
    client, officer, joint_review
):
    client.force_login(officer)
    body = activity_body(
        [
            part("A", "Strategic issues.", kind="morning"),
            part("B", "Two partnerships in detail.", kind="afternoon"),
            part("C", "How a thematic partnership works.", kind="case_study", heading="Health"),
        ],
        kind="evidence_day",
        title="Partnership scrutiny day",
        planned="27 November 2014",
    )
    assert (
        client.post(reverse("reviews:activity_create", args=[joint_review.pk]), body).status_code
        == 302
    )
    page = page_text(client.get(joint_review.get_absolute_url()))
    assert "1. Partnership scrutiny day – 27 November 2014" in page
    assert "A. Morning session Strategic issues." in page
    assert "B. Afternoon session Two partnerships in detail." in page
    assert "C. Case study: Health How a thematic partnership works." in page


def test_two_parts_cannot_share_a_letter(client, officer, joint_review):
    client.force_login(officer)
    body = activity_body([part("A", "One."), part("a", "Two.")], planned="October 2014")
    response = client.post(reverse("reviews:activity_create", args=[joint_review.pk]), body)
    assert "Give each part its own letter" in page_text(response)
    assert not Activity.objects.exists()


def test_an_activity_is_removed_and_restored(client, officer, joint_review):
    activity = ActivityFactory(review=joint_review)
    client.force_login(officer)
    assert client.post(reverse("reviews:activity_delete", args=[activity.pk])).status_code == 302
    assert not Activity.objects.exists()
    page = page_text(client.get(joint_review.get_absolute_url()))
    assert "Removed activities" in page
    response = client.post(reverse("reviews:activity_restore", args=[activity.pk]))
    assert response.status_code == 302
    assert Activity.objects.get() == activity


def witnesses_body(rows, existing=0):
    body = {"witnesses-TOTAL_FORMS": str(len(rows)), "witnesses-INITIAL_FORMS": str(existing)}
    for index, row in enumerate(rows):
        for key, value in row.items():
            body[f"witnesses-{index}-{key}"] = value
    return body


def test_witnesses_are_people_new_or_known_or_organisations(
    client, officer, joint_review, lead_officer_person
):
    activity = ActivityFactory(review=joint_review)
    part_a = ActivityPartFactory(activity=activity, letter="A")
    part_b = ActivityPartFactory(activity=activity, letter="B")
    client.force_login(officer)
    body = witnesses_body(
        [
            {"part": part_a.pk, "name": "Paul Renshaw", "organisation": "MKIP", "role": "Director"},
            {"part": part_a.pk, "person": lead_officer_person.pk, "role": "Head of Policy"},
            {
                "part": part_b.pk,
                "organisation": "Local Government Association",
                "topics": "governance",
            },
        ]
    )
    response = client.post(reverse("reviews:activity_witnesses", args=[activity.pk]), body)
    assert response.status_code == 302
    new = Person.objects.get(name="Paul Renshaw")
    assert (new.kind, new.organisation, new.job_title) == ("witness", "MKIP", "Director")
    assert Witness.objects.filter(part=part_a).count() == 2
    assert Witness.objects.get(part=part_b).name == "Local Government Association"
    page = page_text(client.get(joint_review.get_absolute_url()))
    assert "Witnesses: Paul Renshaw, Director (MKIP); Liam Lead, Head of Policy" in page


def test_a_witness_is_someone_or_an_organisation(
    client, officer, joint_review, lead_officer_person
):
    activity = ActivityFactory(review=joint_review)
    part_a = ActivityPartFactory(activity=activity, letter="A")
    client.force_login(officer)
    url = reverse("reviews:activity_witnesses", args=[activity.pk])
    nobody = client.post(url, witnesses_body([{"part": part_a.pk, "role": "Director"}]))
    assert "Choose a witness, or give a new witness's name or an organisation" in page_text(nobody)
    both = witnesses_body([{"part": part_a.pk, "person": lead_officer_person.pk, "name": "X"}])
    assert "Either choose someone already known or give a new name" in page_text(
        client.post(url, both)
    )
    assert not Witness.objects.exists()


def test_a_part_with_witnesses_cannot_be_removed(client, officer, joint_review):
    activity = ActivityFactory(review=joint_review)
    part_a = WitnessFactory(part__activity=activity, part__letter="A").part
    client.force_login(officer)
    body = activity_body(
        [{**part("A", part_a.description), "id": str(part_a.pk), "DELETE": "on"}],
        existing_parts=1,
        planned="October 2026",
        kind="session",
    )
    body["planned"] = "October 2014"
    response = client.post(reverse("reviews:activity_edit", args=[activity.pk]), body)
    assert "Part A has witnesses, so it cannot be removed" in page_text(response)
    assert ActivityPart.objects.filter(pk=part_a.pk).exists()


def test_witnesses_need_the_activitys_parts_first(client, officer, joint_review):
    activity = ActivityFactory(review=joint_review)
    client.force_login(officer)
    response = client.get(reverse("reviews:activity_witnesses", args=[activity.pk]))
    assert response.url == reverse("reviews:activity_edit", args=[activity.pk])
