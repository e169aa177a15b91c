"""Reminder emails: cabinet members whose responses are due in 14, 7 or 0 days or are overdue,
and lead officers whose updates are due before a meeting.

Each email is recorded in ReminderSent before it goes, under a unique (kind, subject,
recipient, day), so running `send_reminders` twice on a day sends nothing twice. Each stage is
sent once (14 days, 7 days, due today); an overdue response is chased once a week.

Nobody is skipped silently: someone with no email address, or whose sign-in has been
deactivated (they have left the council), is reported back as not reached, with the reason, by
the command and by the page that asked.

Only open work in a bounded window is read: plans awaiting a response with a deadline in the
last year or the next 14 days, and items of plans with a report-back still to come in the next
14 days (or at the meeting asked about), so a run costs the same whatever the years of history.
"""

import datetime
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import BadHeaderError, send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from scraip.common.text import one_line, printable
from scraip.councils.models import Meeting, Person, PortfolioTerm, term_covers
from scraip.followup.models import FollowedPart, ReminderSent
from scraip.plans.models import Addressee, RecommendationPart, ReportBack, Response

logger = logging.getLogger(__name__)

OVERDUE_EVERY_DAYS = 7
UPDATE_WINDOW_DAYS = 14
# An overdue response is chased for a year; older ones are the officers' to take up by hand.
OVERDUE_CHASED_DAYS = 365

NO_ADDRESS = "no email address"
LEFT = "left the council (their sign-in is deactivated)"


@dataclass
class Reminder:
    kind: str
    about: object  # the plan, report-back or meeting the reminder is about
    recipient: Person
    subject: str
    body: str
    # Once per (kind, about, recipient) ever, or at most once in this many days.
    repeat_after_days: int | None = None
    # What it asks for, for saying who could not be asked: "updates on Review of Parking".
    asks_for: str = ""


@dataclass(frozen=True)
class NotReached:
    person: Person
    reason: str
    asks_for: str

    def __str__(self):
        return f"{self.person}: {self.reason} (asked for {self.asks_for})"


@dataclass
class Sent:
    """What a run did: how many emails went, and whom it could not reach and why."""

    count: int = 0
    not_reached: list[NotReached] = field(default_factory=list)


def email_of(person: Person) -> str:
    return person.email or (person.user.email if person.user_id else "")


def why_unreachable(person: Person) -> str | None:
    """Why `person` cannot be emailed, or None."""
    if person.user_id and not person.user.is_active:
        return LEFT
    if not email_of(person):
        return NO_ADDRESS
    return None


def unreachable_q(prefix: str = "") -> Q:
    """People (reached through `prefix`, e.g. "response__lead_officer__") who cannot be
    emailed: the database's twin of why_unreachable."""
    no_address = Q(**{f"{prefix}email": ""}) & (
        Q(**{f"{prefix}user__isnull": True}) | Q(**{f"{prefix}user__email": ""})
    )
    return no_address | Q(**{f"{prefix}user__is_active": False})


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
    """One email per plan to each person with parts of it awaiting their response: the cabinet
    member holding the portfolio, or the officer a recommendation is addressed to by name."""
    window = (
        today - datetime.timedelta(OVERDUE_CHASED_DAYS),
        today + datetime.timedelta(UPDATE_WINDOW_DAYS),
    )
    parts = (
        RecommendationPart.objects.awaiting_response()
        .filter(recommendation__action_plan__response_deadline__range=window)
        .select_related(
            "recommendation__action_plan",
            "recommendation__portfolio",
            "recommendation__addressee_officer__user",
        )
        .prefetch_related("recommendation__portfolio__terms__holder__user")
    )
    waiting: dict[tuple, list] = defaultdict(list)
    for part in parts:
        recommendation = part.recommendation
        if recommendation.addressed_to == Addressee.OFFICER:
            answerer = recommendation.addressee_officer
        else:
            portfolio = recommendation.portfolio
            answerer = portfolio.holder_on(today) if portfolio else None
        if answerer:
            waiting[(recommendation.action_plan, answerer)].append(part)
    return [
        _response_reminder(plan, answerer, parts, today)
        for (plan, answerer), parts in waiting.items()
    ]


# How a response reminder names the recommendations: addressed to the officer by name (True),
# or in the cabinet member's portfolio (False).
WHOSE = {True: "addressed to you", False: "in your portfolio"}


