"""Where each tracked item stands, answered by the database.

    items = with_state(Outcome.objects.filter(...))    # any kind's queryset
    items = FollowedPart.objects.listed()              # plan items: with_state() and more
    items.filter(needs_attention=True)                 # decided in SQL
    page = list(items[:20]); attach_latest(page)       # only the rows shown are read

`with_state` annotates every item with:

- `latest_update_pk`, `latest_status`, `latest_reported_on`: its latest progress update (by the
  day it was reported, then the latest entered), that update's status ("" when there is none
  yet) and the day it was reported;
- `latest_verdict_pk`, `latest_verdict_kind`, `latest_verdict_on`: the committee's latest verdict
  (by meeting date), its kind ("" when there is none) and its meeting's day;
- `closed`: the latest verdict closed it (only the committee closes an item);
- `standing`: where it stands for the charts: "closed", "no_update" or the latest status
  (scraip.followup.models.Standing);
- `target_on`: its current target date (a vague one's first day); `target_by`: the last day
  that target could mean ("March 2027": 31 March); `past_target`: that last day has passed and
  the item is neither closed nor reported implemented or paused;
- `needs_attention`: open and reported off track, or past its target;
- `lead_pk`: the person who owes its updates.

Plan items add their next report-back (FollowedPartQuerySet.with_state): `next_report_back_pk`,
`next_due` and `owes_update`.

Where the latest update and verdict come from: a row per item in itemstate.ItemState, which
triggers in the database keep in step with every write to updates, verdicts and meeting dates
(that module says why). The rest is the item's own columns and its plan's report-backs, read
as they are, so a moved timetable or a new schedule needs nothing kept. Each page applies
these to the rows it filters, counts or shows, through one join per item.

Council-named statuses (CouncilStatus) are recorded beside the lifecycle state they stand for,
which is all these annotations read. `lead_pk` is the accountable lead officer; the officers
supporting them reach their items through the kind's `led_by` filter.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from .itemstate import KEPT_COLUMNS, ItemState
from .progress import ProgressUpdate, Standing, Verdict

# The annotations with_state adds, for reading them back with .values().
STATE_FIELDS = (
    *KEPT_COLUMNS,  # the item's kept row (itemstate.ItemState), each under its own name
    "closed",
    "standing",
    "target_on",
    "target_by",
    "past_target",
    "needs_attention",
    "lead_pk",
)

CLOSED = Verdict.Kind.CLOSED
OFF_TRACK = ProgressUpdate.Status.OFF_TRACK
IMPLEMENTED = ProgressUpdate.Status.IMPLEMENTED
PAUSED = ProgressUpdate.Status.PAUSED
# Reported states in which an item is not late, whatever its target date says.
NOT_LATE = (IMPLEMENTED, PAUSED)
# The join to an item's kept state (TrackedItem.item_state).
KEPT = "item_state__"


def about_outer_item(model, kind) -> QuerySet:
    """Live rows of `model` (updates, verdicts…) about the item of the outer query."""
    content_type = ContentType.objects.get_for_model(kind)
    return model.objects.filter(content_type=content_type, object_id=OuterRef("pk"))


def updates_newest_first(kind) -> QuerySet:
    return about_outer_item(ProgressUpdate, kind).order_by("-reported_on", "-pk")


def flag(condition: Q) -> Case:
    """True or false (never null) as `condition` holds."""
    return Case(
        When(condition, then=Value(True)), default=Value(False), output_field=BooleanField()
    )


def is_open() -> Q:
    return ~Q(latest_verdict_kind=CLOSED)


# The conditions below are written with the item's own target date first, then the kept state:
# SQLite tests them in the order written and stops as soon as the answer is known (PostgreSQL
# orders them by cost itself).


def past_target_q(today: datetime.date) -> Q:
    return Q(target_by__lt=today) & ~Q(latest_status__in=NOT_LATE) & is_open()


def attention_q(today: datetime.date) -> Q:
    """Open, and past its target and not implemented, or reported off track. Written as one
    CASE on the target date, so that each item's latest status is tested once (an item past its
    target is off track or not implemented whatever else holds)."""
    status_calls = Case(
        When(target_by__lt=today, then=flag(~Q(latest_status__in=NOT_LATE))),
        default=flag(Q(latest_status=OFF_TRACK)),
        output_field=BooleanField(),
    )
    return Q(status_calls) & is_open()


def standing_case() -> Case:
    """Where an item stands for the charts (models.Standing), from its latest verdict and
    update: on with_state's annotations, or on the kept rows' columns of the same names
    (facts.PartFacts)."""
    return Case(
        When(latest_verdict_kind=CLOSED, then=Value(Standing.CLOSED.value)),
        When(latest_status="", then=Value(Standing.NO_UPDATE.value)),
        default=F("latest_status"),
        output_field=CharField(),
    )


def count_standings(items, **lists: Q) -> tuple[dict[str, int], dict[str, int]]:
    """In one pass over `items` (annotated with `standing`): how many stand where (a chart's
    bars) and, under each keyword of `lists`, how many its condition picks (a list's total, so
    the list need not count itself: see paging.page_of's `total`)."""
    counted = {name: Count("pk", filter=condition) for name, condition in lists.items()}
    rows = list(items.order_by().values("standing").annotate(count=Count("pk"), **counted))
    totals = {name: sum(row[name] for row in rows) for name in lists}
    return {row["standing"]: row["count"] for row in rows}, totals


def target_lookups(kind) -> tuple[str, str]:
    """Where the database finds a kind's target date and the last day it could mean, from the
    item's own table ("response__timetable", "response__timetable_end")."""
    start = kind.target_lookup or kind.target_fields[0]
    via = kind.target_lookup.rpartition("__")[0]
    end = kind.target_fields[2]
    return start, f"{via}__{end}" if via else end


def _kept(column: str):
    """A column of the item's kept row; "" for a blank text column of an item with no row."""
    kept = F(f"{KEPT}{column}")
    field = ItemState._meta.get_field(column)
    return Coalesce(kept, Value(""), output_field=CharField()) if not field.null else kept


def with_state(queryset: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """`queryset` (of one kind of tracked item) with each item's state annotated: the latest
    update and verdict from the item's row of itemstate.ItemState (one join), the rest from the
    item's own columns."""
    today = today or timezone.localdate()
    kind = queryset.model
    lookup = kind.lead_lookup
    start, end = target_lookups(kind)
    return queryset.annotate(
        **{column: _kept(column) for column in KEPT_COLUMNS},
        target_on=F(start),
        # An end not kept (a row saved before ends were) is the start, as it was then.
        target_by=Coalesce(F(end), F(start)),
        lead_pk=F(lookup) if lookup else Value(None, output_field=IntegerField()),
    ).annotate(
        closed=flag(~is_open()),
        standing=standing_case(),
        past_target=flag(past_target_q(today)),
        needs_attention=flag(attention_q(today)),
    )


def state_of(item, name: str):
    """One annotation of `item`: from the row when it was read with with_state, else read now
    (one query, not kept, so an item fetched on its own never reports a stale state)."""
    if name in item.__dict__:
        return item.__dict__[name]
    kind = type(item)
    row = with_state(kind._base_manager.filter(pk=item.pk)).values(name).first()
    return row[name] if row else None


def attach_latest(
    *lists,
    updates: tuple[str, ...] = ("latest_update_pk",),
    verdicts: tuple[str, ...] = ("latest_verdict_pk",),
) -> None:
    """Read the updates and verdicts that the items in these lists (read with with_state) point
    at, in two queries (always two; one when `updates` or `verdicts` is empty), for their rows
    to print without reading every update: by
    default each item's latest update and latest verdict (includes/progress_status.html).
    Each `<name>_pk` annotation named becomes the record `attached_<name>`."""
    items = [item for rows in lists for item in rows]
    for model, names, related in (
        (ProgressUpdate, updates, ("reported_by", "council_status")),
        (Verdict, verdicts, ("meeting",)),
    ):
        if not names:
            continue
        wanted = {getattr(item, name) for item in items for name in names} - {None}
        # A query even when none is wanted (an id no record has), so a page's queries do not
        # vary with its data.
        records = model.objects.select_related(*related).in_bulk(wanted or [0])
        for item in items:
            for name in names:
                setattr(
                    item, f"attached_{name.removesuffix('_pk')}", records.get(getattr(item, name))
                )
