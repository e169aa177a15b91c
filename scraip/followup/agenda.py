"""What the committee follows up on a SCRAIP: the responses due and each meeting's agenda. Reads
only. The database decides which items are due, owed, need attention or were closed earlier
(FollowedPart.objects.listed(), state.with_state); each function reads only the rows its page
shows, in a fixed number of queries."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery

from scraip.councils.models import Meeting
from scraip.followup.progress import changes_since_previous
from scraip.plans.models import ActionPlan, ReportBack

from .models import FollowedPart, NextReportBack, ProgressUpdate, TargetDateChange, Verdict
from .models.parts import closed_before
from .models.state import (
    about_outer_item,
    attach_latest,
    flag,
    updates_newest_first,
)


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


def next_report_back(plan) -> ReportBack | None:
    """The plan's next report-back, with its meeting: the one the database keeps for it
    (itemstate.NextReportBack), in one query."""
    kept = NextReportBack.objects.filter(action_plan=plan).values("report_back_pk")
    return ReportBack.objects.select_related("meeting").filter(pk__in=kept).first()


def needs_attention(items) -> list:
    """Of items a page shows in full (read with their state), those the database found open and
    off track or past their target date. A page showing some of its items filters instead:
    queryset.needing_attention()."""
    return [item for item in items if item.needs_attention]


@dataclass
class AgendaPlan:
    """One action plan reporting back at a meeting, with the items due there (read when the
    plan is `shown`) and, counted by the database for every plan, how many items are due, how
    many updates came in for the meeting and how many verdicts were given there."""

    report_back: ReportBack
    items: list = field(default_factory=list)
    closed_earlier: list = field(default_factory=list)
    shown: bool = True
    due: int = 0
    received: int = 0
    verdicts: int = 0

    @property
    def plan(self) -> ActionPlan:
        return self.report_back.action_plan

    @property
    def verdicts_missing(self) -> int:
        return self.due - self.verdicts

    @property
    def updates_owed(self) -> int:
        return self.due - self.received


def agenda_report_backs(meeting: Meeting) -> list[ReportBack]:
    """The report-backs of sent plans at the meeting, one a plan: a plan with two report-backs
    tied to the same meeting is heard once, at the first of them."""
    report_backs = (
        meeting.report_backs.exclude(action_plan__status=ActionPlan.Status.DRAFT)
        .exclude(cancelled=True)
        .select_related("action_plan__authority", "action_plan__committee")
        .order_by("action_plan__publication_date", "action_plan_id", "sequence")
    )
    first_of_plan: dict[int, ReportBack] = {}
    for report_back in report_backs:
        first_of_plan.setdefault(report_back.action_plan_id, report_back)
    return list(first_of_plan.values())


def agenda_rows():
    """The followed items with what an agenda row, the pack and its PDF print
    (FollowedPart.objects.shown()), in plan order: not the update owed that lists of items
    choose by (FollowedPart.objects.listed()), which the agenda asks of its own report-back."""
    return FollowedPart.objects.following().shown().in_follow_up_order()


def agenda_items(meeting: Meeting, plan_ids: list[int], items=None, previous: bool = False):
    """The followed items of these plans with, decided by the database: the report-back they
    are heard at here (`agenda_sequence`), the verdict given here (`verdict_here_pk`), whether an
    update came in for this meeting (`updated_for_this`), whether the committee closed them at an
    earlier report-back (`closed_earlier`), and with `previous` the update before the latest
    (`previous_update_pk`, for the pack). `items`: the items with their state to start from (by
    default agenda_rows(), with what a row prints)."""
    at_meeting = ReportBack.objects.filter(
        action_plan=OuterRef("recommendation__action_plan"), meeting=meeting, cancelled=False
    ).order_by("sequence")
    updates = updates_newest_first(FollowedPart)
    items = agenda_rows() if items is None else items
    if previous:
        items = items.annotate(previous_update_pk=Subquery(updates.values("pk")[1:2]))
    return (
        items.filter(recommendation__action_plan__in=plan_ids)
        .annotate(
            agenda_sequence=Subquery(at_meeting.values("sequence")[:1]),
            verdict_here_pk=Subquery(
                about_outer_item(Verdict, FollowedPart).filter(meeting=meeting).values("pk")[:1]
            ),
            updated_for_this=Exists(updates.filter(report_back__meeting=meeting)),
        )
        .annotate(closed_earlier=closed_before(OuterRef("agenda_sequence")))
    )


def meeting_agenda(
    meeting: Meeting, *, with_changes: bool = True, show=None, standings: dict | None = None
) -> list[AgendaPlan]:
    """Every action plan reporting back at the meeting, each with its counts and its items due
    and, for each item, the latest update, whether an update came in for this meeting and the
    verdict given here; `with_changes` adds what changed since the update before (the update
    pack). `show(plan_ids, counts)` chooses the plans whose items are read, from the counts of
    every plan (agenda_counts); without it every plan's are (the PDF prints the whole pack) and
    counted as read. `standings`, a dict, is filled with how many items due stand where
    (models.Standing), for a chart of them all."""
    report_backs = agenda_report_backs(meeting)
    plan_ids = [report_back.action_plan_id for report_back in report_backs]
    # Built once: the counts group it, and the rows shown are read from it.
    due = agenda_items(meeting, plan_ids, previous=with_changes)
    counts = agenda_counts(due) if show else None
    shown_ids = show(plan_ids, counts) if show else plan_ids
    shown = due if shown_ids == plan_ids else due.filter(recommendation__action_plan__in=shown_ids)
    items = list(shown)
    _attach_agenda_records(items, with_changes)
    if counts is None:
        counts = _counted(items)
    if standings is not None:
        for (_plan, standing), row in counts.items():
            standings[standing] = standings.get(standing, 0) + row["due"]
    by_plan: dict[int, list] = {}
    for item in items:
        by_plan.setdefault(item.recommendation.action_plan_id, []).append(item)
    agenda = []
    for report_back in report_backs:
        plan_id = report_back.action_plan_id
        entry = AgendaPlan(report_back, shown=plan_id in shown_ids)
        for (counted_plan, _standing), row in counts.items():
            if counted_plan == plan_id:
                entry.due += row["due"]
                entry.received += row["received"]
                entry.verdicts += row["verdicts"]
        for item in by_plan.get(plan_id, []):
            (entry.closed_earlier if item.closed_earlier else entry.items).append(item)
        agenda.append(entry)
    return agenda


def _counted(items: list) -> dict[tuple, dict]:
    """agenda_counts of items already read, counted as read."""
    return _added_up(
        {
            "recommendation__action_plan": item.recommendation.action_plan_id,
            "standing": item.standing,
            "closed_earlier": item.closed_earlier,
            "updated_for_this": item.updated_for_this,
            "verdict_here": item.verdict_here is not None,
            "items": 1,
        }
        for item in items
    )


def _added_up(rows) -> dict[tuple, dict]:
    """{(plan, standing): how many items are due, received an update and had a verdict here}
    from rows counting the items of each plan, standing and flags (those closed at an earlier
    report-back are not due)."""
    counts: dict[tuple, dict] = {}
    for row in rows:
        if row["closed_earlier"]:
            continue
        key = (row["recommendation__action_plan"], row["standing"])
        counted = counts.setdefault(key, {"due": 0, "received": 0, "verdicts": 0})
        counted["due"] += row["items"]
        counted["received"] += row["items"] if row["updated_for_this"] else 0
        counted["verdicts"] += row["items"] if row["verdict_here"] else 0
    return counts


def agenda_counts(due) -> dict[tuple, dict]:
    """Of the items `due` at a meeting (agenda_items), for each plan and standing, how many
    are due (not closed at an earlier report-back), how many of those had an update for it and
    a verdict there: one query, however many items, grouping the items by plan, standing and
    those three flags (a few dozen rows), which are added up here. Each flag is written once in
    the query, and "not closed earlier" stays out of the WHERE clause: there PostgreSQL would
    turn it into an anti-join reading every closing verdict of the network, where grouped it
    stays an index seek per item."""
    rows = (
        due.annotate(verdict_here=flag(Q(verdict_here_pk__isnull=False)))
        .order_by()
        .values(
            "recommendation__action_plan",
            "standing",
            "closed_earlier",
            "updated_for_this",
            "verdict_here",
        )
        .annotate(items=Count("pk"))
    )
    return _added_up(rows)


def _attach_agenda_records(items: list, with_changes: bool) -> None:
    """The updates and verdicts the agenda prints, in two queries whatever the number of items
    (state.attach_latest): the latest of each, the verdict given at this meeting and, for the
    pack, the update before the latest; then the target dates moved between those two."""
    updates = ("latest_update_pk", "previous_update_pk") if with_changes else ("latest_update_pk",)
    attach_latest(items, updates=updates, verdicts=("latest_verdict_pk", "verdict_here_pk"))
    for item in items:
        item.verdict_here = item.attached_verdict_here
    if not with_changes:
        return
    moves = target_changes_since_previous([item.pk for item in items if item.previous_update_pk])
    for item in items:
        item.changes = changes_since_previous(item, moves.get(item.pk, []))


def target_changes_since_previous(item_ids: list[int]) -> dict[int, list]:
    """The target dates of these items moved between their last two updates, newest first: one
    query, even for no items (an id no item has), so a page's queries do not vary."""
    content_type = ContentType.objects.get_for_model(FollowedPart)
    updates = ProgressUpdate.objects.filter(
        content_type=content_type, object_id=OuterRef("object_id")
    ).order_by("-reported_on", "-pk")
    moves = (
        TargetDateChange.objects.filter(content_type=content_type, object_id__in=item_ids or [0])
        .annotate(
            latest_at=Subquery(updates.values("created_at")[:1]),
            previous_at=Subquery(updates.values("created_at")[1:2]),
        )
        .filter(Q(changed_at__gte=F("previous_at")) & Q(changed_at__lte=F("latest_at")))
        .order_by("-changed_at", "-pk")
    )
    by_item: dict[int, list] = {}
    for move in moves:
        by_item.setdefault(move.object_id, []).append(move)
    return by_item
