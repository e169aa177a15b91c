"""Across the register: priority with its cut line, the reviews due, what the council gives by
year, compliance with the protocol checklist."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from partnerships.models import ChecklistAnswer, Partnership, RegisterSettings
from partnerships.totals import partnership_totals, register_totals

from .factories import (
    ChecklistAnswerFactory,
    ChecklistItemFactory,
    ContributionFactory,
    PartnershipFactory,
    qualifying,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def register(authority):
    """Three partnerships on Maidstone's register, named so their order by name is A, B, C."""
    return [
        qualifying(PartnershipFactory(authority=authority, name=f"{letter} Partnership"))
        for letter in "ABC"
    ]


def test_the_officer_ranks_the_register_and_draws_the_line(client, officer, register):
    a, b, c = register
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:priority_edit"),
        {
            f"rank_{a.pk}": "30",
            f"rank_{b.pk}": "",
            f"rank_{c.pk}": "10",
            "above_the_line": "1",
            "loaded_version": "",
        },
    )
    assert response.status_code == 302
    ranks = dict(Partnership.objects.values_list("name", "priority_rank"))
    assert ranks == {"A Partnership": 2, "B Partnership": None, "C Partnership": 1}
    page = client.get(reverse("partnerships:priority"))
    assert [p.name for p in page.context["above"]] == ["C Partnership"]
    assert [p.name for p in page.context["below"]] == ["A Partnership"]
    assert [p.name for p in page.context["unranked"]] == ["B Partnership"]


def test_moving_the_line_changes_who_is_above_it(client, officer, register, authority):
    for rank, partnership in enumerate(register, start=1):
        partnership.priority_rank = rank
        partnership.save()
    RegisterSettings.objects.create(authority=authority, above_the_line=2)
    client.force_login(officer)
    page = client.get(reverse("partnerships:priority"))
    assert [p.name for p in page.context["above"]] == ["A Partnership", "B Partnership"]


def test_a_negative_line_is_refused(client, officer, register):
    client.force_login(officer)
    response = client.post(reverse("partnerships:priority_edit"), {"above_the_line": "-1"})
    assert "The number above the line cannot be negative" in response.content.decode()


def test_reviews_due_in_priority_order(client, councillor, register):
    a, b, c = register
    today = timezone.localdate()
    a.priority_rank, a.next_review_due = 2, today + datetime.timedelta(days=10)
    b.priority_rank, b.next_review_due = None, today - datetime.timedelta(days=3)
    c.priority_rank, c.next_review_due = 1, today + datetime.timedelta(days=400)
    for partnership in register:
        partnership.save()
    client.force_login(councillor)
    page = client.get(reverse("partnerships:due_for_review"), {"within": "3"})
    assert [p.name for p in page.context["partnerships"]] == ["A Partnership", "B Partnership"]
    assert "Overdue" in page.content.decode()
    overdue = client.get(reverse("partnerships:due_for_review"), {"within": "0"})
    assert [p.name for p in overdue.context["partnerships"]] == ["B Partnership"]


def test_totals_add_days_and_hours_per_partnership_and_year(partnership):
    ContributionFactory(
        partnership=partnership, year=2024, kind="officer_time", unit="days", amount=Decimal("2")
    )
    ContributionFactory(
        partnership=partnership, year=2024, kind="officer_time", unit="hours", amount=Decimal("5.2")
    )
    ContributionFactory(partnership=partnership, year=2024, amount=Decimal("1500"))
    ContributionFactory(
        partnership=partnership,
        year=2023,
        kind="councillor_time",
        unit="hours",
        amount=Decimal("7.4"),
    )
    newest, oldest = partnership_totals(partnership.contributions.all(), Decimal("7.4"))
    assert newest.label == "2024/25"
    assert newest.officer_time.hours == Decimal("20.0")
    assert str(newest.officer_time) == "2.7 days (20 hours)"
    assert newest.money_display == "£1,500"
    assert str(oldest.councillor_time) == "1 days (7.4 hours)"


