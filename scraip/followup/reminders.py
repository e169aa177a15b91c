"""Reminder emails: cabinet members whose responses are due in 14, 7 or 0 days or are overdue,
and lead officers whose updates are due before a meeting.

Each email is recorded in ReminderSent before it goes, under a unique (kind, subject,
recipient, day), so running `send_reminders` twice on a day sends nothing twice. Each stage is
sent once (14 days, 7 days, due today); an overdue response is chased once a week.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from scraip.councils.models import Meeting, Person
from scraip.followup.agenda import owed_updates
from scraip.followup.models import FollowedPart, ReminderSent
from scraip.plans.models import RecommendationPart

OVERDUE_EVERY_DAYS = 7
UPDATE_WINDOW_DAYS = 14


@dataclass
class Reminder:
    kind: str
    about: object  # the plan, report-back or meeting the reminder is about
    recipient: Person
    subject: str
    body: str
    # Once per (kind, about, recipient) ever, or at most once in this many days.
    repeat_after_days: int | None = None


def email_of(person: Person) -> str:
    return person.email or (person.user.email if person.user_id else "")


def site_url(path: str) -> str:
    return getattr(settings, "SCRAIP_SITE_URL", "http://127.0.0.1:8000").rstrip("/") + path


def _response_stage(days: int) -> str | None:
    if days < 0:
        return "response_overdue"
    if days == 0:
        return "response_due_0"
    if days <= 7:
        return "response_due_7"
    if days <= 14:
        return "response_due_14"
    return None


def response_reminders(today: datetime.date) -> list[Reminder]:
    """One email per plan per cabinet member with parts of it awaiting their response."""
    parts = (
        RecommendationPart.objects.awaiting_response()
        .filter(recommendation__action_plan__response_deadline__lte=today + datetime.timedelta(14))
        .select_related("recommendation__action_plan", "recommendation__portfolio")
        .prefetch_related("recommendation__portfolio__terms__holder__user")
    )
    waiting: dict[tuple, list] = defaultdict(list)
    for part in parts:
        portfolio = part.recommendation.portfolio
        holder = portfolio.holder_on(today) if portfolio else None
        if holder:
            waiting[(part.recommendation.action_plan, holder)].append(part)
    reminders = []
    for (plan, holder), plan_parts in waiting.items():
        days = (plan.response_deadline - today).days
        kind = _response_stage(days)
        when = (
            f"was due on {plan.response_deadline:%-d %B %Y} ({-days} days ago)"
            if days < 0
            else "is due today"
            if days == 0
            else f"is due on {plan.response_deadline:%-d %B %Y}, in {days} days"
        )
        items = "\n".join(f"- {part}" for part in plan_parts)
        reminders.append(
            Reminder(
                kind=kind,
                about=plan,
                recipient=holder,
                subject=f"Response {'overdue' if days < 0 else 'due'}: {plan.title}",
                body=(
                    f"Dear {holder},\n\nThe cabinet's response to the scrutiny report "
                    f"“{plan.title}” {when}. These recommendations in your portfolio still "
                    f"await your response:\n\n{items}\n\nRespond at "
                    f"{site_url(reverse('plans:awaiting_response'))}\n"
                ),
                repeat_after_days=OVERDUE_EVERY_DAYS if days < 0 else None,
            )
        )
    return reminders


def update_reminders(today: datetime.date, meeting: Meeting | None = None) -> list[Reminder]:
    """One email per report-back per lead officer with items owing an update for it: for
    report-backs in the next 14 days, or, with `meeting`, those at that meeting."""
    items = FollowedPart.objects.followed().select_related("response__lead_officer__user")
    if meeting:
        items = items.filter(recommendation__action_plan__report_backs__meeting=meeting)
    owed_by: dict[tuple, list] = defaultdict(list)
    for owed in owed_updates(items.distinct()):
        lead = owed.item.progress_lead()
        in_window = today <= owed.due <= today + datetime.timedelta(UPDATE_WINDOW_DAYS)
        at_meeting = meeting and owed.report_back.meeting_id == meeting.pk
        if lead and (at_meeting or (not meeting and in_window)):
            owed_by[(owed.report_back, lead)].append(owed)
    reminders = []
    for (report_back, lead), owed in owed_by.items():
        plan = owed[0].item.recommendation.action_plan
        due = owed[0].due
        days = (due - today).days
        kind = "update_requested" if meeting else ("update_due_7" if days <= 7 else "update_due_14")
        lines = "\n".join(
            f"- {entry.item}: {site_url(reverse('followup:progress_add', args=[entry.item.pk]))}"
            for entry in owed
        )
        reminders.append(
            Reminder(
                kind=kind,
                about=report_back,
                recipient=lead,
                subject=f"Progress update due by {due:%-d %B %Y}: {plan.title}",
                body=(
                    f"Dear {lead},\n\nThe committee hears progress on “{plan.title}” on "
                    f"{due:%-d %B %Y}. Please give an update on the actions you lead:\n\n"
                    f"{lines}\n"
                ),
                repeat_after_days=1 if meeting else None,
            )
        )
    return reminders


def send(reminders: list[Reminder], today: datetime.date) -> int:
    """Send each reminder not already sent at its stage; returns how many went."""
    sent = 0
    for reminder in reminders:
        address = email_of(reminder.recipient)
        if not address or reminder.kind is None or _already_sent(reminder, today):
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    kind=reminder.kind,
                    about=reminder.about,
                    recipient=reminder.recipient,
                    sent_on=today,
                )
                send_mail(reminder.subject, reminder.body, None, [address])
        except IntegrityError:
            continue  # another run sent it a moment ago
        sent += 1
    return sent


def _already_sent(reminder: Reminder, today: datetime.date) -> bool:
    earlier = ReminderSent.objects.filter(
        kind=reminder.kind,
        content_type=ContentType.objects.get_for_model(reminder.about),
        object_id=reminder.about.pk,
        recipient=reminder.recipient,
    )
    if reminder.repeat_after_days:
        since = today - datetime.timedelta(days=reminder.repeat_after_days - 1)
        earlier = earlier.filter(sent_on__gte=since)
    return earlier.exists()


def send_all(today: datetime.date | None = None) -> tuple[int, int]:
    today = today or timezone.localdate()
    return (
        send(response_reminders(today), today),
        send(update_reminders(today), today),
    )
