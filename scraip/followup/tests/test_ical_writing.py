"""The calendar feeds are written by hand (scraip.followup.ical): what a calendar program reads
back (the icalendar package, as the programs do by RFC 5545) is what the council wrote, with
commas, semicolons, backslashes, new lines and long names in any script."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from scraip.councils.tests.factories import MeetingFactory
from scraip.followup.ical import _fold
from scraip.followup.models import CalendarFeed

pytestmark = pytest.mark.django_db

PLACE = "Committee Room 2; Sessions House, County Hall\\Annexe,\nMaidstone ME14 1XQ"
LONG = "Ystafell y Cyngor – Neuadd y Sir, Caerfyrddin – " * 3 + "Tŷ’r Cyngor ✓ 😀"  # 159 of 200


@pytest.mark.parametrize("place", [PLACE, LONG])
def test_a_feed_reads_back_as_written(client, officer, committee, place):
    meeting = MeetingFactory(committee=committee, date=datetime.date(2027, 2, 3), place=place)
    feed = CalendarFeed.objects.create(owner=officer, committee=committee)
    response = client.get(reverse("followup:calendar_feed", args=[feed.token]))
    assert response.status_code == 200
    for line in response.content.split(b"\r\n"):
        assert len(line) <= 75
        line.decode()  # never folded inside a character
    calendar = Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == committee.name
    (event,) = [
        e for e in calendar.walk("VEVENT") if str(e["uid"]) == f"meeting-{meeting.pk}@scraip"
    ]
    assert str(event["location"]) == place
    assert str(event["summary"]) == committee.name
    assert event["dtstart"].dt == meeting.date
    assert event["dtend"].dt == meeting.date + datetime.timedelta(days=1)
    assert event["dtstamp"].dt.tzinfo is not None


def test_folding_keeps_every_octet():
    line = "DESCRIPTION:" + "é" * 100
    folded = _fold(line)
    assert folded.endswith(b"\r\n")
    assert folded.replace(b"\r\n ", b"").removesuffix(b"\r\n") == line.encode()
