"""The header's links: each app registers its own pages, so the base template names none of them.

An app adds its links in its AppConfig.ready():

    navigation.register(Link("Action plans", "plans:plan_list", order=10))

A link shows only to a person who may open its page: give the `permission` its view requires
(a rules permission), and/or a `visible` predicate of the user; by default it always shows.
"""

from collections.abc import Callable
from dataclasses import dataclass

import rules
from django.conf import settings
from django.urls import reverse


def _everyone(user) -> bool:
    return True


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    order: int
    visible: Callable = _everyone
    permission: str = ""

    def shows_to(self, user) -> bool:
        # The rules permission alone: Django's model backend would cost every page two queries
        # for the user's and groups' permission rows, which no page uses.
        allowed = not self.permission or rules.has_perm(self.permission, user)
        return allowed and self.visible(user)


_links: dict[str, Link] = {}


def register(*links: Link) -> None:
    """Add links to the header; registering a url name again replaces its link."""
    for link in links:
        _links[link.url_name] = link


def links_for(user) -> list[tuple[str, str]]:
    ordered = sorted(_links.values(), key=lambda link: link.order)
    return [(link.label, reverse(link.url_name)) for link in ordered if link.shows_to(user)]


def navigation(request):
    """The header's links for the signed-in user; nothing for anonymous visitors."""
    home = {"home_url": reverse(settings.LOGIN_REDIRECT_URL)}
    if not request.user.is_authenticated:
        return home
    return {**home, "navigation_links": links_for(request.user)}
