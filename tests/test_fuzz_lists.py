"""Every list page survives any query string: generated filter values, page numbers and
sort keys (junk, overflowing numbers, control characters, injection attempts) get the page or
a 4xx, never a server error. Runs on SQLite and PostgreSQL as the form fuzz does."""

import re
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import pytest
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .test_fuzz_forms import JUNK

# Pages that are not lists, or answer a GET with a download or a redirect of their own.
NOT_LISTS = {"logout", "login", "password_reset", "password_change"}
COMMON_PARAMETERS = ["page", "sort", "o", "q", "status", "year", "authority", "committee"]


def _routes(resolver: URLResolver, namespace: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.app_name == "admin":
                continue
            yield from _routes(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def list_routes() -> list[str]:
    routes = []
    for name in sorted(set(_routes(get_resolver()))):
        if name.split(":")[-1] in NOT_LISTS:
            continue
        try:
            reverse(name)
        except Exception:  # noqa: BLE001 - a route needing arguments is no list page
            continue
        routes.append(name)
    return routes


def parameters_of(html: str) -> list[str]:
    """The names a page's GET forms send, and the usual paging and sorting names."""
    names = set(COMMON_PARAMETERS)
    for form in re.findall(r"<form[^>]*method=\"get\"[^>]*>(.*?)</form>", html, re.S | re.I):
        names.update(re.findall(r'name="([^"]+)"', form))
    return sorted(names)


def query_strategy(names: list[str]):
    value = st.one_of(st.sampled_from(JUNK), st.text(max_size=30))
    return st.dictionaries(st.sampled_from(names), st.lists(value, min_size=1, max_size=3))


@pytest.mark.django_db
def test_the_list_pages_are_found():
    routes = list_routes()
    for expected in ("plans:plan_list", "plans:recommendation_list", "reviews:programme"):
        assert expected in routes


@pytest.mark.django_db
@pytest.mark.parametrize("route", list_routes())
def test_no_query_string_causes_a_server_error(objects, officer, route):
    client = Client(raise_request_exception=True)
    client.force_login(officer)
    url = reverse(route)
    first = client.get(url)
    if first.status_code >= 300 or "html" not in first.get("Content-Type", ""):
        pytest.skip(f"{route} is not a page the officer reads")
    names = parameters_of(first.content.decode())
    session_cookie = client.cookies.output(attrs=[], header="")

    # A quarter of the profile's examples for each of the ~37 list pages (50 in CI, 20 by
    # default): their parameters are few, and the whole suite pays for every example.
    @settings(
        max_examples=max(20, settings.default.max_examples // 4),
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=query_strategy(names))
    def get_survives(query):
        client.cookies = SimpleCookie(session_cookie)
        with transaction.atomic():
            response = client.get(f"{url}?{urlencode(query, doseq=True)}")
            transaction.set_rollback(True)
        assert response.status_code < 500, query

    get_survives()
