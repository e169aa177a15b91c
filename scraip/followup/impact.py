"""The impact report: what the overview and scrutiny annual report to full Council asks of a
council's recommendations, per municipal year and across years, worked out by the database.

Every figure counts answerable items (a recommendation answered as a whole, or each of its
sub-parts) of the plans the council has sent to its cabinet:

- made; accepted, partially accepted and rejected (the rest still await an answer);
- answered within the council's response period (by the plan's response deadline), and the
  median days from the cabinet receiving the report to the answer;
- of those accepted wholly or in part: closed by the committee (only the committee closes an
  item), the median months from the answer to the meeting that closed it, still open, and
  overdue (open and past the last day of its target date).

The items are read from their kept rows (models.facts.PartFacts: one narrow row per item, kept
by the database's triggers), so the report joins nothing and reads one index range of a council's
rows however many years it has. Counts are conditional aggregates: one grouped query counts every
item once per group of year, committee and portfolio together (its answer, and for a followed
item where it stands), and the totals and tables add those groups up. A median is read from how
many items there are of each value, which the database counts in order (one grouped query).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, F, Func, IntegerField, Q
from django.utils import timezone

from scraip.common.years import municipal_year_label
from scraip.plans.models import ActionPlan, Response

from .models import PartFacts
from .models.state import is_open, past_target_q

SHARING = {"authority__compares_impact": True}


@dataclass(frozen=True)
class Breakdown:
    """A table of the report: its heading, its name as a CSV row says it, what it groups the
    items by (a key, and the name a group is printed by) and its first column's heading."""

    heading: str
    name: str
    key: str
    group_name: str
    first: str
    label: Callable[[object], str] = str

    @property
    def headings(self) -> list[str]:
        return [self.first, *TABLE_HEADINGS]


BY_YEAR = Breakdown(
    "Across municipal years",
    "By municipal year",
    "municipal_year",
    "municipal_year",
    "Municipal year",
    lambda year: municipal_year_label(year) if year else "Not set",
)
BY_COMMITTEE = Breakdown(
    "By committee", "By committee", "committee", "committee__name", "Committee"
)
BY_PORTFOLIO = Breakdown(
    "By cabinet portfolio",
    "By portfolio",
    "portfolio",
    "portfolio__title",
    "Portfolio",
    lambda title: title or "No portfolio",
)
BY_COUNCIL = Breakdown(
    "Councils sharing their impact report", "By council", "authority", "authority__name", "Council"
)
# The columns of every table after the first, and what each row prints in them (Rates.cells).
TABLE_HEADINGS = [
    "Made",
    "Accepted",
    "Partially accepted",
    "Rejected",
    "Answered in time",
    "Closed",
    "Still open",
    "Overdue",
]
DAYS_A_MONTH = 365.25 / 12


@dataclass
class Rates:
    """One row of the report."""

    label: str
    made: int = 0
    accepted: int = 0
    partially_accepted: int = 0
    rejected: int = 0
    answered_in_time: int = 0
    followed: int = 0  # accepted wholly or in part
    closed: int = 0
    overdue: int = 0

    @property
    def answered(self) -> int:
        return self.accepted + self.partially_accepted + self.rejected

    @property
    def awaiting(self) -> int:
        return self.made - self.answered

    @property
    def still_open(self) -> int:
        return self.followed - self.closed

    def share(self, count: int, of: int) -> str:
        return f"{round(100 * count / of)}%" if of else "–"

    @property
    def accepted_share(self) -> str:
        return self.share(self.accepted, self.made)

    @property
    def partially_accepted_share(self) -> str:
        return self.share(self.partially_accepted, self.made)

    @property
    def rejected_share(self) -> str:
        return self.share(self.rejected, self.made)

    @property
    def in_time_share(self) -> str:
        return self.share(self.answered_in_time, self.answered)

    @property
    def closed_share(self) -> str:
        return self.share(self.closed, self.followed)

    @property
    def cells(self) -> list[str]:
        """The row of a table: its label, then a figure under each of TABLE_HEADINGS."""
        return [
            self.label,
            str(self.made),
            f"{self.accepted} ({self.accepted_share})",
            f"{self.partially_accepted} ({self.partially_accepted_share})",
            f"{self.rejected} ({self.rejected_share})",
            f"{self.answered_in_time} ({self.in_time_share})",
            f"{self.closed} ({self.closed_share})",
            str(self.still_open),
            str(self.overdue),
        ]


