"""Every list and detail page runs the same number of queries at 10 and at 200 recommendations.

Each page has one ceiling for both sizes: a query added per row shows up at 200 as a failure.
The comment above each ceiling names the queries it counts, in the order the page runs them.
Each ceiling also counts the queries every signed-in page runs: the session and its user
before the view; after it, the signed-in person's authority for the page header and the
session saved to refresh the idle timeout (savepoint, update, release). That is six, or five
for the PDF, which has no site header.
"""

import datetime
from dataclasses import dataclass

import pytest
from django.urls import reverse

from scraip.councils.models import Person
from scraip.councils.tests.factories import MeetingFactory, OfficerFactory
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, ReportBack, Response
from scraip.plans.tests.factories import ActionPlanFactory, SentActionPlanFactory
from scraip.plans.views.fetch import plan_detail_queryset

pytestmark = pytest.mark.django_db

SIZES = [10, 200]
# By recommendation position: every fourth recommendation still awaits its response.
DECISIONS = [
    Response.Decision.ACCEPTED,
    Response.Decision.PARTIALLY_ACCEPTED,
    Response.Decision.REJECTED,
    None,
]

# Person; the portfolios they hold (once: the page's counts and the header's "Awaiting
# response" both ask, councils.rules.portfolios_held); user and group permissions (a cabinet
# member is not an officer); awaiting count; overdue count; recent plans.
HOME = 12
# Person; filter choices: years; plan count; filter choices: authorities, committees; page of
# plans with their counts; the councils whose whole tracker may be downloaded.
PLAN_LIST = 13
# Plan; person; held portfolios; report-backs (with meetings); recommendations (with
# portfolios); parts (with responses, lead officers, responders); portfolio terms (with holders);
# the committees it came from jointly; the officers supporting each lead officer; whether it is
# public (ActionPlan.objects.published).
PLAN_DETAIL = 16
# Plan; person; report-backs; recommendations; parts; portfolio terms; and the document's own
# fetch of the plan by id and count of its parts (scraip.common.pdfjobs decides from it whether
# to print now or in the background); the officers supporting each lead officer.
PLAN_PDF = 14
# Plan; person; report-backs; recommendations; parts; portfolio terms; the officers supporting
# each lead officer (no count: a Word copy is always made in the request).
PLAN_WORD = 12
# Person; part count; filter choices: portfolios, lead officers, municipal years; page of parts
# (with plans, portfolios, responses and lead officers).
RECOMMENDATION_LIST = 12
# Person; holds a portfolio (permission); user and group permissions; held portfolios;
# awaiting parts (with plans and portfolios).
AWAITING_RESPONSE = 12
# Part (with plan and portfolio); person; holds the part's portfolio (permission, then page);
# existing response; lead officer choices; whether they hold a portfolio (the header's link);
# the recommendation's sub-parts with their answers (may one answer cover them all?); the
# supporting officers chosen and those to choose from.
RESPOND = 16
# Recommendation; plan; person; sub-parts; portfolio choices; officer choices (for a named
# officer); whether it is answered (its wording locked); its amendments.
RECOMMENDATION_EDIT = 14
# Plan; person; report-backs; the committees it reports back to (its joint committees, then the
# council's successors); meetings (once, shared by every row).
REPORT_BACKS_EDIT = 12
# Plan; person; committee choices; its joint committees; the joint committee choices (counted,
# then listed).
PLAN_EDIT = 12


@dataclass
class Dataset:
    plan: ActionPlan
    recommendation_with_parts: Recommendation
    awaiting_part: RecommendationPart


@pytest.fixture(params=SIZES, ids=lambda size: f"{size}-recommendations")
def dataset(
    request, plan, committee, authority, portfolio_a, portfolio_b, cabinet_a, cabinet_b, officer
):
    """`size` recommendations: every third in two sub-parts, three in four answered (each part
    led by one of five officers), the rest awaiting a response. Half are on the conftest plan;
    the other half are shared with one more plan for every ten recommendations (one in four
    of them a draft), so the list pages grow too. Every plan has three report-backs."""
    size = request.param
    lead_officers = [
        OfficerFactory(authority=authority, name=f"Lead Officer {number}") for number in range(5)
    ]
    meetings = [
        MeetingFactory(committee=committee, date=datetime.date(2027, month, 1))
        for month in (3, 6, 9, 12)
    ]
    plans = [plan] + [
        (ActionPlanFactory if number % 4 == 0 else SentActionPlanFactory)(
            authority=authority,
            committee=committee,
            title=f"Review {number}",
            # Published before the factory's plans reach the cabinet (1 October 2026).
            publication_date=datetime.date(2026, 1 + number % 9, 1),
        )
        for number in range(size // 10)
    ]
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(
            action_plan=plans[number % len(plans)] if number >= size // 2 else plan,
            letter=f"R{number}",
            position=number,
            text=f"That the council does thing {number}.",
            portfolio=portfolio_a if number % 2 else portfolio_b,
        )
        for number in range(size)
    )
    parts = RecommendationPart.objects.bulk_create(
        part
        for recommendation in recommendations
        for part in _parts_for(recommendation, with_sub_parts=recommendation.position % 3 == 0)
    )
    Response.objects.bulk_create(
        _response(
            part,
            DECISIONS[part.recommendation.position % len(DECISIONS)],
            lead_officers[number % len(lead_officers)],
            responder=(cabinet_a if part.recommendation.portfolio == portfolio_a else cabinet_b),
            entered_by=officer,
        )
        for number, part in enumerate(parts)
        if DECISIONS[part.recommendation.position % len(DECISIONS)]
    )
    ReportBack.objects.bulk_create(
        ReportBack(action_plan=each_plan, sequence=sequence, due_on=meeting.date, meeting=meeting)
        for each_plan in plans
        for sequence, meeting in enumerate(meetings[:3], start=1)
    )
    awaiting_part = RecommendationPart.objects.filter(
        recommendation__action_plan=plan,
        recommendation__portfolio=portfolio_a,
        response__isnull=True,
    ).first()
    return Dataset(
        plan=plan,
        recommendation_with_parts=next(r for r in recommendations if r.position % 3 == 0),
        awaiting_part=awaiting_part,
    )


