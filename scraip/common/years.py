"""Municipal years: a council's year runs from its annual meeting in May to the April after, and
is named by the year it starts in, printed "2025/26" (May 2025 to April 2026)."""

import datetime

FIRST_MONTH = 5  # May


def municipal_year_of(day: datetime.date) -> int:
    """The municipal year a day falls in: 14 May 2025 and 2 April 2026 are both in 2025."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def municipal_year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


def municipal_year_choices(around: datetime.date, *, first: int = 2000) -> list[tuple[int, str]]:
    """The years a form offers, newest first: two ahead of `around`'s back to `first`."""
    latest = municipal_year_of(around) + 2
    return [(year, municipal_year_label(year)) for year in range(latest, first - 1, -1)]
