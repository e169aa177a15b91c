import datetime

import pytest

from scraip.common.fuzzydates import FuzzyDateError, Precision, format_fuzzy_date, parse_fuzzy_date


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
