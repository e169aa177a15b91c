"""The PDF benchmark's content check: today's layouts print every word the landed layouts
printed from the same records, the page furniture (column headings repeated on every page,
worded differently by the two layouts, the running title, "Page X of Y") aside."""

from collections import Counter

import pytest

from scraip.demo.bench import pdfs

pytestmark = pytest.mark.django_db


def test_todays_plan_and_pack_print_every_word_of_the_landed_ones():
    rows = {row["document"]: row for row in pdfs.measure(sizes=(12,), rounds=1, log=lambda _: 0)}
    assert set(rows) == {"plan", "pack"}
    for row in rows.values():
        assert row["words_missing_after"] == 0, row["words_missing_sample"]
        assert row["tagged_before"] and row["tagged_after"]
    # What today's plan adds: each sub-part's numeral beside its timetable and lead officer, and
    # the notes on completing the plan; the pack adds a "Latest update" label.
    assert {"i", "ii"} <= set(rows["plan"]["words_added_sample"])
    assert set(rows["pack"]["words_added_sample"]) == {"Latest", "update"}
    profile = rows["plan"]["profile"]
    assert profile["line_boxes_laid_out"] > 0 and profile["share"]["layout"] > 0


def test_column_headings_are_furniture_wherever_a_page_repeats_them():
    html = (
        '<header class="running-title">SCRAIP: Review</header><table><thead><tr>'
        "<th>Since the previous update</th><th>Self-reported / committee</th></tr></thead>"
    )
    runs = pdfs.furniture(html)
    assert runs == [
        ("Since", "the", "previous", "update", "Self", "reported", "committee"),
        ("SCRAIP", "Review"),
    ]
    page = [
        "SCRAIP",
        "Review",
        "Since",
        "the",
        "previous",
        "update",
        "Self",
        "reported",
        "committee",
        "Since",
        "then",
    ]
    for run in runs:
        page = pdfs.without(page, run)
    assert Counter(page) == Counter(["Since", "then"])
