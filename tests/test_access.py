"""Every view, every persona: who may open what.

The table below is the contract. A new route in scraip/urls.py without a row here fails
`test_every_route_has_a_rule`, so no view ships without deciding who may use it.
"""

import pytest
from django.urls import reverse

from scraip import urls as scraip_urls

PERSONAS = [
    "anonymous",
    "officer",
    "cabinet_a",
    "cabinet_b",
    "lead_officer",
    "councillor",
    "other_officer",
]

LOGIN = "login"
EVERYONE_SIGNED_IN = [LOGIN, 200, 200, 200, 200, 200, 200]
READ_PLAN = [LOGIN, 200, 200, 200, 200, 200, 404]
CHANGE_PLAN = [LOGIN, 200, 403, 403, 403, 403, 404]

# route name: (how to build its arguments, expected result per persona in PERSONAS order)
RULES = {
    "home": (None, EVERYONE_SIGNED_IN),
    "plan_list": (None, EVERYONE_SIGNED_IN),
    "recommendation_list": (None, EVERYONE_SIGNED_IN),
    "awaiting_response": (None, [LOGIN, 200, 200, 200, 403, 403, 200]),
    "plan_create": (None, [LOGIN, 200, 403, 403, 403, 403, 200]),
    "plan_detail": ("plan", READ_PLAN),
    "plan_pdf": ("plan", READ_PLAN),
    "plan_edit": ("plan", CHANGE_PLAN),
    "plan_send": ("plan", CHANGE_PLAN),
    "report_backs_edit": ("plan", CHANGE_PLAN),
    "recommendation_create": ("plan", CHANGE_PLAN),
    "recommendation_edit": ("recommendation", CHANGE_PLAN),
    "respond": ("part", [LOGIN, 200, 200, 403, 403, 403, 404]),
}

CASES = [
    pytest.param(route, persona, expected[index], id=f"{route}-{persona}")
    for route, (_, expected) in RULES.items()
    for index, persona in enumerate(PERSONAS)
]


def test_every_route_has_a_rule():
    routes = {pattern.name for pattern in scraip_urls.urlpatterns}
    assert routes == set(RULES)


@pytest.mark.django_db
@pytest.mark.parametrize(("route", "persona", "expected"), CASES)
def test_access(client, request, plan, part_a, part_b, route, persona, expected):
    kind, _ = RULES[route]
    args = {
        None: [],
        "plan": [plan.pk],
        "recommendation": [part_a.recommendation_id],
        "part": [part_a.pk],
    }[kind]
    # Everyone exists in every case, so a rule cannot pass just because a persona is missing.
    users = {name: request.getfixturevalue(name) for name in PERSONAS[1:]}
    if persona != "anonymous":
        client.force_login(users[persona])
    url = reverse(f"scraip:{route}", args=args)
    response = client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302
        assert response.url == f"{reverse('login')}?next={url}"
    else:
        assert response.status_code == expected
