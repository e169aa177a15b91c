import datetime

from django import template
from django.utils import timezone

from scraip.common.text import ordinal as ordinal_text

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


@register.filter
def decision_colour(response) -> str:
    """The decision's tag colour, from the vocabulary (see Response.Decision)."""
    return response.decision_colour if response else "grey"


@register.filter
def status_colour(plan) -> str:
    """The plan status's tag colour, from the vocabulary (see ActionPlan.Status)."""
    return plan.status_colour


@register.filter
def ordinal(number) -> str:
    """1st, 2nd, 3rd… 21st: scraip.common.text.ordinal, for templates."""
    return ordinal_text(number)


@register.filter
def ordinal_update(report_back) -> str:
    """ "1st update, 27 November 2007"."""
    return f"{ordinal_text(report_back.sequence)} update, {report_back.due_display}"
