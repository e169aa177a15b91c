"""Dates as council papers write them: "27 November 2007", "October 2008", "Mid/Late September",
and periods: "December 2007 – January 2008", "January–March 2008", "Winter 2014/15", "Q3 2025/26".

A vague date is stored as the first day it could mean plus its precision (and, for a span of
months, the last day it could mean: see `period_end_field`), so it sorts by its start, compares
like any date and prints back exactly as the officer wrote it.
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
    MONTHS = "months", "Span of months"
    SEASON = "season", "Season"
    QUARTER = "quarter", "Quarter of a financial year"


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

EXAMPLES = (
    "27 November 2007, 27/11/2007, October 2008, Mid/Late September 2014, "
    "January–March 2008, Winter 2014/15 or Q3 2025/26"
)

# Seasons as the Met Office counts them: the month each starts in; winter runs into the next year.
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
SEASON_NAMES = {month: name.title() for name, month in SEASONS.items()}
SEASONS["fall"] = 9
DASHES = r"(?:-|–|—|to|until)"


class FuzzyDateError(ValueError):
    pass


class FuzzyDate(tuple):
    """(start, precision), as code that keeps no end unpacks it, carrying the last day it could
    mean in `end` for models that keep one (period_end_field)."""

    def __new__(cls, start: datetime.date, precision: str, end: datetime.date):
        period = super().__new__(cls, (start, precision))
        period.end = end
        return period

    @property
    def start(self) -> datetime.date:
        return self[0]

    @property
    def precision(self) -> str:
        return self[1]

    def __str__(self):
        return format_fuzzy_date(self.start, self.precision, self.end)


def parse_fuzzy_date(text: str) -> tuple[datetime.date, str]:
    """Read what an officer typed as (first day, precision); see parse_fuzzy_period."""
    period = parse_fuzzy_period(text)
    return period.start, period.precision


def parse_fuzzy_period(text: str) -> FuzzyDate:
    """Read what an officer typed; raise FuzzyDateError with a message fit for the form."""
    cleaned = " ".join(text.replace(",", " ").split()).lower()
    if not cleaned:
        raise FuzzyDateError("Enter a date")
    period = _season(cleaned) or _quarter(cleaned) or _months(cleaned)
    if period:
        if period.end < period.start:
            raise FuzzyDateError("A period must end after it starts")
        return period
    start, precision = _single(cleaned)
    return FuzzyDate(start, precision, latest_day(start, precision))


def _year(text: str) -> int:
    year = int(text)
    if year < 1900 or year > 2200:
        raise FuzzyDateError("Enter a year between 1900 and 2200")
    return year


def _split_year(first: str, second: str | None) -> int:
    """ "2014/15" or "2014-2015": the first year, checking the second follows it."""
    year = _year(first)
    if second and int(second) % 100 != (year + 1) % 100:
        raise FuzzyDateError(f"Write a year that spans two years as {year}/{(year + 1) % 100:02d}")
    return year


def _season(cleaned: str) -> FuzzyDate | None:
    match = re.fullmatch(
        r"(spring|summer|autumn|fall|winter) (\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?", cleaned
    )
    if not match:
        return None
    month = SEASONS[match.group(1)]
    year = _split_year(match.group(2), match.group(3))
    if month != 12 and match.group(3):
        raise FuzzyDateError("Only winter spans two years: write, for example, Summer 2015")
    start = datetime.date(year, month, 1)
    return FuzzyDate(start, Precision.SEASON, _months_after(start, 2))


def _quarter(cleaned: str) -> FuzzyDate | None:
    """Quarters of the financial and municipal year: Q1 is April to June."""
    match = re.fullmatch(r"q([1-4]) (\d{4})(?:\s*[/-]\s*(\d{2}|\d{4}))?", cleaned)
    if not match:
        return None
    if not match.group(3):
        raise FuzzyDateError("Give the financial year of a quarter, for example Q3 2025/26")
    year = _split_year(match.group(2), match.group(3))
    start = _months_after(datetime.date(year, 4, 1), 3 * (int(match.group(1)) - 1)).replace(day=1)
    return FuzzyDate(start, Precision.QUARTER, _months_after(start, 2))


def _months(cleaned: str) -> FuzzyDate | None:
    """ "January–March 2008" or "December 2007 – January 2008"."""
    match = re.fullmatch(rf"([a-z]+)\.?(?: (\d{{4}}))? ?{DASHES} ?([a-z]+)\.? (\d{{4}})", cleaned)
    if not match or match.group(1) not in MONTHS or match.group(3) not in MONTHS:
        return None
    end_year = _year(match.group(4))
    start_year = _year(match.group(2)) if match.group(2) else end_year
    start = datetime.date(start_year, MONTHS[match.group(1)], 1)
    end_month = datetime.date(end_year, MONTHS[match.group(3)], 1)
    if end_month <= start:
        raise FuzzyDateError("A period must end in a later month than it starts")
    return FuzzyDate(start, Precision.MONTHS, _months_after(end_month, 0))


def _months_after(start: datetime.date, months: int) -> datetime.date:
    """The last day of the month `months` after `start`'s."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, calendar.monthrange(year, month + 1)[1])


