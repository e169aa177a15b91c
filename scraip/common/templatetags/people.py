"""`{{ user|who }}`: the person behind a user account, or "The system" when a record was changed
by nobody (an import, a command, the demo loader). Every page names who did something this way,
so a record without a user never breaks a page."""

from django import template

from scraip.common.history import who_is

register = template.Library()


@register.filter
def who(user) -> str:
    return who_is(user)
