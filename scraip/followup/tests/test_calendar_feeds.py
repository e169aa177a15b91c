"""Private iCalendar feeds: by unguessable token, showing only dates, revocable."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from scraip.councils.tests.factories import MeetingFactory
from scraip.followup.models import CalendarFeed
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.followup.tests.helpers import instances_built
from scraip.plans.models import ReportBack

pytestmark = pytest.mark.django_db


def feed_events(client, feed) -> dict[str, object]:
    response = client.get(reverse("followup:calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    return {str(event["summary"]): event for event in calendar.walk("VEVENT")}


def test_officer_creates_a_committee_feed_read_without_signing_in(client, officer, followed):
    client.force_login(officer)
    client.post(reverse("followup:calendar_feeds"), {"calendar": str(followed.plan.committee_id)})
    feed = CalendarFeed.objects.get()
    assert len(feed.token) >= 40
    page = client.get(reverse("followup:calendar_feeds")).content.decode()
    assert feed.token in page
    client.logout()
    events = feed_events(client, feed)
    meeting = events["Strategic Leadership Overview and Scrutiny Committee"]
    assert meeting["dtstart"].dt == followed.meeting.date
    assert str(meeting["location"]) == "Town Hall"
    assert "Report-back 1: Review of Partnerships" in events
    assert "Report-back 2: Review of Partnerships" in events
    assert "Response due: Review of Partnerships" in events


def test_feed_shows_dates_only_never_progress_text(client, officer, followed):
    ProgressUpdateFactory(subject=followed.item_g, narrative="Secret budget figures.")
    feed = CalendarFeed.objects.create(owner=officer, committee=followed.plan.committee)
    response = client.get(reverse("followup:calendar_feed", args=[feed.token]))
    assert b"Secret" not in response.content
    assert b"Carry out" not in response.content


def test_revoked_or_guessed_token_shows_nothing(client, officer, followed):
    feed = CalendarFeed.objects.create(owner=officer, committee=followed.plan.committee)
    client.force_login(officer)
    client.post(reverse("followup:calendar_feed_revoke", args=[feed.pk]))
    client.logout()
    assert client.get(reverse("followup:calendar_feed", args=[feed.token])).status_code == 404
    assert client.get(reverse("followup:calendar_feed", args=["guess"])).status_code == 404


def test_only_the_owner_can_revoke(client, councillor, officer, followed):
    feed = CalendarFeed.objects.create(owner=officer, committee=followed.plan.committee)
    client.force_login(councillor)
    assert client.post(reverse("followup:calendar_feed_revoke", args=[feed.pk])).status_code == 404
    assert CalendarFeed.objects.active().count() == 1


def test_cabinet_members_own_feed_has_their_response_deadlines(client, cabinet_a, part_a):
    client.force_login(cabinet_a)
    client.post(reverse("followup:calendar_feeds"), {"calendar": "me"})
    events = feed_events(client, CalendarFeed.objects.get())
    assert list(events) == ["Response due: Review of Partnerships"]


def test_lead_officers_own_feed_has_their_report_backs_and_meetings(client, lead_officer, followed):
    client.force_login(lead_officer)
    client.post(reverse("followup:calendar_feeds"), {"calendar": "me"})
    events = feed_events(client, CalendarFeed.objects.get())
    assert set(events) == {
        "Strategic Leadership Overview and Scrutiny Committee",
        "Report-back 1: Review of Partnerships",
        "Report-back 2: Review of Partnerships",
    }


def test_a_feed_holds_the_last_year_and_everything_to_come(client, officer, followed):
    committee = followed.plan.committee
    MeetingFactory(committee=committee, date=datetime.date(2025, 12, 1), place="Last winter")
    MeetingFactory(committee=committee, date=datetime.date(2025, 11, 1), place="Long ago")
    ReportBack.objects.create(
        action_plan=followed.plan, sequence=9, due_on=datetime.date(2024, 5, 1), completed=True
    )
    feed = CalendarFeed.objects.create(owner=officer, committee=committee)
    response = client.get(reverse("followup:calendar_feed", args=[feed.token]))
    calendar = Calendar.from_ical(response.content)
    places = {str(event.get("location")) for event in calendar.walk("VEVENT")}
    summaries = {str(event["summary"]) for event in calendar.walk("VEVENT")}
    assert "Last winter" in places and "Town Hall" in places
    assert "Long ago" not in places
    assert "Report-back 9: Review of Partnerships" not in summaries
    assert "Report-back 1: Review of Partnerships" in summaries


@pytest.mark.parametrize("old_meetings", [2, 40])
def test_a_feed_reads_the_same_rows_whatever_the_history(client, officer, followed, old_meetings):
    for number in range(old_meetings):
        MeetingFactory(
            committee=followed.plan.committee,
            date=datetime.date(2015, 1, 1) + datetime.timedelta(days=30 * number),
        )
    feed = CalendarFeed.objects.create(owner=officer, person=officer.person)
    with instances_built() as built:
        client.get(reverse("followup:calendar_feed", args=[feed.token]))
    assert built["councils.Meeting"] == 1
