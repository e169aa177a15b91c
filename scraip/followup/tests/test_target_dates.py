"""Moving an item's target date: a reason is required, the old date is kept, and a stale change
is refused."""

import datetime

import pytest
from django.urls import reverse

from scraip.followup.models import TargetDateChange
from scraip.plans.models import Response

pytestmark = pytest.mark.django_db


def test_changing_the_target_date_needs_a_reason_and_keeps_the_old_date(
    client, lead_officer, followed
):
    url = reverse("followup:target_date_change", args=[followed.item_g.pk])
    response = followed.item_g.response
    client.force_login(lead_officer)
    page = client.post(url, {"new_target": "September 2027", "reason": "  ", "loaded_version": 1})
    assert "Give the reason for changing the target date" in page.content.decode()
    page = client.post(url, {"new_target": "31 February 2027", "reason": "Late data"})
    assert "that day does not exist" in page.content.decode()
    response.refresh_from_db()
    assert response.timetable == datetime.date(2027, 3, 1)
    assert not TargetDateChange.objects.exists()

    client.post(
        url,
        {
            "new_target": "September 2027",
            "reason": "Awaiting Cabinet",
            "loaded_version": response.version,
        },
    )
    response.refresh_from_db()
    assert (response.timetable, response.timetable_precision) == (
        datetime.date(2027, 9, 1),
        "month",
    )
    change = TargetDateChange.objects.get()
    assert (change.old_display, change.new_display, change.reason) == (
        "March 2027",
        "September 2027",
        "Awaiting Cabinet",
    )
    assert response.history.first().history_change_reason.endswith("Awaiting Cabinet")
    item_page = client.get(reverse("followup:progress_item", args=[followed.item_g.pk]))
    assert "<del>March 2027</del>" in item_page.content.decode()


def test_a_stale_target_date_change_is_refused(client, officer, followed):
    url = reverse("followup:target_date_change", args=[followed.item_g.pk])
    client.force_login(officer)
    first = {"new_target": "May 2027", "reason": "One", "loaded_version": 1}
    client.post(url, first)
    page = client.post(url, {**first, "new_target": "June 2027", "reason": "Two"})
    assert "changed this after you opened it" in page.content.decode()
    assert Response.objects.get(pk=followed.item_g.response.pk).timetable.month == 5