def test_register_totals_by_year_across_partnerships(client, councillor, register):
    a, b, _ = register
    ContributionFactory(partnership=a, year=2024, amount=Decimal("1000"))
    ContributionFactory(partnership=b, year=2024, amount=Decimal("250.50"))
    ContributionFactory(partnership=b, year=2023, amount=Decimal("100"))
    outside = PartnershipFactory(authority=a.authority)  # not on the register: not counted
    ContributionFactory(partnership=outside, year=2024, amount=Decimal("9999"))
    totals = register_totals(
        ContributionFactory._meta.model.objects.filter(partnership__in=[a, b]), Decimal("7.4")
    )
    assert [(t.year, t.money) for t in totals] == [
        (2024, Decimal("1250.50")),
        (2023, Decimal("100")),
    ]
    client.force_login(councillor)
    page = client.get(reverse("partnerships:totals"), {"year": "2024"}).content.decode()
    assert "£1,250.50" in page
    assert "£9,999" not in page


def test_compliance_summary_across_the_register(client, councillor, register, authority):
    a, b, c = register
    first = ChecklistItemFactory(authority=authority, text="Signed agreement")
    second = ChecklistItemFactory(authority=authority, text="Risk register kept")
    ChecklistAnswerFactory(partnership=a, item=first)
    ChecklistAnswerFactory(partnership=a, item=second, status=ChecklistAnswer.Status.NOT_MET)
    ChecklistAnswerFactory(partnership=b, item=first, status=ChecklistAnswer.Status.PARTLY_MET)
    client.force_login(councillor)
    page = client.get(reverse("partnerships:compliance"))
    by_item = dict(page.context["items"])
    assert by_item[first]["met"] == 1 and by_item[first]["partly_met"] == 1
    assert by_item[first]["unanswered"] == 1
    rows = {p.name: counts for p, counts, _ in page.context["rows"]}
    assert rows["A Partnership"]["met"] == 1 and rows["A Partnership"]["not_met"] == 1
    assert rows["C Partnership"]["unanswered"] == 2


def test_the_checklist_needs_a_date_and_evidence(client, officer, partnership, authority):
    item = ChecklistItemFactory(authority=authority, text="Signed agreement")
    client.force_login(officer)
    url = reverse("partnerships:checklist", args=[partnership.pk])
    refused = client.post(url, {f"status_{item.pk}": "met", "loaded_version": partnership.version})
    page = refused.content.decode()
    assert "Enter the date item 1 was checked" in page
    assert "Give the evidence that item 1 is met" in page
    saved = client.post(
        url,
        {
            f"status_{item.pk}": "met",
            f"answered_on_{item.pk}_0": "2",
            f"answered_on_{item.pk}_1": "9",
            f"answered_on_{item.pk}_2": "2026",
            f"evidence_{item.pk}": "Agreement signed by all partners",
            "loaded_version": partnership.version,
        },
    )
    assert saved.status_code == 302
    answer = ChecklistAnswer.objects.get()
    assert (answer.answered_on, answer.evidence) == (
        datetime.date(2026, 9, 2),
        "Agreement signed by all partners",
    )


def test_overlong_evidence_is_refused_on_the_form_not_a_server_error(
    client, officer, partnership, authority
):
    """The form takes any length; the model's paragraph limit refuses it as a message."""
    item = ChecklistItemFactory(authority=authority, text="Signed agreement")
    client.force_login(officer)
    url = reverse("partnerships:checklist", args=[partnership.pk])
    refused = client.post(
        url,
        {
            f"status_{item.pk}": "met",
            f"answered_on_{item.pk}_0": "2",
            f"answered_on_{item.pk}_1": "9",
            f"answered_on_{item.pk}_2": "2026",
            f"evidence_{item.pk}": "x" * 10_001,
            "loaded_version": partnership.version,
        },
    )
    assert refused.status_code == 200
    assert "Shorten this to 10,000 characters or fewer" in refused.content.decode()
    assert not ChecklistAnswer.objects.exists()
