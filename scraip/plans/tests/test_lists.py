"""Filtered, paginated lists of action plans and recommendations."""

import datetime

import pytest
from django.urls import reverse

from scraip.councils.tests.factories import CommitteeFactory
from scraip.plans.models import ActionPlan
from scraip.plans.tests.factories import (
    ActionPlanFactory,
    PartFactory,
    ResponseFactory,
    SentActionPlanFactory,
)

pytestmark = pytest.mark.django_db


def titles(page):
    return [plan.title for plan in page.context["object_list"]]


@pytest.fixture
def plans(authority, committee, other_authority):
    second = CommitteeFactory(authority=authority, name="Corporate Services Committee")
    return {
        "old": SentActionPlanFactory(
            authority=authority,
            committee=committee,
            title="Review of Partnerships",
            publication_date=datetime.date(2007, 5, 17),
            status=ActionPlan.Status.RESPONDED,
        ),
        "new": SentActionPlanFactory(
            authority=authority,
            committee=second,
            title="Review of Parking",
            publication_date=datetime.date(2026, 9, 1),
        ),
        "draft": ActionPlanFactory(
            authority=authority, committee=committee, title="Review of Leisure"
        ),
        "elsewhere": SentActionPlanFactory(authority=other_authority, title="Swale Review"),
    }


def test_officer_sees_own_councils_plans_including_drafts(client, officer, plans):
    client.force_login(officer)
    page = client.get(reverse("plans:plan_list"))
    assert sorted(titles(page)) == [
        "Review of Leisure",
        "Review of Parking",
        "Review of Partnerships",
    ]


def test_councillor_sees_no_drafts(client, councillor, plans):
    client.force_login(councillor)
    assert sorted(titles(client.get(reverse("plans:plan_list")))) == [
        "Review of Parking",
        "Review of Partnerships",
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"status": "responded"}, ["Review of Partnerships"]),
        ({"year": "2007"}, ["Review of Partnerships"]),
        ({"committee": "second"}, ["Review of Parking"]),
        ({"status": "draft"}, ["Review of Leisure"]),
    ],
)
def test_plans_filter_by_status_year_and_committee(client, officer, plans, query, expected):
    if query.get("committee") == "second":
        query = {"committee": plans["new"].committee_id}
    client.force_login(officer)
    assert titles(client.get(reverse("plans:plan_list"), query)) == expected


def test_plans_filter_by_authority_and_refuse_foreign_ones(client, officer, plans, authority):
    client.force_login(officer)
    page = client.get(reverse("plans:plan_list"), {"authority": authority.pk})
    assert len(titles(page)) == 3
    foreign = client.get(reverse("plans:plan_list"), {"authority": plans["elsewhere"].authority_id})
    assert foreign.status_code == 200
    assert "Select a valid choice" in foreign.content.decode()
    assert "Swale Review" not in foreign.content.decode()


def test_nonsense_filters_do_not_break_the_page(client, officer, plans):
    client.force_login(officer)
    page = client.get(
        reverse("plans:plan_list"), {"year": "drop table", "status": "<b>", "page": "x"}
    )
    assert page.status_code in (200, 404)


def test_plan_list_is_paginated(client, officer, authority, committee):
    ActionPlanFactory.create_batch(30, authority=authority, committee=committee)
    client.force_login(officer)
    first = client.get(reverse("plans:plan_list"))
    assert len(first.context["object_list"]) == 25
    assert "Page 1 of 2" in first.content.decode()
    assert len(client.get(reverse("plans:plan_list"), {"page": 2}).context["object_list"]) == 5


@pytest.fixture
def answered(plan, part_a, part_b, lead_officer_person, cabinet_a):
    ResponseFactory(part=part_a, lead_officer=lead_officer_person, responded_by=cabinet_a.person)
    return part_a


def parts(page):
    return [str(part) for part in page.context["object_list"]]


def test_recommendations_filter_by_portfolio(client, officer, answered, portfolio_b):
    client.force_login(officer)
    page = client.get(reverse("plans:recommendation_list"), {"portfolio": portfolio_b.pk})
    assert parts(page) == ["Recommendation G"]


def test_recommendations_filter_by_decision_and_lead_officer(
    client, officer, answered, lead_officer_person
):
    client.force_login(officer)
    url = reverse("plans:recommendation_list")
    assert parts(client.get(url, {"decision": "accepted"})) == ["Recommendation A (i)"]
    assert parts(client.get(url, {"decision": "awaiting"})) == [
        "Recommendation A (ii)",
        "Recommendation G",
    ]
    assert parts(client.get(url, {"lead_officer": lead_officer_person.pk})) == [
        "Recommendation A (i)"
    ]


