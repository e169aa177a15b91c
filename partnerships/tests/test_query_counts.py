"""Every list and detail page of the register runs the same number of queries for a small and a
large register: a query added per row shows up at the large size as a failure.

Each ceiling counts, besides the page's own queries, the queries every signed-in page runs
(session, user; after the view the person's authority for the header and the session save:
savepoint, update, release). Public pages run none of those.
"""

import pytest
from django.urls import reverse

from .factories import build_register

pytestmark = pytest.mark.django_db

SIZES = [3, 30]

# Page-specific queries are named above each ceiling.
# Person; partnership count; page of partnerships (definition and line annotated).
LIST = 9
# Partnership; person; settings; criteria; checklist items; prefetches: partners,
# representatives, contributions, benefits, reports, outcomes (+ updates, verdicts, target
# changes), risks, committee reviews, definition answers, checklist answers, recommendations,
# reviews; permission checks reuse the person.
DETAIL = 26
# Count; page of partnerships (partner counts annotated); council choices.
PUBLIC_LIST = 3
# Partnership; settings; prefetches (partners, representatives, contributions, benefits,
# reports, outcomes + progress, risks, committee reviews).
PUBLIC_DETAIL = 13
# Person; settings; the register in priority order.
PRIORITY = 9
DUE_FOR_REVIEW = 8
# Person; settings; register; totals by year; totals by partnership.
TOTALS = 11
# Person; checklist items; register with checklist answers.
COMPLIANCE = 10
# Person; flagged risks with partnerships and owners.
CORPORATE_RISKS = 8
# Outcome (+ progress prefetches); partnership; person; meetings.
OUTCOME_PROGRESS = 13
# As DETAIL, without the site header, with the document's own fetch of the partnership (pdfjobs).
PROFILE_PDF = 26
# Person; settings; register with partners; its pks; totals by year and by partnership; and
# the document's own count of the register's rows (pdfjobs).
REGISTER_PDF = 14


@pytest.fixture(params=SIZES, ids=lambda size: f"{size}-partnerships")
def register(request, authority, lead_officer_person, officer):
    return build_register(authority, request.param, lead_officer_person, officer)


@pytest.mark.parametrize(
    ("route", "ceiling"),
    [
        ("partnerships:list", LIST),
        ("partnerships:priority", PRIORITY),
        ("partnerships:due_for_review", DUE_FOR_REVIEW),
        ("partnerships:totals", TOTALS),
        ("partnerships:compliance", COMPLIANCE),
        ("partnerships:corporate_risks", CORPORATE_RISKS),
        ("partnerships:register_pdf", REGISTER_PDF),
    ],
)
def test_register_pages(client, officer, register, django_assert_max_num_queries, route, ceiling):
    client.force_login(officer)
    with django_assert_max_num_queries(ceiling):
        response = client.get(reverse(route), {"within": "6"})
    assert response.status_code == 200


def test_detail(client, officer, register, django_assert_max_num_queries):
    client.force_login(officer)
    with django_assert_max_num_queries(DETAIL):
        response = client.get(register[-1].get_absolute_url())
    assert response.status_code == 200


def test_profile_pdf(client, officer, register, django_assert_max_num_queries):
    client.force_login(officer)
    with django_assert_max_num_queries(PROFILE_PDF):
        response = client.get(reverse("partnerships:pdf", args=[register[-1].pk]))
    assert response.status_code == 200


def test_outcome_progress(client, officer, register, django_assert_max_num_queries):
    client.force_login(officer)
    outcome = register[-1].outcomes.get()
    with django_assert_max_num_queries(OUTCOME_PROGRESS):
        response = client.get(reverse("partnerships:outcome_progress", args=[outcome.pk]))
    assert response.status_code == 200


def test_public_register(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(PUBLIC_LIST):
        response = client.get(reverse("partnerships:register"))
    assert response.status_code == 200


def test_public_detail(client, register, django_assert_max_num_queries):
    with django_assert_max_num_queries(PUBLIC_DETAIL):
        response = client.get(register[-1].get_public_url())
    assert response.status_code == 200
