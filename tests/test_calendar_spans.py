"""A vague report-back date goes to calendars as an all-day event spanning every day it could
mean (issue 12, point 4): "October 2008" is 1 to 31 October, not 1 October."""

import datetime

import pytest
from django.urls import reverse
from icalendar import Calendar

from scraip.common.fuzzydates import Precision
from scraip.followup.models import CalendarFeed
from scraip.plans.models import ReportBack

pytestmark = pytest.mark.django_db


def events_of(client, officer, committee_id):
    client.force_login(officer)
    client.post(reverse("followup:calendar_feeds"), {"calendar": str(committee_id)})
    feed = CalendarFeed.objects.get()
    response = client.get(reverse("followup:calendar_feed", args=[feed.token]))
    return {str(e["summary"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


@pytest.mark.parametrize(
    ("precision", "start", "end"),
    [
        (Precision.MONTH, datetime.date(2027, 5, 1), datetime.date(2027, 6, 1)),
        (Precision.QUARTER, datetime.date(2027, 4, 1), datetime.date(2027, 7, 1)),
        (Precision.SEASON, datetime.date(2027, 6, 1), datetime.date(2027, 9, 1)),
        (Precision.DAY, datetime.date(2027, 5, 4), datetime.date(2027, 5, 5)),
    ],
)
def test_a_vague_report_back_spans_its_period(client, officer, plan, precision, start, end):
    ReportBack.objects.create(action_plan=plan, sequence=1, due_on=start, due_precision=precision)
    event = events_of(client, officer, plan.committee_id)[f"Report-back 1: {plan.title}"]
    assert (event["dtstart"].dt, event["dtend"].dt) == (start, end)
