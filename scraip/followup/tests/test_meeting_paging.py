"""A busy meeting (more items due than views.meetings.AGENDA_ITEMS_AT_ONCE) lists every plan
reporting back with its counts, worked out by the database, and shows one plan's items at a
time, on its page and in its update pack; the PDF of the pack still prints every item
(test_meetings.py). A meeting with few items due shows them all (test_meetings.py)."""

import pytest
from django.urls import reverse

from scraip.followup.views.meetings import AGENDA_ITEMS_AT_ONCE
from scraip.plans.models import ActionPlan

from .test_rows_read import item_rows

pytestmark = pytest.mark.django_db

BUSY = 200  # items due, spread over 21 plans (conftest.followed_dataset)


def _plans(meeting) -> list[ActionPlan]:
    return list(
        ActionPlan.objects.filter(report_backs__meeting=meeting).order_by("publication_date", "pk")
    )


@pytest.mark.parametrize("followed_dataset", [BUSY], indirect=True)
def test_a_busy_meeting_page_shows_one_plan_at_a_time_with_every_plan_counted(
    client, officer, followed_dataset
):
    assert BUSY > AGENDA_ITEMS_AT_ONCE
    meeting = followed_dataset.meeting
    plans = _plans(meeting)
    client.force_login(officer)
    url = reverse("followup:meeting_detail", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert f"{len(plans)} action plans, {BUSY} items" in page
    assert f"Status of the {BUSY} items due at this meeting" in page
    summary = page.split('id="plans"')[1].split("</table>")[0]
    for plan in plans:
        assert plan.title in summary
    first_items = plans[0].recommendations.count()
    assert item_rows(page) == first_items  # the first plan's items, not all 200
    # Every item has its update for the meeting and every other one a verdict there: the
    # counts come from the database for the plans not shown too.
    second = plans[1]
    due = second.recommendations.count()
    with_verdict = sum(
        1 for part in second.recommendations.values_list("position", flat=True) if part % 2
    )
    row = summary.split(f'href="?plan={second.pk}#plan-{second.pk}"')[1].split("</tr>")[0]
    cells = [cell.split("</td>")[0] for cell in row.split('numeric">')[1:]]
    assert cells == [str(due), "0", str(due - with_verdict)]
    # Choosing the second plan shows its items, with the links to the plans either side.
    chosen = client.get(url, {"plan": second.pk}).content.decode()
    assert item_rows(chosen) == due
    assert f'id="plan-{second.pk}"' in chosen and f'id="plan-{plans[0].pk}"' not in chosen
    assert f'href="?plan={plans[0].pk}#plan-{plans[0].pk}" rel="prev"' in chosen
    assert f'href="?plan={plans[2].pk}#plan-{plans[2].pk}" rel="next"' in chosen
    # A plan of another meeting, or not a number, shows the first.
    for other in ("999999", "x", "-1"):
        shown = client.get(url, {"plan": other}).content.decode()
        assert f'id="plan-{plans[0].pk}"' in shown


@pytest.mark.parametrize("followed_dataset", [BUSY], indirect=True)
def test_a_busy_update_pack_page_shows_one_plan_at_a_time(client, councillor, followed_dataset):
    meeting = followed_dataset.meeting
    plans = _plans(meeting)
    client.force_login(councillor)
    url = reverse("followup:meeting_pack", args=[meeting.pk])
    page = client.get(url).content.decode()
    assert "it shows one plan's at a time" in page
    contents = page.split("Contents</h2>")[1].split("</ol>")[0]
    for plan in plans:
        due = plan.recommendations.count()
        assert f"{plan.title}</a> (1st update, {due} item{'s' if due != 1 else ''})" in contents
    assert f'id="plan-{plans[0].pk}"' in page and f'id="plan-{plans[1].pk}"' not in page
    chosen = client.get(url, {"plan": plans[1].pk}).content.decode()
    assert f'id="plan-{plans[1].pk}"' in chosen and f'id="plan-{plans[0].pk}"' not in chosen
    for recommendation in plans[1].recommendations.all():
        assert recommendation.text in chosen
    assert plans[2].recommendations.first().text not in chosen


@pytest.mark.parametrize("followed_dataset", [10], indirect=True)
def test_a_meeting_with_few_items_shows_every_plan_in_full(client, officer, followed_dataset):
    meeting = followed_dataset.meeting
    client.force_login(officer)
    page = client.get(reverse("followup:meeting_detail", args=[meeting.pk])).content.decode()
    assert 'id="plans"' not in page
    assert item_rows(page) == 10
