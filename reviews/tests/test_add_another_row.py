"""Repeating rows entered together (issue 12, point 7): several cost lines, parts and witnesses
on one page, "Add another row" keeping what was typed, and every row's errors shown at once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from reviews.models import ActivityPart, CostItem
from reviews.tests.factories import ActivityFactory, ActivityPartFactory
from reviews.tests.helpers import page_text

from .test_activities import activity_body, part
from .test_costs import costs_body

pytestmark = pytest.mark.django_db

SEED_003 = [
    ("Set up costs", "2", True),
    ("Initial workshop with the pilot groups", "3", True),
    ("Workshops in the three pilot areas to plan and scope the pilots", "3", False),
    ("Action Learning sets with pilots - critical friend challenge", "3", True),
    ("Ongoing support to the 3 pilots", "2.5", False),
    ("Development of case studies and a report for each pilot area", "2", False),
]


def seed_003_rows():
    return [
        {"activity": name, "support_days": days, **({"shared": "on"} if shared else {})}
        for name, days, shared in SEED_003
    ]


def test_another_row_keeps_what_was_typed_saves_nothing_and_shows_no_errors(
    client, officer, joint_review
):
    client.force_login(officer)
    rows = seed_003_rows()[:3] + [{"activity": "Half typed"}]
    body = costs_body(rows, day_rate="650") | {"add_row": "costs"}
    response = client.post(reverse("reviews:costs", args=[joint_review.pk]), body)
    assert response.status_code == 200
    assert not CostItem.objects.exists()
    html = response.content.decode()
    assert 'name="costs-TOTAL_FORMS" value="5"' in html
    assert 'name="costs-4-activity"' in html
    assert 'value="Workshops in the three pilot areas to plan and scope the pilots"' in html
    assert 'value="Half typed"' in html
    assert "There is a problem" not in html
    assert "Add another activity" in html


def test_seed_003s_six_cost_lines_are_entered_in_one_save(client, officer, joint_review):
    client.force_login(officer)
    body = costs_body(seed_003_rows(), day_rate="650")
    response = client.post(reverse("reviews:costs", args=[joint_review.pk]), body)
    assert response.status_code == 302
    assert list(joint_review.cost_items.values_list("activity", flat=True)) == [
        name for name, _, _ in SEED_003
    ]
    page = page_text(client.get(joint_review.get_absolute_url()))
    # 8 shared days once, 7.5 days in each of the three councils: £5,200 + 3 × £4,875.
    assert "Total (30.5 days of support)" in page
    assert "= £19,825" in page
    assert joint_review.cost_items.count() == 6
    assert sum(item.support_days for item in joint_review.cost_items.all()) == Decimal("15.5")


def test_every_rows_errors_are_shown_at_once(client, officer, joint_review):
    client.force_login(officer)
    rows = [
        {"activity": "", "support_days": "2"},
        {"activity": "Survey", "support_days": "lots"},
        {"activity": "Support", "support_days": "-1"},
    ]
    text = page_text(
        client.post(
            reverse("reviews:costs", args=[joint_review.pk]), costs_body(rows, day_rate="650")
        )
    )
    assert "Enter the activity" in text
    assert "Enter the number of days, like 2.5" in text
    assert "The support time cannot be negative" in text
    assert not CostItem.objects.exists()


def test_a_removed_cost_line_is_soft_deleted_and_kept_in_history(client, officer, joint_review):
    client.force_login(officer)
    client.post(
        reverse("reviews:costs", args=[joint_review.pk]),
        costs_body(seed_003_rows()[:2], day_rate="650"),
    )
    first, second = joint_review.cost_items.all()
    rows = [
        {"id": first.pk, "activity": first.activity, "support_days": "2", "DELETE": "on"},
        {"id": second.pk, "activity": second.activity, "support_days": "3", "shared": "on"},
    ]
    response = client.post(
        reverse("reviews:costs", args=[joint_review.pk]),
        costs_body(rows, existing=2, day_rate="650", version="2"),
    )
    assert response.status_code == 302
    assert list(joint_review.cost_items.all()) == [second]
    assert CostItem.deleted_objects.get().pk == first.pk


def test_an_evidence_day_gets_its_case_studies_in_one_go(client, officer, joint_review):
    client.force_login(officer)
    url = reverse("reviews:activity_create", args=[joint_review.pk])
    typed = [
        part("A", "Morning session."),
        part("B", "Afternoon session."),
        part("C", "Case study: Swale."),
    ]
    response = client.post(
        url, activity_body(typed, planned="27 November 2014") | {"add_row": "parts"}
    )
    html = response.content.decode()
    assert 'name="parts-TOTAL_FORMS" value="4"' in html
    assert 'value="Case study: Swale."' in html or "Case study: Swale." in html
    typed.append(part("D", "Case study: Maidstone."))
    response = client.post(url, activity_body(typed, planned="27 November 2014"))
    assert response.status_code == 302
    assert list(ActivityPart.objects.values_list("letter", flat=True)) == ["A", "B", "C", "D"]


def test_another_witness_row_keeps_the_rows_typed(client, officer, joint_review):
    activity = ActivityFactory(review=joint_review)
    ActivityPartFactory(activity=activity, letter="A")
    client.force_login(officer)
    body = {
        "witnesses-TOTAL_FORMS": "2",
        "witnesses-INITIAL_FORMS": "0",
        "witnesses-0-name": "Jo Bloggs",
        "witnesses-1-name": "Sam Smith",
        "add_row": "witnesses",
    }
    html = client.post(
        reverse("reviews:activity_witnesses", args=[activity.pk]), body
    ).content.decode()
    assert 'name="witnesses-TOTAL_FORMS" value="3"' in html
    assert 'value="Jo Bloggs"' in html and 'value="Sam Smith"' in html
    assert "There is a problem" not in html
