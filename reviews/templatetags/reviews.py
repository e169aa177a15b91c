from decimal import Decimal

from django import template

from scraip.common.money import format_money

register = template.Library()


# The one money format (scraip.common.money), under the name the review templates use.
register.filter("money", format_money)


@register.filter
def days(value: Decimal | None) -> str:
    """2 days, 2.5 days, 1 day."""
    if value is None:
        return "–"
    number = f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value}"
    return f"{number} day{'' if number == '1' else 's'}"


@register.filter
def names_list(names) -> str:
    """ "A", "A and B", "A, B and C"."""
    names = [str(name) for name in names]
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


@register.filter
def councillor_names(members, joiner: str = "and") -> str:
    """Seed 002's style: "Councillors Fay Gooch and Paulina Stockell"."""
    names = [member.councillor.name for member in members]
    if not names:
        return ""
    title = "Councillor" if len(names) == 1 else "Councillors"
    if len(names) == 1:
        return f"{title} {names[0]}"
    return f"{title} {', '.join(names[:-1])} {joiner} {names[-1]}"


@register.filter
def short_name(authority) -> str:
    return authority.short_name or authority.name


@register.filter
def committee_names(committees) -> str:
    """ "Scrutiny Committee (Swale) and Overview and Scrutiny Committee (Tunbridge Wells)"."""
    return names_list(f"{c.name} ({short_name(c.authority)})" for c in committees)
