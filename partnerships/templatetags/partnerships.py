"""Filters for the partnership register's pages: GOV.UK tag colours and year labels."""

from django import template

from partnerships.models import financial_year_label

register = template.Library()

DEFINITION_COLOURS = {"meets": "green", "fails": "red", "untested": "grey"}
CHECKLIST_COLOURS = {
    "met": "green",
    "partly_met": "yellow",
    "not_met": "red",
    "not_applicable": "grey",
}
STATUS_COLOURS = {"proposed": "grey", "active": "blue", "ending": "yellow", "ended": "grey"}


@register.filter
def definition_colour(state: str) -> str:
    return DEFINITION_COLOURS.get(state, "grey")


@register.filter
def checklist_colour(status: str) -> str:
    return CHECKLIST_COLOURS.get(status, "grey")


@register.filter
def partnership_status_colour(status: str) -> str:
    return STATUS_COLOURS.get(status, "grey")


@register.filter
def year_label(year) -> str:
    return financial_year_label(year)


@register.filter
def count_of(counter, key) -> int:
    """A Counter's count for `key`, as templates cannot index by a variable."""
    return counter.get(key, 0) if counter else 0
