"""Financial years: councils account for partnerships by financial year, April to March, named
by the year they start (2007/08 is 2007). Contributions, benefits and annual reports are about
years that have begun."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone

FIRST_YEAR = 1990
REPORT_TYPES = ("pdf", "docx", "odt")


def financial_year_of(day: datetime.date) -> int:
    """The financial year a day falls in, named by the year it starts: 2007/08 is 2007."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(year: int | None) -> str:
    return f"{year}/{(year + 1) % 100:02d}" if year else ""


def current_financial_year() -> int:
    return financial_year_of(timezone.localdate())


def year_has_begun(year: int | None) -> None:
    """A field validator: a year's figures are recorded once the year has begun."""
    current = current_financial_year()
    if year is not None and year > current:
        raise ValidationError(
            f"{financial_year_label(year)} has not started yet: record it once the year "
            f"has begun (this is {financial_year_label(current)})",
            code="future",
        )


YEAR_VALIDATORS = [
    MinValueValidator(FIRST_YEAR, message=f"Enter a year from {FIRST_YEAR} on"),
    year_has_begun,
]


def financial_year_field() -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField("financial year", validators=YEAR_VALIDATORS)
