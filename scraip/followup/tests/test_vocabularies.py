"""Statuses, verdicts and where an item stands carry their own labels, colours and order; the
tags and the charts take them from there."""

from collections import Counter

from scraip.common.vocabularies import TAG_HEX
from scraip.followup.models import ProgressUpdate, Standing, Verdict
from scraip.followup.progress import chart_from_counts

Status = ProgressUpdate.Status


def test_where_an_item_stands_is_no_update_then_every_status_then_closed():
    assert list(Standing.values) == ["no_update", *Status.values, "closed"]
    for status in Status:
        assert (Standing(status.value).label, Standing(status.value).colour) == (
            status.label,
            status.colour,
        )
    assert (Standing.NO_UPDATE.label, Standing.CLOSED.label) == (
        "No update yet",
        "Closed by the committee",
    )


def test_tags_take_their_colour_from_the_vocabulary():
    assert [status.colour for status in Status] == [
        "grey",
        "blue",
        "yellow",
        "red",
        "orange",
        "green",
    ]
    assert ProgressUpdate(status="at_risk").status_colour == "yellow"
    assert ProgressUpdate(status="retired").status_colour == "grey"  # no longer a status
    assert [Verdict(verdict=kind).colour for kind in Verdict.Kind] == ["green", "red", "purple"]


def test_the_chart_draws_every_standing_in_order_in_its_colour():
    chart = chart_from_counts(Counter({"on_track": 3, "closed": 1}), "Progress")
    assert [bar.label for bar in chart.bars] == Standing.labels
    assert [bar.colour for bar in chart.bars] == [TAG_HEX[s.colour] for s in Standing]
    assert [bar.count for bar in chart.bars] == [0, 0, 3, 0, 0, 0, 0, 1]
    assert chart.description == "4 items. On track: 3, Closed by the committee: 1."