def _parts_for(recommendation, *, with_sub_parts: bool) -> list[RecommendationPart]:
    if not with_sub_parts:
        return [RecommendationPart(recommendation=recommendation)]
    return [
        RecommendationPart(
            recommendation=recommendation, numeral=numeral, position=position, text="Sub-part."
        )
        for position, numeral in enumerate(("i", "ii"), start=1)
    ]


def _response(part, decision, lead_officer: Person, *, responder, entered_by) -> Response:
    rejected = decision == Response.Decision.REJECTED
    return Response(
        part=part,
        decision=decision,
        explanation="Because.",
        action="" if rejected else "Do it.",
        timetable=None if rejected else datetime.date(2027, 3, 1),
        lead_officer=None if rejected else lead_officer,
        responded_by=responder.person,
        entered_by=entered_by,
        responded_on=datetime.date(2026, 11, 1),
    )


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_home(client, cabinet_a, dataset, django_assert_max_num_queries):
    client.force_login(cabinet_a)
    with django_assert_max_num_queries(HOME):
        page = get_page(client, reverse("plans:home"))
    assert b"await your response" in page.content


def test_plan_list(client, officer, dataset, django_assert_max_num_queries):
    client.force_login(officer)
    with django_assert_max_num_queries(PLAN_LIST):
        page = get_page(client, reverse("plans:plan_list"))
    assert dataset.plan.title.encode() in page.content


def test_plan_detail(client, officer, dataset, django_assert_max_num_queries):
    client.force_login(officer)
    with django_assert_max_num_queries(PLAN_DETAIL):
        page = get_page(client, reverse("plans:plan_detail", args=[dataset.plan.pk]))
    assert b"Lead Officer 1" in page.content


def test_plan_pdf(client, officer, dataset, django_assert_max_num_queries):
    client.force_login(officer)
    with django_assert_max_num_queries(PLAN_PDF):
        page = get_page(client, reverse("plans:plan_pdf", args=[dataset.plan.pk]))
    assert page["Content-Type"] == "application/pdf"


def test_plan_word(client, officer, dataset, django_assert_max_num_queries):
    client.force_login(officer)
    with django_assert_max_num_queries(PLAN_WORD):
        page = get_page(client, reverse("plans:plan_docx", args=[dataset.plan.pk]))
    assert page["Content-Disposition"].endswith('.docx"')


def test_recommendation_list(client, officer, dataset, django_assert_max_num_queries):
    client.force_login(officer)
    with django_assert_max_num_queries(RECOMMENDATION_LIST):
        page = get_page(client, reverse("plans:recommendation_list"))
    assert b"Lead Officer" in page.content


def test_awaiting_response(client, cabinet_a, dataset, django_assert_max_num_queries):
    client.force_login(cabinet_a)
    with django_assert_max_num_queries(AWAITING_RESPONSE):
        page = get_page(client, reverse("plans:awaiting_response"))
    assert reverse("plans:respond", args=[dataset.awaiting_part.pk]).encode() in page.content


def test_respond(client, cabinet_a, dataset, django_assert_max_num_queries):
    client.force_login(cabinet_a)
    url = reverse("plans:respond", args=[dataset.awaiting_part.pk])
    with django_assert_max_num_queries(RESPOND):
        page = get_page(client, url)
    assert b"Lead Officer 4" in page.content


def test_recommendation_edit(client, officer, dataset, django_assert_max_num_queries):
    client.force_login(officer)
    url = reverse("plans:recommendation_edit", args=[dataset.recommendation_with_parts.pk])
    with django_assert_max_num_queries(RECOMMENDATION_EDIT):
        page = get_page(client, url)
    assert b"Sub-part." in page.content


def test_report_backs_edit(client, officer, dataset, django_assert_max_num_queries):
    client.force_login(officer)
    url = reverse("plans:report_backs_edit", args=[dataset.plan.pk])
    with django_assert_max_num_queries(REPORT_BACKS_EDIT):
        page = get_page(client, url)
    assert b"1 September 2027" in page.content


def test_plan_edit(client, officer, dataset, django_assert_max_num_queries):
    client.force_login(officer)
    with django_assert_max_num_queries(PLAN_EDIT):
        page = get_page(client, reverse("plans:plan_edit", args=[dataset.plan.pk]))
    assert dataset.plan.title.encode() in page.content


def test_plan_rows_read_their_lists_without_a_query_object_each(dataset, django_assert_num_queries):
    """The plan page and its PDF read each row's sub-parts, supporting officers and portfolio
    terms into plain lists, once for every row (to_attr): printing the rows asks the database
    nothing and sets up no related manager's query per row."""
    recommendations = list(plan_detail_queryset(dataset.plan)[0])
    with django_assert_num_queries(0):
        printed = [
            (part.numeral, part.current_response.leads_display, recommendation.numerals)
            for recommendation in recommendations
            for part in recommendation.sub_parts()
            if part.current_response
        ]
        holders = {str(recommendation.portfolio.holder_on()) for recommendation in recommendations}
    assert printed and "None" not in holders
    assert all("parts_read" in recommendation.__dict__ for recommendation in recommendations)
    assert not any(
        getattr(recommendation, "_prefetched_objects_cache", {})
        for recommendation in recommendations
    )