def _response_reminder(plan, answerer: Person, parts: list, today: datetime.date) -> Reminder:
    days = (plan.response_deadline - today).days
    when = (
        f"was due on {plan.response_deadline:%-d %B %Y} ({-days} days ago)"
        if days < 0
        else "is due today"
        if days == 0
        else f"is due on {plan.response_deadline:%-d %B %Y}, in {days} days"
    )
    items = "\n".join(f"- {part}" for part in parts)
    by_name = {part.recommendation.addressed_to == Addressee.OFFICER for part in parts}
    whose = "for you to answer" if len(by_name) > 1 else WHOSE[by_name.pop()]
    return Reminder(
        kind=_response_stage(days),
        about=plan,
        recipient=answerer,
        subject=f"Response {'overdue' if days < 0 else 'due'}: {plan.title}",
        body=(
            f"Dear {answerer},\n\nThe cabinet's response to the scrutiny report "
            f"“{plan.title}” {when}. These recommendations {whose} still "
            f"await your response:\n\n{items}\n\nRespond at "
            f"{site_url(reverse('plans:awaiting_response'))}\n"
        ),
        repeat_after_days=OVERDUE_EVERY_DAYS if days < 0 else None,
        asks_for=f"the response to “{plan.title}”",
    )


def items_owing_updates(today: datetime.date, meeting: Meeting | None = None):
    """The open items owing an update for their plan's next report-back, when that report-back
    is at `meeting`, or else due in the next 14 days. Only plans with such a report-back are
    looked at, so the rest of the history is never read."""
    report_backs = ReportBack.objects.still_due()
    if meeting:
        report_backs = report_backs.filter(meeting=meeting)
    else:
        report_backs = report_backs.filter(
            due_on__range=(today, today + datetime.timedelta(UPDATE_WINDOW_DAYS))
        )
    return (
        FollowedPart.objects.listed(today)
        .filter(
            recommendation__action_plan__in=report_backs.values("action_plan"),
            next_report_back_pk__in=report_backs.values("pk"),
        )
        .select_related("response__lead_officer__user")
        .owing_updates()
    )


def update_reminders(today: datetime.date, meeting: Meeting | None = None) -> list[Reminder]:
    """One email per report-back per lead officer with items owing an update for it: for
    report-backs in the next 14 days, or, with `meeting`, those at that meeting. The officers
    supporting an item's lead officer are reminded of it too."""
    items = list(items_owing_updates(today, meeting))
    report_backs = ReportBack.objects.select_related("action_plan").in_bulk(
        {item.next_report_back_pk for item in items}
    )
    supporting = defaultdict(list)  # by response: the officers supporting its lead officer
    for row in Response.supporting_officers.through.objects.filter(
        response__in=[item.response.pk for item in items]
    ).select_related("person__user"):
        supporting[row.response_id].append(row.person)
    owed_by: dict[tuple, list] = defaultdict(list)
    for item in items:
        report_back = report_backs[item.next_report_back_pk]
        lead = item.progress_lead()
        officers = [lead] if lead else []
        for officer in [*officers, *supporting[item.response.pk]]:
            owed_by[(report_back, officer)].append(item)
    return [
        _update_reminder(report_back, lead, owed, today, meeting)
        for (report_back, lead), owed in owed_by.items()
    ]


def _update_reminder(report_back, lead: Person, owed: list, today, meeting) -> Reminder:
    plan, due = report_back.action_plan, report_back.due_on
    days = (due - today).days
    kind = "update_requested" if meeting else ("update_due_7" if days <= 7 else "update_due_14")
    lines = "\n".join(
        f"- {item}: {site_url(reverse('followup:progress_add', args=[item.pk]))}" for item in owed
    )
    return Reminder(
        kind=kind,
        about=report_back,
        recipient=lead,
        subject=f"Progress update due by {due:%-d %B %Y}: {plan.title}",
        body=(
            f"Dear {lead},\n\nThe committee hears progress on “{plan.title}” on "
            f"{due:%-d %B %Y}. Please give an update on the actions you lead:\n\n{lines}\n"
        ),
        repeat_after_days=1 if meeting else None,
        asks_for=f"updates on “{plan.title}”",
    )


def send(reminders: list[Reminder], today: datetime.date) -> Sent:
    """Send each reminder not already sent at its stage; says how many went and whom it could
    not reach."""
    sent = Sent()
    for reminder in reminders:
        if reminder.kind is None or _already_sent(reminder, today):
            continue
        reason = why_unreachable(reminder.recipient)
        if reason:
            sent.not_reached.append(NotReached(reminder.recipient, reason, reminder.asks_for))
            continue
        try:
            with transaction.atomic():
                ReminderSent.objects.create(
                    kind=reminder.kind,
                    about=reminder.about,
                    recipient=reminder.recipient,
                    sent_on=today,
                )
                send_mail(
                    one_line(reminder.subject),
                    printable(reminder.body),
                    None,
                    [email_of(reminder.recipient)],
                )
        except IntegrityError:
            continue  # another run sent it a moment ago
        except (BadHeaderError, OSError, ValueError) as error:
            # One record the mail system refuses must not stop the rest of the run: it is
            # logged, reported as not reached, and not marked sent, so the next run retries.
            logger.exception("Reminder to %s about %s not sent", reminder.recipient, reminder.about)
            sent.not_reached.append(
                NotReached(reminder.recipient, f"could not be sent ({error})", reminder.asks_for)
            )
            continue
        sent.count += 1
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


