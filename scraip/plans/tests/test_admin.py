"""The Django admin refuses what the pages refuse: each rule of the plans' models, posted as a
superuser to the admin's add or change form, is refused with the page's message and nothing
is saved. What the admin does save goes through the same services as the pages."""

import datetime

import pytest
from django.urls import reverse

from scraip.councils.tests.factories import (
    AuthorityFactory,
    MeetingFactory,
    OfficerFactory,
    PortfolioFactory,
)
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, Response
from scraip.plans.tests.factories import ResponseFactory

pytestmark = pytest.mark.django_db

TOMORROW = "2026-11-24"  # the tests' clock stands at 23 November 2026


def inline(prefix, rows=(), initial=0) -> dict:
    """An inline formset's management form and rows, as the admin page posts them."""
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{name}": value for name, value in row.items()})
    return data


def errors_of(page) -> dict:
    """Every error the admin page shows, by field: the main form's and its inlines'."""
    assert page.status_code == 200, "the admin saved what it should have refused"
    errors = {
        name: list(messages) for name, messages in page.context["adminform"].form.errors.items()
    }
    for inline_formset in page.context["inline_admin_formsets"]:
        formset = inline_formset.formset
        for form_errors in formset.errors:
            for name, messages in form_errors.items():
                errors.setdefault(name, []).extend(messages)
        if formset.non_form_errors():
            errors.setdefault("__all__", []).extend(formset.non_form_errors())
    return errors


# Responses


@pytest.fixture
def answer(part_a, cabinet_a, lead_officer_person, officer):
    """A complete acceptance of A (i), as the admin's add form posts it."""
    return {
        "part": part_a.pk,
        "decision": "accepted",
        "explanation": "Agreed.",
        "action": "Adopt the definition.",
        "timetable": "2027-03-01",
        "timetable_precision": "month",
        "lead_officer": lead_officer_person.pk,
        "responded_by": cabinet_a.person.pk,
        "entered_by": officer.pk,
        "responded_on": "2026-11-20",
    }


ADD_RESPONSE = reverse("admin:plans_response_add")


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"explanation": " "}, "explanation", "Enter an explanation of the decision"),
        (
            {"decision": "rejected", "explanation": "", "action": "", "timetable": ""}
            | {"lead_officer": ""},
            "explanation",
            "Enter the reasons for rejecting the recommendation",
        ),
        (
            {"decision": "rejected", "action": ""} | {"lead_officer": ""},
            "timetable",
            "A rejected recommendation takes no timetable",
        ),
        (
            {"decision": "rejected", "action": "", "timetable": ""},
            "lead_officer",
            "A rejected recommendation takes no lead officer",
        ),
        (
            {"decision": "rejected", "timetable": "", "lead_officer": ""},
            "action",
            "A rejected recommendation takes no action: put the reasons in the explanation",
        ),
        (
            {"action": ""},
            "action",
            "Enter the action to be taken for an accepted recommendation",
        ),
        (
            {"decision": "partially_accepted", "timetable": ""},
            "timetable",
            "Enter a timetable for a partially accepted recommendation",
        ),
        (
            {"lead_officer": ""},
            "lead_officer",
            "Choose a lead officer for an accepted recommendation",
        ),
        (
            {"responded_on": TOMORROW},
            "responded_on",
            "The date of the response must be today or earlier",
        ),
    ],
)
def test_the_admin_refuses_an_incomplete_response(admin_client, answer, changes, field, message):
    page = admin_client.post(ADD_RESPONSE, answer | changes)
    assert message in errors_of(page)[field]
    assert not Response.all_objects.exists()


def test_the_admin_refuses_a_lead_officer_of_another_council(admin_client, answer):
    elsewhere = OfficerFactory(authority=AuthorityFactory(name="Swale Borough Council"))
    page = admin_client.post(ADD_RESPONSE, answer | {"lead_officer": elsewhere.pk})
    assert errors_of(page)["lead_officer"]
    assert not Response.all_objects.exists()


