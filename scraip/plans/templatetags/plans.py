import datetime

from django import template
from django.contrib.humanize.templatetags.humanize import ordinal
from django.utils import timezone

register = template.Library()


@register.filter
def deadline_status(plan, today: datetime.date | None = None) -> str:
    """'12 days left', 'Due today' or '3 days overdue' while a plan awaits its response."""
    days = plan.days_to_deadline(today or timezone.localdate())
    if days is None:
        return ""
    if days == 0:
        return "Due today"
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} left"
    return f"{-days} day{'s' if days != -1 else ''} overdue"


@register.filter
def deadline_tag_colour(plan) -> str:
    days = plan.days_to_deadline()
    if days is None:
        return "grey"
    if days < 0:
        return "red"
    return "yellow" if days <= 14 else "blue"


@register.filter
def current_holder(portfolio, on: datetime.date | None = None):
    """The holder on a day, from prefetched terms (no query per row)."""
    return portfolio.holder_on(on) if portfolio is not None else None


DECISION_COLOURS = {"accepted": "green", "partially_accepted": "yellow", "rejected": "red"}


@register.filter
def decision_colour(response) -> str:
    return DECISION_COLOURS.get(response.decision, "grey") if response else "grey"


STATUS_COLOURS = {
    "draft": "grey",
    "awaiting_response": "yellow",
    "responded": "blue",
    "closed": "green",
}


@register.filter
def status_colour(plan) -> str:
    return STATUS_COLOURS.get(plan.status, "grey")


@register.filter
def ordinal_update(report_back) -> str:
    """ "1st update, 27 November 2007"."""
    return f"{ordinal(report_back.sequence)} update, {report_back.due_display}"
