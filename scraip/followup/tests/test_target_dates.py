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


def test_a_span_of_months_is_a_target_date_kept_and_printed_as_typed(
    client, lead_officer, followed
):
    """Issue 12.4: "January–March 2028" is a target date like any other, kept with its end."""
    item = followed.item_g
    url = reverse("followup:target_date_change", args=[item.pk])
    client.force_login(lead_officer)
    page = client.post(
        url,
        {
            "new_target": "January - March 2028",
            "reason": "Phased roll-out",
            "loaded_version": item.response.version,
        },
    )
    assert page.status_code == 302
    response = Response.objects.get(pk=item.response.pk)
    assert (response.timetable, response.timetable_precision, response.timetable_end) == (
        datetime.date(2028, 1, 1),
        "months",
        datetime.date(2028, 3, 31),
    )
    assert response.timetable_display == "January–March 2028"
    change = TargetDateChange.objects.get()
    assert (change.old_display, change.new_display) == ("March 2027", "January–March 2028")
    item_page = client.get(reverse("followup:progress_item", args=[item.pk])).content.decode()
    assert "January–March 2028" in item_page
    history = client.get(reverse("plans:response_history", args=[response.pk])).content.decode()
    assert "January–March 2028" in history

    # The same span again is no move; a longer span with the same start is one.
    again = {"reason": "Again", "loaded_version": response.version}
    page = client.post(url, {**again, "new_target": "January–March 2028"})
    assert "The target date is already January–March 2028" in page.content.decode()
    page = client.post(url, {**again, "new_target": "January–April 2028"})
    assert page.status_code == 302
    assert Response.objects.get(pk=response.pk).timetable_display == "January–April 2028"