@dataclass
class ImpactReport:
    authority: object
    year: int | None  # None: every year
    today: datetime.date
    total: Rates
    median_days_to_answer: int | None
    median_months_to_close: float | None
    by_year: list[Rates]
    by_committee: list[Rates]
    by_portfolio: list[Rates]

    @property
    def scope(self) -> str:
        return municipal_year_label(self.year) if self.year else "All years"

    @property
    def tables(self) -> list[tuple[Breakdown, list[Rates]]]:
        return [
            (BY_YEAR, self.by_year),
            (BY_COMMITTEE, self.by_committee),
            (BY_PORTFOLIO, self.by_portfolio),
        ]

    @property
    def headline(self) -> list[tuple[str, str]]:
        """The report's figures in all, as the page, the PDF and the Word copy list them."""
        total = self.total
        in_time = f"{total.answered_in_time} of {total.answered} ({total.in_time_share})"
        if self.median_days_to_answer is not None:
            in_time += (
                f"; median {self.median_days_to_answer} "
                f"day{'' if self.median_days_to_answer == 1 else 's'} "
                "from the cabinet receiving the report"
            )
        closed = f"{total.closed} of {total.followed} accepted ({total.closed_share})"
        if self.median_months_to_close is not None:
            closed += (
                f"; median {self.median_months_to_close} months from the answer to the meeting "
                "that closed it"
            )
        return [
            ("Recommendations made", str(total.made)),
            ("Accepted", f"{total.accepted} ({total.accepted_share})"),
            (
                "Partially accepted",
                f"{total.partially_accepted} ({total.partially_accepted_share})",
            ),
            ("Rejected", f"{total.rejected} ({total.rejected_share})"),
            ("Awaiting an answer", str(total.awaiting)),
            ("Answered within the response period", in_time),
            ("Implemented and closed by the committee", closed),
            (
                "Still open",
                f"{total.still_open}, of which {total.overdue} overdue (past the last day of "
                "the target date)",
            ),
        ]


# The figures as the CSV and the tables name them, in order.
COLUMNS = [
    ("made", "Recommendations made"),
    ("accepted", "Accepted"),
    ("accepted_share", "Accepted (share)"),
    ("partially_accepted", "Partially accepted"),
    ("partially_accepted_share", "Partially accepted (share)"),
    ("rejected", "Rejected"),
    ("rejected_share", "Rejected (share)"),
    ("awaiting", "Awaiting an answer"),
    ("answered_in_time", "Answered in time"),
    ("in_time_share", "Answered in time (share of answered)"),
    ("closed", "Implemented and closed by the committee"),
    ("closed_share", "Closed (share of accepted)"),
    ("still_open", "Still open"),
    ("overdue", "Overdue"),
]


def impact_report(authority, year: int | None = None, today=None) -> ImpactReport:
    """The council's report for a municipal year (None: every year)."""
    today = today or timezone.localdate()
    parts = _items(year, authority=authority)
    counts = _counts(parts, today, COUNCIL_GROUPS)
    every_year = (
        counts if year is None else _counts(_items(None, authority=authority), today, (BY_YEAR,))
    )
    return ImpactReport(
        authority=authority,
        year=year,
        today=today,
        total=_rolled_up(counts)[0] if counts else Rates("All"),
        median_days_to_answer=_median_days_to_answer(parts),
        median_months_to_close=_median_months_to_close(parts),
        by_year=_rolled_up(every_year, BY_YEAR),
        by_committee=_rolled_up(counts, BY_COMMITTEE),
        by_portfolio=_rolled_up(counts, BY_PORTFOLIO),
    )


def network_comparison(year: int | None = None, today=None) -> list[Rates]:
    """The councils that share their impact report (Authority.compares_impact), a row each, for
    a municipal year or every year: one query. A council that does not share never appears."""
    today = today or timezone.localdate()
    counts = _counts(_items(year, **SHARING), today, (BY_COUNCIL,))
    return _rolled_up(counts, BY_COUNCIL)


def network_years() -> list[int]:
    """The municipal years the sharing councils have sent plans in, newest first."""
    return _years(ActionPlan.objects.filter(authority__compares_impact=True))


def years_reported(authority) -> list[int]:
    """The municipal years the council has sent plans in, newest first."""
    return _years(ActionPlan.objects.filter(authority=authority))


def _years(plans) -> list[int]:
    return list(
        plans.exclude(status=ActionPlan.Status.DRAFT)
        .exclude(municipal_year__isnull=True)
        .order_by("-municipal_year")
        .values_list("municipal_year", flat=True)
        .distinct()
    )


def _items(year, **where):
    """The answerable items of the sent plans `where` says (of a council, of those sharing), in a
    municipal year or every year: their kept rows (models.facts.PartFacts)."""
    items = PartFacts.objects.filter(**where)
    return items.filter(municipal_year=year) if year else items