def _single(cleaned: str) -> tuple[datetime.date, str]:
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
    _year(str(year))
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


# The last day of each part of a month; None is the month's end.
PART_END = {Precision.EARLY: 10, Precision.MID: 20}


def latest_day(
    date: datetime.date, precision: str, end: datetime.date | None = None
) -> datetime.date:
    """The last day a vague date could mean: a session "in December 2014" may still come after
    a meeting on 9 December."""
    if precision == Precision.DAY:
        return date
    if precision == Precision.MONTHS:
        return end or _months_after(date, 0)
    if precision in (Precision.SEASON, Precision.QUARTER):
        return _months_after(date, 2)
    return date.replace(
        day=PART_END.get(precision) or calendar.monthrange(date.year, date.month)[1]
    )


def keep_period_end(record, date_field: str, precision_field: str, end_field: str) -> None:
    """Set `record`'s end field to the last day its vague date could mean (a span's own end
    kept): what "past its target" compares with, so that "March 2027" is past only once March
    is over. On save, for every writer: forms, the admin, imports and factories alike."""
    date = getattr(record, date_field)
    end = getattr(record, end_field)
    setattr(
        record, end_field, latest_day(date, getattr(record, precision_field), end) if date else None
    )


def fill_period_ends(model, date_field: str, precision_field: str, end_field: str) -> None:
    """For a data migration: keep the last day of every vague date saved without it."""
    rows = model._base_manager.filter(
        **{f"{date_field}__isnull": False, f"{end_field}__isnull": True}
    )
    for pk, date, precision in rows.values_list("pk", date_field, precision_field).iterator():
        model._base_manager.filter(pk=pk).update(**{end_field: latest_day(date, precision)})


def same_period(first: tuple, second: tuple) -> bool:
    """Whether two (date, precision, end) mean the same period, an end not kept (a date saved
    before ends were) being the last day its precision allows."""
    (date, precision, end), (other, other_precision, other_end) = first, second
    return (date, precision, latest_day(date, precision, end)) == (
        other,
        other_precision,
        latest_day(other, other_precision, other_end),
    )


def format_fuzzy_date(
    date: datetime.date | None, precision: str, end: datetime.date | None = None
) -> str:
    """Print a vague date as it was typed; a span of months needs its `end`."""
    if date is None:
        return ""
    month_year = f"{calendar.month_name[date.month]} {date.year}"
    if precision == Precision.MONTHS and end and (end.year, end.month) != (date.year, date.month):
        end_month = calendar.month_name[end.month]
        if end.year == date.year:
            return f"{calendar.month_name[date.month]}–{end_month} {date.year}"
        return f"{month_year} – {end_month} {end.year}"
    if precision == Precision.SEASON:
        name = SEASON_NAMES.get(date.month, "")
        if date.month == 12:
            return f"{name} {date.year}/{(date.year + 1) % 100:02d}"
        return f"{name} {date.year}"
    if precision == Precision.QUARTER:
        year = date.year if date.month >= 4 else date.year - 1
        quarter = ((date.month - 4) % 12) // 3 + 1
        return f"Q{quarter} {year}/{(year + 1) % 100:02d}"
    if precision == Precision.DAY:
        return f"{date.day} {month_year}"
    if precision in PART_WORDS:
        return f"{PART_WORDS[precision]} {month_year}"
    return month_year


def period_end_field(**kwargs) -> models.DateField:
    """The model field that keeps the last day of a vague date beside its start and precision,
    so that a span such as "January–March 2008" prints back as typed and goes to calendars as the
    whole span. Set by FuzzyDateFormMixin; blank for dates saved before periods were accepted."""
    kwargs.setdefault("null", True)
    kwargs.setdefault("blank", True)
    kwargs.setdefault("editable", False)
    return models.DateField(**kwargs)
