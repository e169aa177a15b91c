"""The plan's history page: the plan's own changes with its report-backs' and the cabinet's
answers', each saying who made it and what it is about, newest first."""

import datetime

import pytest
from django.urls import reverse

from scraip.common.history import history_entries
from scraip.councils.tests.factories import MeetingFactory, OfficerFactory
from scraip.plans.models import ReportBack, Response
from scraip.plans.tests.factories import PartFactory, RecommendationFactory, ResponseFactory

from .test_report_backs import rows

pytestmark = pytest.mark.django_db


def plan_history(client, plan):
    return client.get(reverse("plans:plan_history", args=[plan.pk]))


def about(entries, subject):
    return [
        (entry.what, [(c.field, c.old, c.new) for c in entry.changes])
        for entry in entries
        if entry.subject == subject
    ]


def test_report_back_changes_are_in_the_plans_history_with_who_made_them(client, officer, plan):
    meeting = MeetingFactory(committee=plan.committee, date=datetime.date(2027, 1, 12))
    client.force_login(officer)
    url = reverse("plans:report_backs_edit", args=[plan.pk])
    client.post(url, rows("1 April 2008"))
    report_back = plan.report_backs.get()
    saved = {"initial": 1, "report_backs-0-id": report_back.pk}
    client.post(url, rows("1 May 2008", **saved))  # the date moved
    client.post(url, rows("", **saved, **{"report_backs-0-meeting": meeting.pk}))
    completing = {"report_backs-0-meeting": meeting.pk, "report_backs-0-completed": "on"}
    assert client.post(url, rows("", **saved, **completing)).status_code == 302
    client.post(url, rows("", **saved, **completing, **{"report_backs-0-DELETE": "on"}))
    assert not ReportBack.objects.exists()

    page = plan_history(client, plan)
    entries = page.context["entries"]
    assert about(entries, "The 1st report-back (12 January 2027)") == [
        ("Deleted", []),
        ("Changed", [("Completed", "No", "Yes")]),
        (
            "Changed",
            [
                ("Due on", "1 May 2008", "12 January 2027"),
                ("Meeting", "(blank)", str(meeting)),
            ],
        ),
        ("Changed", [("Due on", "1 April 2008", "1 May 2008")]),
        ("Created", []),
    ]
    assert {entry.who for entry in entries if entry.subject} == {"Olive Officer"}
    html = page.content.decode()
    assert "Deleted</span>: The 1st report-back (12 January 2027)" in html
    assert "“1 April 2008” to “1 May 2008”" in html
    assert html.count(">Changed<") == 3  # no blank row for the plan or the report-back


def respond(client, part, **values):
    return client.post(reverse("plans:respond", args=[part.pk]), values)


def test_a_responses_field_changes_are_in_the_plans_history_with_who_made_them(
    client, cabinet_a, officer, part_a, lead_officer_person, plan
):
    client.force_login(cabinet_a)
    first = {
        "decision": "accepted",
        "explanation": "The definition is helpful.",
        "action": "Adopt the definition.",
        "timetable_text": "March 2027",
        "lead_officer": lead_officer_person.pk,
    }
    assert respond(client, part_a, **first).status_code == 302
    other_lead = OfficerFactory(authority=plan.authority, name="Rita Replacement")
    corrected = {
        **first,
        "decision": "partially_accepted",
        "explanation": "Only the definition.",
        "timetable_text": "4 May 2027",
        "lead_officer": other_lead.pk,
        "loaded_version": Response.objects.get(part=part_a).version,
    }
    assert respond(client, part_a, **corrected).status_code == 302

    client.force_login(officer)
    entries = plan_history(client, plan).context["entries"]
    assert about(entries, "The response to Recommendation A (i)") == [
        (
            "Changed",
            [
                ("Decision", "Accepted", "Partially accepted"),
                ("Explanation", "The definition is helpful.", "Only the definition."),
                ("Timetable", "March 2027", "4 May 2027"),
                ("Lead officer", "Liam Lead", "Rita Replacement"),
            ],
        ),
        ("Created", []),
    ]
    answered = [entry for entry in entries if entry.subject.startswith("The response")]
    assert {entry.who for entry in answered} == {"Cllr Alice Leader"}


def test_a_vague_date_made_exact_reads_as_typed_in_the_history(
    part_b, cabinet_b, lead_officer_person
):
    response = ResponseFactory(
        part=part_b,
        responded_by=cabinet_b.person,
        lead_officer=lead_officer_person,
        timetable=datetime.date(2027, 3, 1),
        timetable_precision="month",
    )
    response.timetable_precision = "day"  # "March 2027" made "1 March 2027"
    response.save()
    latest = history_entries(response)[0]
    assert [(c.field, c.old, c.new) for c in latest.changes] == [
        ("Timetable", "March 2027", "1 March 2027")
    ]


def test_a_deleted_recommendations_answer_still_shows_in_the_history(
    client, officer, part_a, cabinet_a, lead_officer_person, plan
):
    ResponseFactory(part=part_a, responded_by=cabinet_a.person, lead_officer=lead_officer_person)
    client.force_login(officer)
    client.post(reverse("plans:recommendation_delete", args=[part_a.recommendation.pk]))
    entries = plan_history(client, plan).context["entries"]
    assert [entry.what for entry in entries if "Recommendation A (i)" in entry.subject] == [
        "Deleted",
        "Created",
    ]


@pytest.mark.parametrize("recommendations", [1, 12])
def test_the_plans_history_runs_a_fixed_number_of_queries(
    client,
    officer,
    plan,
    portfolio_a,
    cabinet_a,
    lead_officer_person,
    recommendations,
    django_assert_max_num_queries,
):
    for index in range(recommendations):
        recommendation = RecommendationFactory(
            action_plan=plan, letter=chr(65 + index), position=index + 1, portfolio=portfolio_a
        )
        for numeral in ("i", "ii"):
            part = PartFactory(recommendation=recommendation, numeral=numeral, text="Do it.")
            response = ResponseFactory(
                part=part, responded_by=cabinet_a.person, lead_officer=lead_officer_person
            )
            response.lead_officer = OfficerFactory(authority=plan.authority)
            response.save()
        meeting = MeetingFactory(
            committee=plan.committee, date=datetime.date(2027, 1, 1) + datetime.timedelta(index)
        )
        ReportBack.objects.create(
            action_plan=plan, sequence=index + 1, due_on=meeting.date, meeting=meeting
        )
    client.force_login(officer)
    # Session and user, the plan, its history, its report-backs and parts (to name them), the
    # report-backs' and responses' history, the people named, and the page's header.
    with django_assert_max_num_queries(14):
        page = plan_history(client, plan)
    assert len(page.context["entries"]) == 1 + recommendations * (1 + 2 * 2)
