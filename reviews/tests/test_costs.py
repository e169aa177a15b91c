"""Support days at a day rate, shared or not, with totals and each council's cost (seed 003)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reviews.costs import cost_table
from reviews.models import CostItem
from reviews.tests.factories import CostItemFactory
from reviews.tests.helpers import page_text
from scraip.councils.tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_pilots(db):
    return [AuthorityFactory(name=f"Pilot {number}") for number in (1, 2, 3)]


def test_seed_003s_table_shared_lines_split_and_the_rest_paid_by_each(three_pilots):
    """Seed 003's activities at £650 a day: shared lines are split three ways, the others are
    run in each pilot area and cost each pilot in full."""
    lines = [
        ("Set up", "2", True),
        ("Initial workshop with the pilot groups", "3", True),
        ("Workshops in the pilot areas to plan and scope", "3", False),
        ("Action learning sets: critical friend challenge", "3", True),
        ("Ongoing support", "2.5", False),
        ("Case studies and a report for each pilot area", "2", False),
    ]
    items = [
        CostItem(activity=name, support_days=Decimal(days), shared=shared, day_rate=None)
        for name, days, shared in lines
    ]
    table = cost_table(items, authorities=three_pilots, default_day_rate=Decimal("650"))
    # Shared: 8 days × £650 = £5,200 ÷ 3; each pilot's own: 7.5 days × £650 = £4,875.
    assert [amount for _, amount in table.per_authority] == [
        Decimal("6608.34"),
        Decimal("6608.33"),
        Decimal("6608.33"),
    ]
    assert table.per_authority[1].arithmetic == "£5,200 ÷ 3 + £4,875 = £6,608.33"
    # The total is the sum of the lines, and of what the pilots pay, to the penny.
    assert table.total == Decimal("19825.00")
    assert table.total == sum(line.cost for line in table.lines)
    assert table.total == sum(cost.amount for cost in table.per_authority)
    assert table.lines_arithmetic == "£1,300 + £1,950 + £5,850 + £1,950 + £4,875 + £3,900 = £19,825"
    assert table.lines[2].arithmetic == "3 days × £650 × 3 councils = £5,850"
    # Days bought: the shared 8 once, each pilot's own 7.5 three times.
    assert table.total_days == Decimal("30.5")
    assert [line.payers_display for line in table.lines][:3] == [
        "Shared equally",
        "Shared equally",
        "Each council in full",
    ]


def test_a_line_paid_by_one_council_costs_only_that_council(three_pilots):
    first, second, third = three_pilots
    items = [
        CostItem(
            activity="Survey", support_days=Decimal("2"), day_rate=Decimal("300"), borne_by=second
        ),
        CostItem(
            activity="Support", support_days=Decimal("3"), day_rate=Decimal("300"), shared=True
        ),
    ]
    table = cost_table(items, authorities=three_pilots, default_day_rate=None)
    assert table.total == Decimal("1500")
    assert dict((a.name, amount) for a, amount in table.per_authority) == {
        "Pilot 1": Decimal("300.00"),
        "Pilot 2": Decimal("900.00"),
        "Pilot 3": Decimal("300.00"),
    }
    assert table.lines[0].payers_display == "Pilot 2"
    assert not table.missing_rate


def test_a_line_without_a_rate_is_left_out_of_the_sums_and_said_so(three_pilots):
    items = [CostItem(activity="Support", support_days=Decimal("3"), shared=True)]
    table = cost_table(items, authorities=three_pilots, default_day_rate=None)
    assert table.missing_rate
    assert table.total == Decimal("0")


def costs_body(rows, existing=0, day_rate="", version="1"):
    body = {
        "review-day_rate": day_rate,
        "review-loaded_version": version,
        "costs-TOTAL_FORMS": str(len(rows)),
        "costs-INITIAL_FORMS": str(existing),
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            body[f"costs-{index}-{key}"] = value
    return body


def test_costs_are_entered_and_the_review_shows_totals_and_each_councils_cost(
    client, officer, joint_review
):
    client.force_login(officer)
    body = costs_body(
        [
            {"activity": "Supporting the group", "support_days": "6", "shared": "on"},
            {"activity": "Giving evidence", "support_days": "1.5", "comments": "Each council"},
        ],
        day_rate="300",
    )
    response = client.post(reverse("reviews:costs", args=[joint_review.pk]), body)
    assert response.status_code == 302
    joint_review.refresh_from_db()
    assert joint_review.day_rate == Decimal("300")
    page = page_text(client.get(joint_review.get_absolute_url()))
    # £1,800 shared three ways, plus £450 for each council's own evidence.
    assert "Maidstone Borough Council £1,800 ÷ 3 + £450 = £1,050 £1,050" in page
    assert "Tunbridge Wells Borough Council £1,800 ÷ 3 + £450 = £1,050 £1,050" in page
    assert "1.5 days × £300 × 3 councils = £1,350" in page
    assert "Total (10.5 days of support) £1,800 + £1,350 = £3,150 £3,150" in page


def test_a_shared_cost_cannot_have_one_payer_and_every_line_needs_a_rate(
    client, officer, joint_review, other_authority
):
    client.force_login(officer)
    body = costs_body(
        [
            {
                "activity": "Survey",
                "support_days": "2",
                "shared": "on",
                "borne_by": other_authority.pk,
            },
            {"activity": "Support", "support_days": "3"},
        ]
    )
    text = page_text(client.post(reverse("reviews:costs", args=[joint_review.pk]), body))
    assert "A shared cost is split between the councils: leave “Paid by” empty" in text
    assert "Give a day rate here, or a day rate for the whole review above" in text
    assert not CostItem.objects.exists()


def test_a_payer_must_take_part_in_the_review(client, officer, joint_review, kent):
    client.force_login(officer)
    body = costs_body(
        [{"activity": "Survey", "support_days": "2", "day_rate": "300", "borne_by": kent.pk}]
    )
    text = page_text(client.post(reverse("reviews:costs", args=[joint_review.pk]), body))
    assert "Choose one of the councils taking part" in text


def test_lines_keep_their_order_and_can_be_removed(client, officer, joint_review):
    first = CostItemFactory(review=joint_review, activity="First", position=1)
    second = CostItemFactory(review=joint_review, activity="Second", position=2)
    client.force_login(officer)
    body = costs_body(
        [
            {
                "id": first.pk,
                "activity": "First",
                "support_days": "2",
                "day_rate": "650",
                "DELETE": "on",
            },
            {"id": second.pk, "activity": "Second", "support_days": "2", "day_rate": "650"},
        ],
        existing=2,
    )
    assert client.post(reverse("reviews:costs", args=[joint_review.pk]), body).status_code == 302
    assert list(joint_review.cost_items.values_list("activity", "position")) == [("Second", 1)]
