from django import template

from scraip.followup.progress import STATUS_TAG, VERDICT_TAG

register = template.Library()


@register.filter
def progress_colour(status_key: str) -> str:
    """GOV.UK tag colour of a self-reported status (or "no_update", "closed")."""
    return STATUS_TAG.get(status_key, "grey")


@register.filter
def verdict_colour(verdict) -> str:
    return VERDICT_TAG.get(verdict.verdict, "grey") if verdict else "grey"