def _answer_counts() -> dict:
    decisions = {
        "accepted": Response.Decision.ACCEPTED,
        "partially_accepted": Response.Decision.PARTIALLY_ACCEPTED,
        "rejected": Response.Decision.REJECTED,
    }
    return {
        "made": Count("pk"),
        "answered_in_time": Count("pk", filter=Q(responded_on__lte=F("response_deadline"))),
        **{name: Count("pk", filter=Q(decision=decision)) for name, decision in decisions.items()},
    }


def _followed() -> Q:
    """Accepted wholly or in part: the answerable items counted are all of sent plans, so these
    are the items FollowedPartQuerySet.following() picks."""
    return Q(decision__in=Response.FOLLOWED_UP)


def _follow_counts(today: datetime.date) -> dict:
    """Counts of the items followed up, closed and past their target (state's conditions, on
    the kept rows' columns of the same names)."""
    followed = _followed()
    return {
        "followed": Count("pk", filter=followed),
        "closed_items": Count("pk", filter=followed & ~is_open()),
        "overdue_items": Count("pk", filter=followed & past_target_q(today)),
    }


# A council's report counts its items once, grouped by municipal year, committee and portfolio
# together, and adds those groups up into its totals and tables.
COUNCIL_GROUPS = (BY_YEAR, BY_COMMITTEE, BY_PORTFOLIO)
ANSWER_FIELDS = tuple(_answer_counts())
FOLLOW_FIELDS = {"followed": "followed", "closed_items": "closed", "overdue_items": "overdue"}


def _counts(parts, today: datetime.date, breakdowns: tuple[Breakdown, ...]) -> list[dict]:
    """How many items were made, answered and followed up, per group of every breakdown at
    once (a year, committee and portfolio; or a council): one grouped query reading every item
    once."""
    keys = [by.key for by in breakdowns]
    names = [by.group_name for by in breakdowns if by.group_name != by.key]
    counted = parts.order_by().values(*keys, *names)
    return list(counted.annotate(**_answer_counts(), **_follow_counts(today)))


def _rolled_up(counts: list[dict], by: Breakdown | None = None) -> list[Rates]:
    """The groups' counts added up into a row per group of `by` (None: one row, "All"), in
    label order. The database has counted the items; this adds at most a row per group."""
    rows: dict = {}
    for row in counts:
        group = row[by.key] if by else None
        rates = rows.get(group)
        if rates is None:
            rates = rows[group] = Rates(by.label(row[by.group_name]) if by else "All")
        for name in ANSWER_FIELDS:
            setattr(rates, name, getattr(rates, name) + row[name])
        for counted, name in FOLLOW_FIELDS.items():
            setattr(rates, name, getattr(rates, name) + row[counted])
    return sorted(rows.values(), key=lambda rates: rates.label)


class DaysBetween(Func):
    """Whole days from the date `earlier` to the date `later`, worked out by the database:
    PostgreSQL subtracts dates as days, SQLite through julianday() (Django's own subtraction of
    dates calls back into Python for every row on SQLite)."""

    output_field = IntegerField()
    template = "(%(expressions)s)"
    arg_joiner = " - "

    def __init__(self, later, earlier):
        super().__init__(later, earlier)

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) AS INTEGER)",
            arg_joiner=") - julianday(",
            **extra,
        )


def _median(values, name: str) -> float | None:
    """The middle of the day counts `name` annotated on `values` (the mean of the two middle
    ones when there is an even number). The database counts the items of each day count, in
    order: one grouped query, a row per distinct count (at most a few hundred)."""
    counted = values.order_by(name).values(name).annotate(items=Count("pk"))
    days = [(row[name], row["items"]) for row in counted]
    total = sum(items for _, items in days)
    middle, before = [], 0
    for value, items in days:
        # The middle items are the ((total - 1) // 2)th and the (total // 2)th, from nought.
        middle += [value for place in {(total - 1) // 2, total // 2} if 0 <= place - before < items]
        before += items
    return sum(middle) / len(middle) if middle else None


def _median_days_to_answer(parts) -> int | None:
    """From the cabinet receiving the report to the answer."""
    waits = parts.filter(responded_on__isnull=False, received_on__isnull=False).annotate(
        wait=DaysBetween(F("responded_on"), F("received_on"))
    )
    median = _median(waits, "wait")
    return round(median) if median is not None else None


def _median_months_to_close(items) -> float | None:
    """From the answer to the meeting at which the committee closed the item (in whole days,
    as months of 365.25 / 12 days)."""
    # A closed item's latest verdict is the one that closed it.
    spans = items.filter(_followed() & ~is_open()).annotate(
        span=DaysBetween(F("latest_verdict_on"), F("responded_on"))
    )
    median = _median(spans, "span")
    return round(int(median) / DAYS_A_MONTH, 1) if median is not None else None
