"""iCalendar feeds of committee meetings, report-back dates and response deadlines.

A feed shows dates and titles only: no response, update or verdict text, since anyone holding
its address can read it. It holds the last year and everything to come (WINDOW_DAYS), so a
calendar polling it every few minutes reads the same few rows whatever the years of history.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from scraip.common.fuzzydates import latest_day
from scraip.common.text import one_line, printable
from scraip.councils.models import Committee, Meeting, Portfolio
from scraip.followup.models import CalendarFeed, FollowedPart
from scraip.plans.models import ActionPlan, ReportBack

DOMAIN = "scraip"
WINDOW_DAYS = 365


def _event(
    uid: str,
    day: datetime.date,
    summary: str,
    description: str = "",
    last_day: datetime.date | None = None,
    **extra,
) -> list:
    """An all-day event's properties (but its DTSTAMP, the time the feed is written), as
    (name, value) pairs that feed_calendar writes. A vague date ("October 2008", "Q3 2025/26")
    spans every day it could mean, `day` to `last_day`."""
    properties = [
        ("UID", f"{uid}@{DOMAIN}"),
        ("DTSTART;VALUE=DATE", f"{day:%Y%m%d}"),
        ("DTEND;VALUE=DATE", f"{(last_day or day) + datetime.timedelta(days=1):%Y%m%d}"),
        ("SUMMARY", _text(one_line(summary))),
    ]
    if description:
        properties.append(("DESCRIPTION", _text(description)))
    properties += [(key.upper(), _text(value)) for key, value in extra.items()]
    return properties


# Written by hand, as RFC 5545 sets it out (escaped text, lines folded at 75 octets, CRLF): the
# icalendar package, which the tests read the feeds back with, built and wrote an object for
# every property of every event, most of a feed's time.


def _text(value) -> str:
    # Control characters (a vertical tab from Word, a stray NUL) are no part of iCalendar text.
    return (
        printable(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> bytes:
    """The line as UTF-8, folded into lines of at most 75 octets (never inside a character)."""
    data = line.encode()
    if len(data) <= 75:
        return data + b"\r\n"
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # a UTF-8 continuation byte
            end -= 1
        parts.append(data[start:end])
        start, limit = end, 74  # a folded line starts with a space
    return b"\r\n ".join(parts) + b"\r\n"


def _meeting_event(meeting: Meeting) -> list:
    extra = {"location": meeting.place} if meeting.place else {}
    if meeting.is_cancelled:
        extra["status"] = "CANCELLED"
    return _event(f"meeting-{meeting.pk}", meeting.date, f"{meeting.committee.name}", **extra)


def _report_back_event(report_back: ReportBack) -> list:
    return _event(
        f"report-back-{report_back.pk}",
        report_back.due_on,
        f"Report-back {report_back.sequence}: {report_back.action_plan.title}",
        f"Progress on the action plan is due at the committee ({report_back.due_display}).",
        # On its meeting's day once tied to one; otherwise every day its vague date could mean.
        last_day=None
        if report_back.meeting_id
        else latest_day(report_back.due_on, report_back.due_precision),
    )


def _deadline_event(plan: ActionPlan) -> list:
    return _event(
        f"deadline-{plan.pk}",
        plan.response_deadline,
        f"Response due: {plan.title}",
        "The cabinet's response to the scrutiny report is due.",
    )


def _sent_plans():
    return ActionPlan.objects.sent_for_response()


def committee_calendar(committee: Committee, since: datetime.date) -> list[list]:
    """The committee's meetings, and the dates of the plans it follows up: its own reports,
    joint ones and those of the committees whose work it took over."""
    carried = Committee.carrying_on(committee)
    followed = ActionPlan.objects.filter(Q(committee__in=carried) | Q(joint_committees__in=carried))
    plans = _sent_plans().filter(pk__in=followed.values("pk"))
    return _events(
        Meeting.objects.filter(committee=committee, date__gte=since),
        ReportBack.objects.filter(action_plan__in=plans, due_on__gte=since),
        plans.filter(response_deadline__gte=since),
    )


def person_calendar(person, since: datetime.date) -> list[list]:
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
    report_backs = ReportBack.objects.still_due().filter(
        action_plan__in=_plans_with_open_items_led_by(person), due_on__gte=since
    )
    meetings = Meeting.objects.filter(
        Q(report_backs__in=report_backs), status=Meeting.Status.SCHEDULED
    ).distinct()
    return _events(meetings, report_backs, awaiting)


def _plans_with_open_items_led_by(person):
    led = FollowedPart.objects.following().led_by(person).with_state().filter(closed=False)
    return led.values("recommendation__action_plan")


def _events(meetings, report_backs, plans) -> list[list]:
    events = [_meeting_event(m) for m in meetings.select_related("committee")]
    events += [_report_back_event(r) for r in report_backs.select_related("action_plan")]
    events += [_deadline_event(plan) for plan in plans]
    return events


def feed_calendar(feed: CalendarFeed) -> bytes:
    name = feed.committee.name if feed.committee_id else f"SCRAIP dates for {feed.person}"
    since = timezone.localdate() - datetime.timedelta(days=WINDOW_DAYS)
    events = (
        person_calendar(feed.person, since)
        if feed.person_id
        else committee_calendar(feed.committee, since)
    )
    stamp = timezone.now().astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        _fold("BEGIN:VCALENDAR"),
        _fold("VERSION:2.0"),
        _fold("PRODID:-//SCRAIP//Scrutiny follow-up//EN"),
        _fold(f"X-WR-CALNAME:{_text(name)}"),
    ]
    for (uid, value), *properties in events:
        lines += [b"BEGIN:VEVENT\r\n", _fold(f"{uid}:{value}"), _fold(f"DTSTAMP:{stamp}")]
        lines += [_fold(f"{key}:{value}") for key, value in properties]
        lines.append(b"END:VEVENT\r\n")
    lines.append(_fold("END:VCALENDAR"))
    return b"".join(lines)
