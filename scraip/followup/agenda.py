"""What the committee follows up on a SCRAIP: the accepted items, the updates owed before each
report-back, and each meeting's agenda. Reads only; every function costs a fixed number of
queries whatever the number of items (lists are prefetched, then worked through in Python)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import F
from django.utils import timezone

from scraip.councils.models import Meeting
from scraip.followup.progress import changes_since_previous, closed_before, has_update_for
from scraip.plans.models import ActionPlan, ReportBack

from .models import FollowedPart, ProgressUpdate


def responses_due(authorities, by: datetime.date):
    """The councils' plans awaiting the cabinet's response by that day, soonest first, each
    with how many parts still await it (`awaiting`)."""
    return (
        ActionPlan.objects.for_authorities(authorities)
        .filter(status=ActionPlan.Status.AWAITING_RESPONSE, response_deadline__lte=by)
        .select_related("committee")
        .with_counts()
        .annotate(awaiting=F("part_count") - F("answered_count"))
        .order_by("response_deadline", "pk")
    )


def next_report_back(item) -> ReportBack | None:
    """The first report-back of the item's plan not yet completed (from
    FollowedPart.objects.followed())."""
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
            (item.latest_update and item.latest_update.status == ProgressUpdate.Status.OFF_TRACK)
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
        meeting.report_backs.exclude(action_plan__status=ActionPlan.Status.DRAFT)
        .select_related("action_plan__authority", "action_plan__committee")
        .order_by("action_plan__publication_date", "action_plan_id")
    )
    items = FollowedPart.objects.followed().filter(
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