def test_the_admins_last_answer_marks_the_plan_responded(
    admin_client, answer, plan, part_a, cabinet_a
):
    ResponseFactory(
        part=part_a.recommendation.parts.get(numeral="ii"),
        decision="rejected",
        action="",
        timetable=None,
        lead_officer=None,
        responded_by=cabinet_a.person,
    )
    assert admin_client.post(ADD_RESPONSE, answer).status_code == 302
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.RESPONDED


# Recommendations and their sub-parts


@pytest.fixture
def recommendation_data(plan, portfolio_a):
    return {
        "action_plan": plan.pk,
        "letter": "B",
        "position": "3",
        "text": "That the council publishes its partnerships.",
        "note": "",
        "portfolio": portfolio_a.pk,
        "addressed_to": "portfolio",
        **inline("parts"),
    }


ADD_RECOMMENDATION = reverse("admin:plans_recommendation_add")


@pytest.mark.parametrize(
    ("letter", "message"),
    [
        ("!?", "Enter a reference with a letter or number in it, such as G or SR 01"),
        ("a", "This plan already has a recommendation A"),
    ],
)
def test_the_admin_refuses_a_bad_or_taken_letter(
    admin_client, recommendation_data, part_a, letter, message
):
    page = admin_client.post(ADD_RECOMMENDATION, recommendation_data | {"letter": letter})
    assert errors_of(page)["letter"] == [message]
    assert Recommendation.all_objects.count() == 1


def test_the_admin_refuses_another_councils_portfolio(admin_client, recommendation_data):
    elsewhere = PortfolioFactory(authority=AuthorityFactory(name="Swale Borough Council"))
    page = admin_client.post(ADD_RECOMMENDATION, recommendation_data | {"portfolio": elsewhere.pk})
    assert errors_of(page)["portfolio"]
    assert not Recommendation.all_objects.exists()


@pytest.mark.parametrize(
    ("rows", "field", "message"),
    [
        ([{"numeral": "i!", "text": "One"}], "numeral", "Use a numeral such as i, ii or iii"),
        (
            [{"numeral": "", "text": "One"}],
            "numeral",
            "Enter the sub-part's numeral, such as i or ii",
        ),
        ([{"numeral": "i", "text": ""}], "text", "Enter the text of the sub-part"),
        (
            [{"numeral": "i", "text": "One"}, {"numeral": "(i)", "text": "Two"}],
            "__all__",
            "Each sub-part needs its own numeral",
        ),
    ],
)
def test_the_admin_refuses_a_bad_sub_part(admin_client, recommendation_data, rows, field, message):
    page = admin_client.post(ADD_RECOMMENDATION, recommendation_data | inline("parts", rows))
    assert message in errors_of(page)[field]
    assert not Recommendation.all_objects.exists()


def test_the_admin_adds_a_recommendation_with_its_whole_or_its_sub_parts(
    admin_client, recommendation_data
):
    assert admin_client.post(ADD_RECOMMENDATION, recommendation_data).status_code == 302
    whole = Recommendation.objects.get(letter="B")
    assert [(part.numeral, part.text) for part in whole.parts.all()] == [("", "")]
    rows = [{"numeral": "i", "text": "One"}, {"numeral": "(II)", "text": "Two"}]
    data = recommendation_data | {"letter": "C"} | inline("parts", rows)
    assert admin_client.post(ADD_RECOMMENDATION, data).status_code == 302
    split = Recommendation.objects.get(letter="C")
    assert [part.numeral for part in split.parts.all()] == ["i", "ii"]


def test_the_admin_removes_no_sub_part(admin_client, part_a):
    # No hard delete from the admin: its inline has no delete box and a forged one is ignored;
    # sub-parts are taken off on the recommendation's page, which refuses an answered one.
    ResponseFactory(part=part_a)
    recommendation = part_a.recommendation
    rows = [
        {"id": part.pk, "recommendation": recommendation.pk, "numeral": part.numeral}
        | {"text": part.text}
        for part in recommendation.parts.all()
    ]
    rows[0]["DELETE"] = "on"
    data = {
        "action_plan": recommendation.action_plan_id,
        "letter": "A",
        "position": "1",
        "text": recommendation.text,
        "portfolio": recommendation.portfolio_id,
        "addressed_to": "portfolio",
        **inline("parts", rows, initial=2),
    }
    page = admin_client.post(
        reverse("admin:plans_recommendation_change", args=[recommendation.pk]), data
    )
    assert page.status_code == 302
    assert RecommendationPart.objects.filter(pk=part_a.pk).exists()


