"""Reading progress on tracked items: prefetching an item's whole history, what changed since
the last update, and the status charts. Nothing here writes; the workflows are in
scraip.followup.services. Where each item stands is decided by the database
(scraip.followup.models.state).

Every helper takes TrackedItem instances of any model, so the partnership register reads its
own items with the same code.
"""

from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet

from scraip.followup.models import Standing, progress_prefetches
from scraip.followup.models.state import state_of, with_state


def prefetch_progress(queryset: QuerySet) -> QuerySet:
    """The items with their state, and every update, verdict and target date change of each in
    three queries, newest first: for pages that print an item's (or a plan's) whole history."""
    return with_state(queryset).prefetch_related(*progress_prefetches())


def status_key(item) -> str:
    """Where an item stands, for charts: closed by the committee, else its latest self-report."""
    return state_of(item, "standing")


@dataclass(frozen=True)
class Bar:
    key: str
    label: str
    count: int
    colour: str
    length: int  # pixels: the longest bar is BAR_AREA long
    y: int

    @property
    def text_y(self) -> int:
        return self.y + 18

    @property
    def count_x(self) -> int:
        return LABEL_WIDTH + self.length + 8


@dataclass(frozen=True)
class Chart:
    title: str
    description: str
    bars: list[Bar]
    total: int
    height: int
    width: int = 0
    heading: str = "Status"  # the columns of the table beside the chart: the labels' name
    count_heading: str = "Items"  # and the counts'


LABEL_WIDTH = 200
BAR_AREA = 360
BAR_HEIGHT = 26
BAR_GAP = 10


def status_chart(items, title: str) -> Chart:
    """Counts by status of items a page shows in full (read with their state), as bars for
    includes/status_chart.html. A page that shows some of its items counts them all in the
    database instead: chart_from_counts(queryset.standing_counts(), title)."""
    counts = Counter(status_key(item) for item in items)
    return chart_from_counts(counts, title)


def chart_from_counts(counts: dict[str, int], title: str) -> Chart:
    """A horizontal bar per status (models.Standing), in the vocabulary's order."""
    return bar_chart(
        [(standing.label, counts.get(standing.value, 0), standing.hex) for standing in Standing],
        title,
        noun="item",
    )


def bar_chart(
    bars: list[tuple[str, int, str]],
    title: str,
    noun: str,
    heading: str = "Status",
    count_heading: str = "Items",
) -> Chart:
    """(label, count, colour) bars for includes/status_chart.html: the longest BAR_AREA pixels,
    labels left, counts right; the table beside it heads its columns `heading` and
    `count_heading`."""
    largest = max((count for _, count, _ in bars), default=0)
    drawn = [
        Bar(
            key=label,
            label=label,
            count=count,
            colour=colour,
            length=round(BAR_AREA * count / largest) if largest else 0,
            y=index * (BAR_HEIGHT + BAR_GAP),
        )
        for index, (label, count, colour) in enumerate(bars)
    ]
    total = sum(count for _, count, _ in bars)
    summary = ", ".join(f"{bar.label}: {bar.count}" for bar in drawn if bar.count)
    return Chart(
        title=title,
        description=f"{total} {noun}{'s' if total != 1 else ''}. {summary or 'None yet'}.",
        bars=drawn,
        total=total,
        height=len(drawn) * (BAR_HEIGHT + BAR_GAP),
        width=LABEL_WIDTH + BAR_AREA + 50,
        heading=heading,
        count_heading=count_heading,
    )


def changes_since_previous(item, target_changes) -> list[str]:
    """What the latest update says that the one before it did not: a changed status, a moved
    target date (`target_changes`: those made between the two updates, newest first), new
    evidence, a new account. Empty means no change since the last update."""
    latest, previous = item.latest_update, item.previous_update
    if latest is None:
        return []
    if previous is None:
        return ["First update"]
    changes = []
    if latest.status != previous.status:
        changes.append(
            f"Status changed from {previous.get_status_display()} to {latest.get_status_display()}"
        )
    for change in target_changes:
        changes.append(
            f"Target date moved from {change.old_display or 'none'} to {change.new_display}: "
            f"{change.reason}"
        )
    if _normalised(latest.narrative) != _normalised(previous.narrative):
        changes.append("New account of progress")
    if (latest.evidence_link, latest.evidence_file.name) != (
        previous.evidence_link,
        previous.evidence_file.name,
    ) and (latest.evidence_link or latest.evidence_file):
        changes.append("New evidence")
    return changes


def _normalised(text: str) -> str:
    return " ".join(text.split()).lower()
