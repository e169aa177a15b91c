"""iCalendar feeds of committee meetings, report-back dates and response deadlines.

A feed shows dates and titles only: no response, update or verdict text, since anyone holding
its address can read it. It holds the last year and everything to come (WINDOW_DAYS), so a
calendar polling it every few minutes reads the same few rows whatever the years of history.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from icalendar import Calendar, Event

from scraip.councils.models import Committee, Meeting, Portfolio
from scraip.followup.models import CalendarFeed, FollowedPart
from scraip.plans.models import ActionPlan, ReportBack

DOMAIN = "scraip"
WINDOW_DAYS = 365


def _event(uid: str, day: datetime.date, summary: str, description: str = "", **extra) -> Event:
    event = Event()
    event.add("uid", f"{uid}@{DOMAIN}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", day)
    event.add("dtend", day + datetime.timedelta(days=1))
    event.add("summary", summary)
    if description:
        event.add("description", description)
    for key, value in extra.items():
        event.add(key, value)
    return event


def _meeting_event(meeting: Meeting) -> Event:
    extra = {"location": meeting.place} if meeting.place else {}
    if meeting.is_cancelled:
        extra["status"] = "CANCELLED"
    return _event(f"meeting-{meeting.pk}", meeting.date, f"{meeting.committee.name}", **extra)


def _report_back_event(report_back: ReportBack) -> Event:
    return _event(
        f"report-back-{report_back.pk}",
        report_back.due_on,
        f"Report-back {report_back.sequence}: {report_back.action_plan.title}",
        f"Progress on the action plan is due at the committee ({report_back.due_display}).",
    )


def _deadline_event(plan: ActionPlan) -> Event:
    return _event(
        f"deadline-{plan.pk}",
        plan.response_deadline,
        f"Response due: {plan.title}",
        "The cabinet's response to the scrutiny report is due.",
    )


def _sent_plans():
    return ActionPlan.objects.sent_for_response()


def committee_calendar(committee: Committee, since: datetime.date) -> list[Event]:
    plans = _sent_plans().filter(committee=committee)
    return _events(
        Meeting.objects.filter(committee=committee, date__gte=since),
        ReportBack.objects.filter(action_plan__in=plans, due_on__gte=since),
        plans.filter(response_deadline__gte=since),
    )


def person_calendar(person, since: datetime.date) -> list[Event]:
    """A scrutiny officer's feed holds all their council's dates; anyone else's, the deadlines
    of the portfolios they hold and the report-backs and meetings of the open actions they
    lead."""
    plans = _sent_plans().filter(authority=person.authority_id)
    if person.in_scrutiny_team:
        return _events(
            Meeting.objects.filter(committee__authority=person.authority_id, date__gte=since),
            ReportBack.objects.filter(action_plan__in=plans, due_on__gte=since),
            plans.filter(response_deadline__gte=since),
        )
    held = Portfolio.objects.held_by(person)
    awaiting = plans.filter(
        status=ActionPlan.Status.AWAITING_RESPONSE,
        recommendations__portfolio__in=held,
        response_deadline__gte=since,
    ).distinct()
    report_backs = ReportBack.objects.filter(
        action_plan__in=_plans_with_open_items_led_by(person), completed=False, due_on__gte=since
    )
    meetings = Meeting.objects.filter(
        Q(report_backs__in=report_backs), status=Meeting.Status.SCHEDULED
    ).distinct()
    return _events(meetings, report_backs, awaiting)


def _plans_with_open_items_led_by(person):
    led = FollowedPart.objects.following().led_by(person).with_state().filter(closed=False)
    return led.values("recommendation__action_plan")


def _events(meetings, report_backs, plans) -> list[Event]:
    events = [_meeting_event(m) for m in meetings.select_related("committee")]
    events += [_report_back_event(r) for r in report_backs.select_related("action_plan")]
    events += [_deadline_event(plan) for plan in plans]
    return events


def feed_calendar(feed: CalendarFeed) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//SCRAIP//Scrutiny follow-up//EN")
    calendar.add("version", "2.0")
    name = feed.committee.name if feed.committee_id else f"SCRAIP dates for {feed.person}"
    calendar.add("x-wr-calname", name)
    since = timezone.localdate() - datetime.timedelta(days=WINDOW_DAYS)
    events = (
        person_calendar(feed.person, since)
        if feed.person_id
        else committee_calendar(feed.committee, since)
    )
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