# Plans and their report-back schedules


@pytest.fixture
def plan_data(committee):
    return {
        "committee": committee.pk,
        "title": "Review of Leisure",
        "publication_date": "2026-09-01",
        "received_on": "",
        "status": "draft",
        "publication": "council",
        "withdrawal_reason": "",
        **inline("report_backs"),
        **inline("recommendations"),
    }


ADD_PLAN = reverse("admin:plans_actionplan_add")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"received_on": "2026-08-31"},
            "The cabinet cannot have received the report before it was published",
        ),
        (
            {"received_on": TOMORROW, "status": "awaiting_response"},
            "The date the cabinet received the report must be today or earlier",
        ),
    ],
)
def test_the_admin_refuses_an_impossible_receipt_date(admin_client, plan_data, changes, message):
    page = admin_client.post(ADD_PLAN, plan_data | changes)
    assert errors_of(page)["received_on"] == [message]
    assert not ActionPlan.all_objects.exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"publication": "withdrawn", "status": "responded"},
            "withdrawal_reason",
            "Enter why the plan is being withdrawn from publication",
        ),
        (
            {"publication": "published"},
            "publication",
            "A draft is never public: send the plan to the cabinet before publishing it",
        ),
    ],
)
def test_the_admin_keeps_the_publication_rules(admin_client, plan_data, changes, field, message):
    page = admin_client.post(ADD_PLAN, plan_data | changes)
    assert errors_of(page)[field] == [message]
    assert not ActionPlan.all_objects.exists()


def test_the_admin_saves_a_plan_through_the_service(admin_client, plan_data, authority):
    page = admin_client.post(ADD_PLAN, plan_data | {"received_on": "2026-10-01"})
    assert page.status_code == 302
    plan = ActionPlan.objects.get()
    assert plan.authority == authority  # its committee's council
    assert plan.response_deadline == datetime.date(2026, 12, 1)  # two months on


def schedule_data(plan, rows) -> dict:
    return {
        "committee": plan.committee_id,
        "title": plan.title,
        "publication_date": plan.publication_date.isoformat(),
        "received_on": plan.received_on.isoformat(),
        "status": plan.status,
        "publication": plan.publication,
        "withdrawal_reason": plan.withdrawal_reason,
        **inline("report_backs", [{"due_precision": "day"} | row for row in rows]),
        **inline("recommendations"),
    }


@pytest.mark.parametrize(
    ("row", "field", "message"),
    [
        (
            {"due_on": "", "note": "At the spring meeting"},
            "due_on",
            "Enter the date of the report-back, or choose its meeting",
        ),
        ({"due_on": "2027-01-14", "meeting": "elsewhere"}, "meeting", "Select a valid choice"),
    ],
)
def test_the_admin_refuses_a_report_back_without_a_date_or_at_another_committee(
    admin_client, plan, row, field, message
):
    if row.get("meeting") == "elsewhere":
        row = row | {"meeting": MeetingFactory().pk}
    url = reverse("admin:plans_actionplan_change", args=[plan.pk])
    page = admin_client.post(url, schedule_data(plan, [row]))
    assert any(text.startswith(message) for text in errors_of(page)[field])
    assert not plan.report_backs.exists()


def test_the_admin_numbers_the_schedule_in_date_order(admin_client, plan, committee):
    meeting = MeetingFactory(committee=committee, date=datetime.date(2027, 1, 12))
    url = reverse("admin:plans_actionplan_change", args=[plan.pk])
    rows = [{"due_on": "2027-06-01"}, {"due_on": "", "meeting": meeting.pk}]
    assert admin_client.post(url, schedule_data(plan, rows)).status_code == 302
    schedule = [(row.sequence, row.due_display) for row in plan.report_backs.all()]
    assert schedule == [(1, "12 January 2027"), (2, "1 June 2027")]
