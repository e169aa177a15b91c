"""Dates as council papers write them: "27 November 2007", "October 2008", "Mid/Late September".

A vague date is stored as the first day it could mean plus its precision, so it sorts and
compares like any date and prints back exactly as the officer wrote it.
"""

import calendar
import datetime
import re

from django.db import models

MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): number for number, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9


class Precision(models.TextChoices):
    DAY = "day", "Exact day"
    EARLY = "early", "Early in the month"
    MID = "mid", "Mid-month"
    MID_LATE = "mid_late", "Mid to late month"
    LATE = "late", "Late in the month"
    MONTH = "month", "Month"


# The day of the month each part of a month starts on, and how it is written before the month.
PART_START = {Precision.EARLY: 1, Precision.MID: 11, Precision.MID_LATE: 11, Precision.LATE: 21}
PART_WORDS = {
    Precision.EARLY: "Early",
    Precision.MID: "Mid",
    Precision.MID_LATE: "Mid/Late",
    Precision.LATE: "Late",
}
PART_PATTERNS = [
    (re.compile(r"^mid\s*(?:/|-|to)\s*late\b"), Precision.MID_LATE),
    (re.compile(r"^early\b"), Precision.EARLY),
    (re.compile(r"^mid(?:dle)?\b(?:\s*-)?"), Precision.MID),
    (re.compile(r"^late\b"), Precision.LATE),
]

EXAMPLES = "27 November 2007, 27/11/2007, October 2008 or Mid/Late September 2014"


class FuzzyDateError(ValueError):
    pass


def parse_fuzzy_date(text: str) -> tuple[datetime.date, str]:
    """Read what an officer typed; raise FuzzyDateError with a message fit for the form."""
    cleaned = " ".join(text.replace(",", " ").split()).lower()
    if not cleaned:
        raise FuzzyDateError("Enter a date")
    precision = None
    for pattern, part in PART_PATTERNS:
        match = pattern.match(cleaned)
        if match:
            precision = part
            cleaned = cleaned[match.end() :].strip(" -")
            break
    day, month, year = _split(cleaned)
    if precision and day:
        raise FuzzyDateError("Give either a day or a part of the month, not both")
    if year < 1900 or year > 2200:
        raise FuzzyDateError("Enter a year between 1900 and 2200")
    if day:
        try:
            return datetime.date(year, month, day), Precision.DAY
        except ValueError:
            raise FuzzyDateError("Enter a real date: that day does not exist") from None
    if precision:
        return datetime.date(year, month, PART_START[precision]), precision
    return datetime.date(year, month, 1), Precision.MONTH


def _split(cleaned: str) -> tuple[int | None, int, int]:
    numeric = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", cleaned)
    if numeric:
        day, month, year = (int(group) for group in numeric.groups())
        if not 1 <= month <= 12:
            raise FuzzyDateError("Enter a month from 1 to 12")
        return day, month, year
    iso = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", cleaned)
    if iso:
        year, month, day = (int(group) for group in iso.groups())
        if not 1 <= month <= 12:
            raise FuzzyDateError("Enter a month from 1 to 12")
        return day, month, year
    words = re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([a-z]+)\.?\s+(\d{4})", cleaned)
    if not words or words.group(2) not in MONTHS:
        raise FuzzyDateError(f"Enter a date in a form such as {EXAMPLES}")
    day = int(words.group(1)) if words.group(1) else None
    return day, MONTHS[words.group(2)], int(words.group(3))


def format_fuzzy_date(date: datetime.date | None, precision: str) -> str:
    if date is None:
        return ""
    month_year = f"{calendar.month_name[date.month]} {date.year}"
    if precision == Precision.DAY:
        return f"{date.day} {month_year}"
    if precision in PART_WORDS:
        return f"{PART_WORDS[precision]} {month_year}"
    return month_year
