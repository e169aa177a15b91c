"""Sizes and ranges every field a person can fill in keeps to, applied to every model of the
project in one place (CommonConfig.ready), so that forms, the admin, imports and scripts meet
the same rule through the model's full_clean():

- a single-line text (a CharField: titles, names, references) fits its column's max_length,
  and holds no line break or other control character;
- a paragraph (a TextField: recommendations, explanations, narratives) is at most 10,000
  characters, which every page and PDF prints quickly;
- a date (DateField, DateTimeField) lies between 1 January 1990 and 31 December 2100.

The checks are the fields' default validators, which migrations do not record, so this module
changes no table.
"""

import datetime
import re
import unicodedata

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible

PARAGRAPH_MAX_LENGTH = 10_000
EARLIEST_DATE = datetime.date(1990, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)
PROJECT_APPS = ("scraip.", "reviews", "partnerships")

_LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def has_control_character(text: str) -> bool:
    return any(unicodedata.category(character) == "Cc" for character in text)


def refuse_line_breaks(value) -> None:
    """A single-line field takes one line of ordinary characters."""
    text = str(value)
    if _LINE_BREAKS.search(text):
        raise ValidationError("Enter this on one line, without line breaks", code="line_break")
    if has_control_character(text):
        raise ValidationError(
            "Remove the invisible control character (such as a tab or a character copied from "
            "another program)",
            code="control_character",
        )


@deconstructible
class DateRangeValidator:
    """A date (or the day of a date and time) between EARLIEST_DATE and LATEST_DATE."""

    message = "Enter a date between 1990 and 2100"

    def __call__(self, value) -> None:
        day = value
        if isinstance(value, datetime.datetime):
            day = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
        if isinstance(day, datetime.date) and not EARLIEST_DATE <= day <= LATEST_DATE:
            raise ValidationError(self.message, code="date_range")

    def __eq__(self, other):
        return isinstance(other, DateRangeValidator)


in_date_range = DateRangeValidator()
paragraph_length = MaxLengthValidator(
    PARAGRAPH_MAX_LENGTH,
    message=f"Shorten this to {PARAGRAPH_MAX_LENGTH:,} characters or fewer (it has %(show_value)s)",
)


def _extra_validators(field) -> list:
    if isinstance(field, models.TextField):
        return [paragraph_length]
    if isinstance(field, models.CharField) and not isinstance(field, models.URLField):
        return [refuse_line_breaks]
    if isinstance(field, models.DateField):  # DateTimeField is a DateField
        return [in_date_range]
    return []


def is_project_model(model) -> bool:
    historical = hasattr(model, "instance_type")  # django-simple-history's copy
    return model.__module__.startswith(PROJECT_APPS) and not historical


def limited_fields():
    """Every (model, field) a person can fill in that these limits bind."""
    for model in apps.get_models():
        if not is_project_model(model):
            continue
        for field in model._meta.concrete_fields:
            if field.editable and not field.primary_key and _extra_validators(field):
                yield model, field


def apply_limits() -> None:
    """Add the limits to every project model's fields, once, at start-up."""
    for _, field in limited_fields():
        extra = [v for v in _extra_validators(field) if v not in field.default_validators]
        field.default_validators = [*field.default_validators, *extra]
        if "validators" in field.__dict__:  # already read (CharField adds its max_length to it)
            field.__dict__["validators"].extend(extra)