@dataclass(frozen=True)
class Unreachable:
    """Someone with work due whom no reminder can reach."""

    person: Person
    reason: str
    updates_owed: int
    responses_awaited: int


def people_not_reached(authorities, today: datetime.date) -> list[Unreachable]:
    """The councils' lead officers (and the officers supporting them) owing updates, and cabinet
    members and officers addressed by name with responses awaited, who cannot be emailed
    (why_unreachable), with how much each has due. One query finds who cannot be reached and
    has such work (usually nobody: then that is all); then two queries count the updates the
    officers among them owe, and one each the responses awaited by the portfolio holders and
    by the officers addressed by name among them."""
    terms = PortfolioTerm.objects.filter(
        term_covers(today), holder=OuterRef("pk"), portfolio__authority__in=authorities
    )
    addressed = (
        RecommendationPart.objects.awaiting_response()
        .filter(recommendation__action_plan__authority__in=authorities)
        .filter(recommendation__addressed_to=Addressee.OFFICER)
    )
    # Lead and supporting officers, portfolio holders and officers addressed by name are all
    # people of the plan's council (the models' own rules), so only its people are candidates.
    candidates = (
        Person.objects.select_related("user")
        .filter(unreachable_q(), authority__in=authorities)
        .annotate(
            leads=Exists(Response.objects.filter(lead_officer=OuterRef("pk")))
            | Exists(Response.supporting_officers.through.objects.filter(person=OuterRef("pk"))),
            holds=Exists(terms),
            # Who is addressed, found once for every candidate: as a correlated EXISTS, SQLite
            # walked every awaiting plan of the council again for each person (10 ms a page).
            named=Q(pk__in=addressed.values("recommendation__addressee_officer")),
        )
        .filter(Q(leads=True) | Q(holds=True) | Q(named=True))
        .in_bulk()
    )
    leading = [pk for pk, person in candidates.items() if person.leads]
    holding = [pk for pk, person in candidates.items() if person.holds]
    named = [pk for pk, person in candidates.items() if person.named]
    owed = Counter()
    if leading:
        items = FollowedPart.objects.listed(today).of_authorities(authorities)
        owed.update(
            dict(
                items.filter(response__lead_officer__in=leading)
                .owing_updates()
                .order_by()
                .values_list("response__lead_officer")
                .annotate(count=Count("pk"))
            )
        )
        # The officers supporting a lead officer owe the same updates.
        supported = Response.supporting_officers.through.objects.filter(
            person__in=leading, response__part__in=items.owing_updates().values("pk")
        )
        owed.update(
            dict(supported.order_by().values_list("person").annotate(count=Count("response")))
        )
    awaited = Counter()
    if holding:
        holder = "recommendation__portfolio__terms__holder"
        awaited.update(
            dict(
                RecommendationPart.objects.awaiting_response()
                .filter(recommendation__action_plan__authority__in=authorities)
                # One filter(): the holder counted is the one whose term covers today.
                .filter(
                    term_covers(today, via="recommendation__portfolio__terms__"),
                    **{f"{holder}__in": holding},
                )
                .order_by()
                .values_list(holder)
                .annotate(count=Count("pk", distinct=True))
            )
        )
    if named:
        officer = "recommendation__addressee_officer"
        awaited.update(
            dict(
                addressed.filter(**{f"{officer}__in": named})
                .order_by()
                .values_list(officer)
                .annotate(count=Count("pk"))
            )
        )
    return sorted(
        (
            Unreachable(
                person,
                reason=why_unreachable(person) or NO_ADDRESS,
                updates_owed=owed.get(pk, 0),
                responses_awaited=awaited.get(pk, 0),
            )
            for pk, person in candidates.items()
            if owed.get(pk) or awaited.get(pk)
        ),
        key=lambda entry: (entry.person.name, entry.person.pk),
    )


def send_all(today: datetime.date | None = None) -> tuple[Sent, Sent]:
    today = today or timezone.localdate()
    return (
        send(response_reminders(today), today),
        send(update_reminders(today), today),
    )
