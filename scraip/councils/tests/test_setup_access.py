"""Every setup route against the council administrators: Maidstone's opens each of Maidstone's
pages, Swale's finds none of them (404) and a superuser opens them all. The other personas are
in tests/test_access.py."""

import pytest
from django.urls import get_resolver, reverse

from scraip.councils.tests.factories import access_objects
from tests.test_access import RULES, walk

SETUP_ROUTES = sorted(
    route for route in walk(get_resolver().url_patterns) if route.startswith("councils:")
)
OWN = {"get": 200, "post": 302}


@pytest.fixture
def setup_objects(authority, officer):
    return {None: [], **access_objects(authority=authority, officer=officer)}


def test_every_setup_route_is_walked():
    assert len(SETUP_ROUTES) == 22


@pytest.mark.django_db
@pytest.mark.parametrize("route", SETUP_ROUTES)
@pytest.mark.parametrize("persona", ["council_admin", "other_admin", "admin_user"])
def test_setup_route(client, request, setup_objects, route, persona):
    method, kind, _ = RULES[route]
    client.force_login(request.getfixturevalue(persona))
    response = getattr(client, method)(reverse(route, args=setup_objects[kind]))
    if persona == "other_admin" and route != "councils:setup_home":
        assert response.status_code == 404
    else:
        assert response.status_code == OWN[method]
