"""iCalendar feeds of committee meetings, report-back dates and response deadlines.

A feed shows dates and titles only: no response, update or verdict text, since anyone holding
its address can read it.
"""

import datetime

from django.db.models import Q
from django.utils import timezone
from icalendar import Calendar, Event

from scraip.councils.models import Committee, Meeting, Portfolio
from scraip.followup.models import CalendarFeed, FollowedPart
from scraip.plans.models import ActionPlan, ReportBack

DOMAIN = "scraip"


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
    day = report_back.meeting.date if report_back.meeting else report_back.due_on
    return _event(
        f"report-back-{report_back.pk}",
        day,
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


def committee_calendar(committee: Committee) -> list[Event]:
    plans = _sent_plans().filter(committee=committee)
    return _events(
        Meeting.objects.filter(committee=committee),
        ReportBack.objects.filter(action_plan__in=plans),
        plans.filter(response_deadline__isnull=False),
    )


def person_calendar(person) -> list[Event]:
    """A scrutiny officer's feed holds all their council's dates; anyone else's, the deadlines
    of the portfolios they hold and the report-backs and meetings of the actions they lead."""
    plans = _sent_plans().filter(authority=person.authority_id)
    if person.in_scrutiny_team:
        return _events(
            Meeting.objects.filter(committee__authority=person.authority_id),
            ReportBack.objects.filter(action_plan__in=plans),
            plans.filter(response_deadline__isnull=False),
        )
    held = Portfolio.objects.held_by(person)
    awaiting = plans.filter(
        status=ActionPlan.Status.AWAITING_RESPONSE, recommendations__portfolio__in=held
    ).distinct()
    led_plans = FollowedPart.objects.followed().led_by(person).values("recommendation__action_plan")
    report_backs = ReportBack.objects.filter(action_plan__in=led_plans, completed=False)
    meetings = Meeting.objects.filter(
        Q(report_backs__in=report_backs), status=Meeting.Status.SCHEDULED
    ).distinct()
    return _events(meetings, report_backs, awaiting)


def _events(meetings, report_backs, plans) -> list[Event]:
    events = [_meeting_event(m) for m in meetings.select_related("committee")]
    events += [_report_back_event(r) for r in report_backs.select_related("action_plan", "meeting")]
    events += [_deadline_event(plan) for plan in plans]
    return events


def feed_calendar(feed: CalendarFeed) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//SCRAIP//Scrutiny follow-up//EN")
    calendar.add("version", "2.0")
    name = feed.committee.name if feed.committee_id else f"SCRAIP dates for {feed.person}"
    calendar.add("x-wr-calname", name)
    events = person_calendar(feed.person) if feed.person_id else committee_calendar(feed.committee)
    for event in events:
        calendar.add_component(event)
    return calendar.to_ical()
