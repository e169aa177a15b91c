"""The header offers each person only the pages they may open."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

HEADER_LINK = re.compile(r'<a class="govuk-header__link" href="([^"]+)">([^<]+)</a>')

EXPECTED = {
    "officer": {"Action plans", "Recommendations", "Awaiting response", "Meetings", "Reviews"},
    "cabinet_a": {"Action plans", "Recommendations", "Awaiting response", "Meetings", "Reviews"},
    "lead_officer": {"Action plans", "Recommendations", "Meetings", "Reviews"},
    "councillor": {"Action plans", "Recommendations", "Meetings", "Reviews"},
}


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_every_header_link_opens_for_the_person_it_is_shown_to(client, request, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    home = client.get(reverse("plans:home"), follow=True)
    links = dict((label, url) for url, label in HEADER_LINK.findall(home.content.decode()))
    assert EXPECTED[persona] <= set(links), links
    for label, url in links.items():
        assert client.get(url).status_code == 200, f"{persona}: “{label}” ({url}) refuses them"


def test_a_councillor_is_not_offered_the_cabinets_awaiting_response_list(client, councillor):
    client.force_login(councillor)
    page = client.get(reverse("plans:home"), follow=True).content.decode()
    assert reverse("plans:awaiting_response") not in page
    assert client.get(reverse("plans:awaiting_response")).status_code == 403
