"""What the committee follows up on a SCRAIP: the accepted items, the updates owed before each
report-back, and each meeting's agenda. Reads only; every function costs a fixed number of
queries whatever the number of items (lists are prefetched, then worked through in Python)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from scraip.councils.models import Meeting, PortfolioTerm
from scraip.followup.progress import (
    changes_since_previous,
    closed_before,
    has_update_for,
    prefetch_progress,
)
from scraip.plans.models import ActionPlan, ReportBack

from .models import FollowedPart


def followed_items(parts: QuerySet | None = None) -> QuerySet:
    """Accepted items of live plans that have gone to the cabinet, with everything a list of
    them prints: plan, portfolio and its holders, response and lead officer, open report-backs,
    progress. Narrow it with .filter() before it is evaluated."""
    parts = parts if parts is not None else FollowedPart.objects.all()
    open_report_backs = ReportBack.objects.filter(completed=False).select_related("meeting")
    parts = (
        parts.trackable()
        .exclude(recommendation__action_plan__status=ActionPlan.Status.DRAFT)
        .select_related(
            "recommendation__action_plan__committee",
            "recommendation__action_plan__authority",
            "recommendation__portfolio",
            "response__lead_officer",
        )
        .prefetch_related(
            Prefetch(
                "recommendation__action_plan__report_backs",
                queryset=open_report_backs.order_by("sequence"),
                to_attr="open_report_backs",
            ),
            Prefetch(
                "recommendation__portfolio__terms",
                queryset=PortfolioTerm.objects.select_related("holder"),
            ),
        )
        .order_by(
            "recommendation__action_plan__publication_date",
            "recommendation__action_plan_id",
            "recommendation__position",
            "recommendation_id",
            "position",
        )
    )
    return prefetch_progress(parts)


def next_report_back(item) -> ReportBack | None:
    """The first report-back of the item's plan not yet completed (from followed_items)."""
    report_backs = item.recommendation.action_plan.open_report_backs
    return report_backs[0] if report_backs else None


def report_back_date(report_back: ReportBack) -> datetime.date:
    return report_back.meeting.date if report_back.meeting else report_back.due_on


@dataclass
class Owed:
    item: FollowedPart
    report_back: ReportBack
    due: datetime.date

    @property
    def overdue(self) -> bool:
        return self.due < timezone.localdate()


def owed_updates(items) -> list[Owed]:
    """Open items with no update yet for their plan's next report-back, soonest first."""
    owed = []
    for item in items:
        report_back = next_report_back(item)
        if report_back and not item.is_closed and not has_update_for(item, report_back):
            owed.append(Owed(item, report_back, report_back_date(report_back)))
    return sorted(owed, key=lambda entry: (entry.due, entry.item.pk))


def needs_attention(items, today: datetime.date | None = None) -> list:
    """Open items reported off track, or past their target date and not implemented."""
    today = today or timezone.localdate()
    return [
        item
        for item in items
        if not item.is_closed
        and (
            (item.latest_update and item.latest_update.status == "off_track")
            or item.is_past_target(today)
        )
    ]


@dataclass
class AgendaPlan:
    """One action plan reporting back at a meeting, with the items due there."""

    report_back: ReportBack
    items: list = field(default_factory=list)
    closed_earlier: list = field(default_factory=list)

    @property
    def plan(self) -> ActionPlan:
        return self.report_back.action_plan

    @property
    def verdicts_missing(self) -> int:
        return sum(1 for item in self.items if item.verdict_here is None)


def meeting_agenda(meeting: Meeting) -> list[AgendaPlan]:
    """Every action plan with a report-back tied to the meeting, each with its items due and,
    for each item, the latest update, what changed since the one before, whether an update came
    in for this report-back and the verdict given here."""
    report_backs = list(
        meeting.report_backs.filter(action_plan__deleted_at__isnull=True)
        .exclude(action_plan__status=ActionPlan.Status.DRAFT)
        .select_related("action_plan__authority", "action_plan__committee")
        .order_by("action_plan__publication_date", "action_plan_id")
    )
    items = followed_items().filter(
        recommendation__action_plan__in=[report_back.action_plan_id for report_back in report_backs]
    )
    by_plan: dict[int, list] = {}
    for item in items:
        by_plan.setdefault(item.recommendation.action_plan_id, []).append(item)
    agenda = []
    for report_back in report_backs:
        entry = AgendaPlan(report_back)
        for item in by_plan.get(report_back.action_plan_id, []):
            item.verdict_here = item.verdict_at(meeting)
            item.changes = changes_since_previous(item)
            item.updated_for_this = has_update_for(item, report_back)
            if closed_before(item, report_back):
                entry.closed_earlier.append(item)
            else:
                entry.items.append(item)
        agenda.append(entry)
    return agenda
