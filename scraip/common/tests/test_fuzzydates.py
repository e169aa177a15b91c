import datetime

import pytest

from scraip.common.fuzzydates import (
    FuzzyDateError,
    Precision,
    format_fuzzy_date,
    latest_day,
    parse_fuzzy_date,
    parse_fuzzy_period,
)


@pytest.mark.parametrize(
    ("typed", "date", "precision", "printed"),
    [
        ("27 November 2007", datetime.date(2007, 11, 27), Precision.DAY, "27 November 2007"),
        ("27/11/2007", datetime.date(2007, 11, 27), Precision.DAY, "27 November 2007"),
        ("1st April 2008", datetime.date(2008, 4, 1), Precision.DAY, "1 April 2008"),
        ("October 2008", datetime.date(2008, 10, 1), Precision.MONTH, "October 2008"),
        ("oct 2008", datetime.date(2008, 10, 1), Precision.MONTH, "October 2008"),
        (
            "Mid/Late September 2014",
            datetime.date(2014, 9, 11),
            Precision.MID_LATE,
            "Mid/Late September 2014",
        ),
        ("Early November 2014", datetime.date(2014, 11, 1), Precision.EARLY, "Early November 2014"),
        ("late december 2014", datetime.date(2014, 12, 21), Precision.LATE, "Late December 2014"),
        ("2026-11-23", datetime.date(2026, 11, 23), Precision.DAY, "23 November 2026"),
    ],
)
def test_vague_dates_are_kept_with_their_precision_and_printed_as_written(
    typed, date, precision, printed
):
    assert parse_fuzzy_date(typed) == (date, precision)
    assert format_fuzzy_date(date, precision) == printed


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a date"),
        ("30 February 2008", "that day does not exist"),
        ("Smarch 2008", "Enter a date in a form such as"),
        ("13/13/2008", "Enter a month from 1 to 12"),
        ("Early 3 November 2014", "not both"),
        ("October 208", "Enter a date in a form such as"),
        ("October 1066", "Enter a year between"),
    ],
)
def test_impossible_dates_are_refused_with_a_reason(typed, message):
    with pytest.raises(FuzzyDateError, match=message):
        parse_fuzzy_date(typed)


@pytest.mark.parametrize(
    ("typed", "start", "end", "precision", "printed"),
    [
        (
            "December 2007 - January 2008",
            datetime.date(2007, 12, 1),
            datetime.date(2008, 1, 31),
            Precision.MONTHS,
            "December 2007 – January 2008",
        ),
        (
            "January–March 2008",
            datetime.date(2008, 1, 1),
            datetime.date(2008, 3, 31),
            Precision.MONTHS,
            "January–March 2008",
        ),
        (
            "jan to mar 2008",
            datetime.date(2008, 1, 1),
            datetime.date(2008, 3, 31),
            Precision.MONTHS,
            "January–March 2008",
        ),
        (
            "Winter 2014/15",
            datetime.date(2014, 12, 1),
            datetime.date(2015, 2, 28),
            Precision.SEASON,
            "Winter 2014/15",
        ),
        (
            "summer 2015",
            datetime.date(2015, 6, 1),
            datetime.date(2015, 8, 31),
            Precision.SEASON,
            "Summer 2015",
        ),
        (
            "Q3 2025/26",
            datetime.date(2025, 10, 1),
            datetime.date(2025, 12, 31),
            Precision.QUARTER,
            "Q3 2025/26",
        ),
        (
            "Q4 2025-2026",
            datetime.date(2026, 1, 1),
            datetime.date(2026, 3, 31),
            Precision.QUARTER,
            "Q4 2025/26",
        ),
        (
            "May 2027",
            datetime.date(2027, 5, 1),
            datetime.date(2027, 5, 31),
            Precision.MONTH,
            "May 2027",
        ),
        (
            "Early May 2027",
            datetime.date(2027, 5, 1),
            datetime.date(2027, 5, 10),
            Precision.EARLY,
            "Early May 2027",
        ),
    ],
)
def test_periods_are_kept_with_start_end_and_precision_and_printed_as_typed(
    typed, start, end, precision, printed
):
    period = parse_fuzzy_period(typed)
    assert (period.start, period.precision, period.end) == (start, precision, end)
    assert period == (start, precision)  # unpacks as code that keeps no end expects
    assert str(period) == printed
    assert format_fuzzy_date(start, precision, end) == printed
    assert latest_day(start, precision, end) == end


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("March–January 2008", "later month than it starts"),
        ("Winter 2014/16", "2014/15"),
        ("Summer 2015/16", "Only winter spans two years"),
        ("Q3 2025", "Give the financial year"),
        ("Q5 2025/26", "Enter a date in a form such as"),
    ],
)
def test_impossible_periods_are_refused_with_a_reason(typed, message):
    with pytest.raises(FuzzyDateError, match=message):
        parse_fuzzy_period(typed)


def test_periods_sort_by_their_start():
    typed = ["Q3 2025/26", "Winter 2014/15", "December 2007 – January 2008", "May 2027"]
    ordered = sorted(typed, key=lambda text: parse_fuzzy_period(text).start)
    assert ordered == ["December 2007 – January 2008", "Winter 2014/15", "Q3 2025/26", "May 2027"]
