"""Every route, every persona: who may open what.

The routes come from walking the whole URL configuration, so a new view without a row in RULES
fails `test_every_route_has_a_rule`: no view ships without deciding who may use it. Anonymous
visitors get the sign-in page everywhere except the short PUBLIC allow-list.
"""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from scraip.tests import factories as f

PERSONAS = [
    "anonymous",
    "officer",
    "cabinet_a",
    "cabinet_b",
    "lead_officer",
    "councillor",
    "other_officer",
]
PUBLIC = {"login"}

LOGIN = "login"
HOME = "home"  # signed-in people who open the sign-in page are sent home
EVERYONE_SIGNED_IN = [LOGIN, 200, 200, 200, 200, 200, 200]
READ_PLAN = [LOGIN, 200, 200, 200, 200, 200, 404]
CHANGE_PLAN = [LOGIN, 200, 403, 403, 403, 403, 404]
RESTORE = [LOGIN, 302, 404, 404, 404, 404, 404]
OFFICERS_ONLY = [LOGIN, 200, 403, 403, 403, 403, 200]

# route: (method, the object its URL needs, expected result per persona in PERSONAS order)
RULES = {
    "login": ("get", None, [200, HOME, HOME, HOME, HOME, HOME, HOME]),
    "logout": ("post", None, [302, 302, 302, 302, 302, 302, 302]),
    "scraip:home": ("get", None, EVERYONE_SIGNED_IN),
    "scraip:plan_list": ("get", None, EVERYONE_SIGNED_IN),
    "scraip:recommendation_list": ("get", None, EVERYONE_SIGNED_IN),
    "scraip:awaiting_response": ("get", None, [LOGIN, 200, 200, 200, 403, 403, 200]),
    "scraip:plan_create": ("get", None, OFFICERS_ONLY),
    "scraip:deleted_items": ("get", None, OFFICERS_ONLY),
    "scraip:plan_detail": ("get", "plan", READ_PLAN),
    "scraip:plan_pdf": ("get", "plan", READ_PLAN),
    "scraip:plan_history": ("get", "plan", READ_PLAN),
    "scraip:plan_edit": ("get", "plan", CHANGE_PLAN),
    "scraip:plan_send": ("get", "plan", CHANGE_PLAN),
    "scraip:plan_delete": ("get", "plan", CHANGE_PLAN),
    "scraip:plan_restore": ("post", "deleted_plan", RESTORE),
    "scraip:report_backs_edit": ("get", "plan", CHANGE_PLAN),
    "scraip:recommendation_create": ("get", "plan", CHANGE_PLAN),
    "scraip:recommendation_edit": ("get", "recommendation", CHANGE_PLAN),
    "scraip:recommendation_delete": ("get", "recommendation", CHANGE_PLAN),
    "scraip:recommendation_restore": ("post", "deleted_recommendation", RESTORE),
    "scraip:recommendation_history": ("get", "recommendation", READ_PLAN),
    "scraip:response_history": ("get", "response", READ_PLAN),
    "scraip:respond": ("get", "part", [LOGIN, 200, 200, 403, 403, 403, 404]),
}

# The Django admin is for the service's administrators (staff) only; these stand for its routes.
ADMIN_SAMPLES = [
    "admin:index",
    "admin:scraip_actionplan_changelist",
    "admin:scraip_response_changelist",
]


def walk(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from walk(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def test_every_route_has_a_rule():
    routes = set(walk(get_resolver().url_patterns))
    ours = {route for route in routes if not route.startswith("admin:")}
    assert ours == set(RULES)
    assert PUBLIC == {
        route
        for route, (_, _, expected) in RULES.items()
        if expected[0] != LOGIN and route != "logout"
    }


CASES = [
    pytest.param(route, persona, expected[index], id=f"{route}-{persona}")
    for route, (_, _, expected) in RULES.items()
    for index, persona in enumerate(PERSONAS)
]


@pytest.fixture
def objects(plan, part_a, part_b, cabinet_a, lead_officer_person):
    response = f.ResponseFactory(
        part=part_b, responded_by=cabinet_a.person, lead_officer=lead_officer_person
    )
    deleted_plan = f.SentActionPlanFactory(
        authority=plan.authority, committee=plan.committee, deleted_at=timezone.now()
    )
    deleted_recommendation = f.RecommendationFactory(action_plan=plan, deleted_at=timezone.now())
    return {
        None: [],
        "plan": [plan.pk],
        "recommendation": [part_a.recommendation_id],
        "part": [part_a.pk],
        "response": [response.pk],
        "deleted_plan": [deleted_plan.pk],
        "deleted_recommendation": [deleted_recommendation.pk],
    }


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "persona", "expected"), CASES)
def test_access(client, request, objects, route, persona, expected):
    method, kind, _ = RULES[route]
    # Everyone exists in every case, so a rule cannot pass just because a persona is missing.
    users = {name: request.getfixturevalue(name) for name in PERSONAS[1:]}
    if persona != "anonymous":
        client.force_login(users[persona])
    url = reverse(route, args=objects[kind])
    response = getattr(client, method)(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"
    elif expected == HOME:
        assert response.status_code == 302
        assert response.url == reverse("scraip:home")
    else:
        assert response.status_code == expected


@pytest.mark.django_db
@pytest.mark.parametrize("route", ADMIN_SAMPLES)
@pytest.mark.parametrize("persona", PERSONAS)
def test_admin_is_for_staff_only(client, request, route, persona):
    if persona != "anonymous":
        client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse(route))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    admin = f.UserFactory(username="admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse(route)).status_code == 200
