"""Every reviews list and detail page runs the same number of queries at small and large data.

The dataset grows every kind of row a page lists: reviews in the network, members, steps of the
evidence plan with their lettered parts and witnesses, documents, cost lines, and the action
plan's recommendations. Each page has one ceiling for both sizes, so a query added per row
fails at the large size. As in scraip/tests/test_query_counts.py, each ceiling includes what
every signed-in page runs: the session and its user before the view; after it, the signed-in
person's authority for the page header and the session saved (savepoint, update, release).
That is six, or five for the PDF, which has no site header.
"""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reviews.models import Review, ReviewActionPlan, ReviewMember
from reviews.tests.factories import (
    ActivityFactory,
    ActivityPartFactory,
    CostItemFactory,
    DocumentFactory,
    ReviewFactory,
    ReviewMemberFactory,
    WitnessFactory,
)
from scraip.councils.tests.factories import CouncillorFactory, OfficerFactory
from scraip.plans.models import Recommendation, RecommendationPart
from scraip.plans.tests.factories import SentActionPlanFactory

pytestmark = pytest.mark.django_db

SIZES = [3, 30]

# Person (the programme's default council); the filter's year choices; its council choices;
# review count; page of reviews (with lead councils and meetings); their councils; their
# officers; their committees; the filter's council and committee choices as rendered; the
# signed-in person's council for the page header.
PROGRAMME = 16
# Person; the filter's year choices; how many councils, and the page of them (the rows); how
# many reviews each council has at each stage; the latest of them in each cell (with how many
# councils take part in each); which of those the user may open.
NETWORK = 13
# Person; count of distinct witnesses; page of witness keys; the ids of each one's latest
# appearances, numbered by the database; those appearances (with people, parts, activities and
# reviews); which of those reviews the user may open (one query, not one a review: the N+1 the
# generated network showed).
WITNESS_DIRECTORY = 12
# Review (with lead council, lead officer, meeting); its councils; supporting officers; person;
# members (with councils and whom substitutes stand in for); activities; parts; witnesses; cost
# lines; action plans; their recommendations; parts (with answers); the content type of the
# progress records (once per process); progress; verdicts; target date changes; report-backs;
# committees; status changes; documents; removed activities; removed documents.
DETAIL = 28
# Person; review (with lead council, lead officer, meeting); its councils; supporting officers;
# committees.
SUMMARY = 11
# Review; councils; supporting officers; person; members; activities; parts; witnesses; cost
# lines; committees.
SCOPING_REPORT = 16
# As the page, without the site header, and the document's own fetch of the review by id (with
# its councils and supporting officers) and counts of its steps and cost lines (pdfjobs).
SCOPING_PDF = 20
# As the page, without the site header (the Word copy is made from the review already read).
SCOPING_WORD = 15
# Review; councils; supporting officers; person; councillors offered; members.
MEMBERS_FORM = 12
# Review; councils; supporting officers; person; cost lines.
COSTS_FORM = 11


@pytest.fixture(params=SIZES, ids=lambda size: f"{size}-rows")
def dataset(
    request, joint_review, officer, authority, other_authority, tunbridge_wells, kent, committee
):
    size = request.param
    councils = [authority, other_authority, tunbridge_wells]
    joint_review.lead_officer = officer.person
    joint_review.day_rate = Decimal("350")
    joint_review.save()
    joint_review.supporting_officers.set(
        OfficerFactory(authority=councils[n % 3], in_scrutiny_team=True) for n in range(3)
    )
    for number in range(size):
        ReviewMemberFactory(
            review=joint_review,
            councillor=CouncillorFactory(
                authority=councils[number % 3], political_group="Independent"
            ),
            role=ReviewMember.Role.CHAIR if number == 0 else ReviewMember.Role.MEMBER,
        )
        activity = ActivityFactory(
            review=joint_review,
            planned_on=datetime.date(2014, 9, 1) + datetime.timedelta(days=number),
            planned_precision="day",
            held=number % 2 == 0,
        )
        for letter in "AB":
            part = ActivityPartFactory(activity=activity, letter=letter)
            WitnessFactory(part=part, topics="governance")
        DocumentFactory(review=joint_review, title=f"Evidence paper {number}")
        CostItemFactory(review=joint_review, activity=f"Activity {number}", shared=number % 2 == 0)
        ReviewFactory(
            lead_authority=[kent, *councils][number % 4],
            participants=[councils[(number + 1) % 3]],
            committees=[committee] if number % 4 == 1 else [],
            programme_year=2020 + number % 7,
            status=Review.Status.values[number % 7],
        )
    plan = SentActionPlanFactory(authority=authority, committee=committee)
    ReviewActionPlan.objects.create(review=joint_review, action_plan=plan, created_by=officer)
    for number in range(size):
        recommendation = Recommendation.objects.create(
            action_plan=plan, letter=f"R{number}", position=number, text="That it is done."
        )
        RecommendationPart.objects.create(recommendation=recommendation, numeral="")
    return joint_review


def get_page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response


@pytest.mark.parametrize(
    ("route", "ceiling", "expected"),
    [
        ("reviews:detail", DETAIL, b"Evidence paper"),
        ("reviews:summary", SUMMARY, b"Governance of the Mid Kent"),
        ("reviews:scoping_report", SCOPING_REPORT, b"Programme manager"),
        ("reviews:scoping_pdf", SCOPING_PDF, b"%PDF"),
        ("reviews:scoping_docx", SCOPING_WORD, b"PK"),
        ("reviews:members", MEMBERS_FORM, b"Independent"),
        ("reviews:costs", COSTS_FORM, b"Activity 1"),
    ],
)
def test_review_pages(
    client, officer, dataset, django_assert_max_num_queries, route, ceiling, expected
):
    client.force_login(officer)
    with django_assert_max_num_queries(ceiling):
        page = get_page(client, reverse(route, args=[dataset.pk]))
    assert expected in page.content


@pytest.mark.parametrize(
    ("route", "ceiling", "expected"),
    [
        ("reviews:programme", PROGRAMME, b"Governance of the Mid Kent"),
        ("reviews:network", NETWORK, b"Kent County Council"),
        ("reviews:witness_directory", WITNESS_DIRECTORY, b"Programme manager"),
    ],
)
def test_list_pages(
    client, officer, dataset, django_assert_max_num_queries, route, ceiling, expected
):
    client.force_login(officer)
    with django_assert_max_num_queries(ceiling):
        page = get_page(client, reverse(route))
    assert expected in page.content


def test_programme_rows_read_their_councils_officers_and_committees_once(client, officer, dataset):
    """The programme reads each review's councils, supporting officers and commissioning
    committees into lists once for the page (scraip.common.prefetch), setting up no related
    manager's query on each row."""
    client.force_login(officer)
    reviews = list(get_page(client, reverse("reviews:programme")).context["object_list"])
    lists = {
        "participating_authorities_read",
        "supporting_officers_read",
        "commissioning_committees_read",
    }
    assert reviews
    assert all(lists <= review.__dict__.keys() for review in reviews)
    assert not any(getattr(review, "_prefetched_objects_cache", {}) for review in reviews)