def test_recommendations_filter_by_overdue(client, officer, answered, plan):
    plan.response_deadline = datetime.date(2020, 1, 1)
    plan.save()
    client.force_login(officer)
    url = reverse("plans:recommendation_list")
    assert parts(client.get(url, {"overdue": "true"})) == [
        "Recommendation A (ii)",
        "Recommendation G",
    ]
    assert parts(client.get(url, {"overdue": "false"})) == ["Recommendation A (i)"]


def test_awaiting_my_response_lists_only_my_portfolios(client, cabinet_a, part_a, part_b):
    client.force_login(cabinet_a)
    page = client.get(reverse("plans:awaiting_response"))
    assert [str(p) for p in page.context["parts"]] == [
        "Recommendation A (i)",
        "Recommendation A (ii)",
    ]
    assert "Awaiting my response" in page.content.decode()


def test_awaiting_my_response_spans_every_plan(client, cabinet_a, part_a, portfolio_a, authority):
    later = SentActionPlanFactory(authority=authority, title="Review of Waste")
    PartFactory(recommendation__action_plan=later, recommendation__portfolio=portfolio_a)
    client.force_login(cabinet_a)
    plans = {
        p.recommendation.action_plan.title
        for p in client.get(reverse("plans:awaiting_response")).context["parts"]
    }
    assert plans == {"Review of Partnerships", "Review of Waste"}


def test_councillor_has_no_awaiting_list(client, councillor):
    client.force_login(councillor)
    assert client.get(reverse("plans:awaiting_response")).status_code == 403


def test_plans_are_filed_by_municipal_year_from_may_to_april(client, officer, authority, committee):
    """Issue 10.4: a report of 30 April 2026 belongs to 2025/26; one of 1 May 2026 to 2026/27."""
    april = SentActionPlanFactory(
        authority=authority, committee=committee, publication_date=datetime.date(2026, 4, 30)
    )
    may = SentActionPlanFactory(
        authority=authority, committee=committee, publication_date=datetime.date(2026, 5, 1)
    )
    assert (april.municipal_year_label, may.municipal_year_label) == ("2025/26", "2026/27")
    client.force_login(officer)
    url = reverse("plans:plan_list")
    page = client.get(url)
    assert [
        (str(value), label) for value, label in page.context["filter"].form["year"].field.choices
    ][1:] == [("2026", "2026/27"), ("2025", "2025/26")]
    assert [p.pk for p in client.get(url, {"year": "2025"}).context["object_list"]] == [april.pk]
    assert [p.pk for p in client.get(url, {"year": "2026"}).context["object_list"]] == [may.pk]
    assert "Municipal year" in client.get(april.get_absolute_url()).content.decode()


def test_a_plan_can_be_filed_under_another_municipal_year(client, officer, committee):
    """A report published in May but belonging to the year just ended is filed there; left
    blank, the year follows the date of publication, also when that date changes."""
    client.force_login(officer)
    data = {
        "title": "Review of Flooding",
        "committee": committee.pk,
        "publication_date_0": "12",
        "publication_date_1": "5",
        "publication_date_2": "2026",
        "municipal_year": "2025",
    }
    assert client.post(reverse("plans:plan_create"), data).status_code == 302
    plan = ActionPlan.objects.get(title="Review of Flooding")
    assert plan.municipal_year_label == "2025/26"
    edit = client.get(reverse("plans:plan_edit", args=[plan.pk]))
    assert edit.context["form"]["municipal_year"].initial == 2025
    data |= {"municipal_year": "", "loaded_version": plan.version, "publication_date_2": "2027"}
    assert client.post(reverse("plans:plan_edit", args=[plan.pk]), data).status_code == 302
    plan.refresh_from_db()
    assert plan.municipal_year_label == "2027/28"


def test_recommendations_filter_by_municipal_year(client, officer, answered, authority):
    old = SentActionPlanFactory(authority=authority, publication_date=datetime.date(2007, 5, 17))
    PartFactory(recommendation__action_plan=old, recommendation__letter="SR 01")
    client.force_login(officer)
    url = reverse("plans:recommendation_list")
    assert parts(client.get(url, {"year": "2007"})) == ["Recommendation SR 01"]
    assert "Recommendation SR 01" not in parts(client.get(url, {"year": "2026"}))
