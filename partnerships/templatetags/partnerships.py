"""Filters for the partnership register's pages: year labels and counts. Colours come from the
vocabularies (Partnership.status_colour, definition_colour, ChecklistAnswer.status_colour…)."""

from django import template

from partnerships.models import financial_year_label

register = template.Library()


@register.filter
def year_label(year) -> str:
    return financial_year_label(year)


@register.filter
def count_of(counter, key) -> int:
    """A Counter's count for `key`, as templates cannot index by a variable."""
    return counter.get(key, 0) if counter else 0
