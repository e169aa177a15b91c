"""The setup pages: committees, portfolios and their terms, people; each for its own council."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from scraip.councils.models import Committee, Person, Portfolio, PortfolioTerm
from scraip.councils.tests.factories import (
    CommitteeFactory,
    CouncillorFactory,
    PortfolioFactory,
    PortfolioTermFactory,
)

pytestmark = pytest.mark.django_db


def _date(prefix, day: datetime.date) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_an_administrator_adds_a_committee_with_its_acronym(client, council_admin, authority):
    client.force_login(council_admin)
    response = client.post(
        reverse("councils:committee_add", args=[authority.pk]),
        {"name": "Overview and Scrutiny Committee", "short_name": "OSC"},
    )
    assert response.url == reverse("councils:committee_list", args=[authority.pk])
    committee = Committee.objects.get(name="Overview and Scrutiny Committee")
    assert (committee.authority, committee.short_name) == (authority, "OSC")
    assert committee.history.get().history_user == council_admin
    page = client.get(response.url).content.decode()
    assert "Overview and Scrutiny Committee" in page and "OSC" in page


def test_an_abolished_committee_names_its_successor(client, council_admin, authority):
    old, new = CommitteeFactory(authority=authority), CommitteeFactory(authority=authority)
    client.force_login(council_admin)
    url = reverse("councils:committee_edit", args=[old.pk])
    refused = client.post(url, {"name": old.name, "successor": new.pk})
    assert "Give the date the committee was abolished" in refused.content.decode()
    day = datetime.date(2025, 5, 21)
    client.post(url, {"name": old.name, "successor": new.pk, **_date("abolished_on", day)})
    old.refresh_from_db()
    assert (old.abolished_on, old.successor) == (day, new)
    # The new committee cannot in turn be succeeded by the one it replaced.
    back = client.post(
        reverse("councils:committee_edit", args=[new.pk]),
        {"name": new.name, "successor": old.pk, **_date("abolished_on", day)},
    )
    assert "cannot succeed itself" in back.content.decode()
    assert Committee.objects.get(pk=new.pk).successor is None


def test_a_successor_of_another_council_is_not_offered(
    client, council_admin, authority, other_authority
):
    mine, theirs = (
        CommitteeFactory(authority=authority),
        CommitteeFactory(authority=other_authority),
    )
    client.force_login(council_admin)
    page = client.get(reverse("councils:committee_edit", args=[mine.pk])).content.decode()
    assert theirs.name not in page


def test_terms_are_added_ended_and_never_overlap(client, council_admin, authority):
    client.force_login(council_admin)
    client.post(reverse("councils:portfolio_add", args=[authority.pk]), {"title": "Housing"})
    portfolio = Portfolio.objects.get(title="Housing", authority=authority)
    first, second = CouncillorFactory(authority=authority), CouncillorFactory(authority=authority)
    add = reverse("councils:term_add", args=[portfolio.pk])
    client.post(add, {"holder": first.pk, **_date("starts_on", datetime.date(2023, 5, 24))})
    term = PortfolioTerm.objects.get(portfolio=portfolio)
    overlapping = client.post(
        add, {"holder": second.pk, **_date("starts_on", datetime.date(2025, 5, 21))}
    )
    assert (
        "Another term of this portfolio covers part of these dates" in overlapping.content.decode()
    )
    client.post(
        reverse("councils:term_end", args=[term.pk]),
        _date("ends_on", datetime.date(2025, 5, 20)),
    )
    client.post(add, {"holder": second.pk, **_date("starts_on", datetime.date(2025, 5, 21))})
    assert portfolio.holder_on(datetime.date(2026, 11, 23)) == second
    assert portfolio.holder_on(datetime.date(2024, 1, 1)) == first
    page = client.get(reverse("councils:portfolio_list", args=[authority.pk])).content.decode()
    assert escape(str(second)) in page  # a generated name may be "Ross O'Connor"


def test_an_officer_cannot_hold_a_portfolio(client, council_admin, authority):
    portfolio = PortfolioFactory(authority=authority)
    officer = Person.objects.get(user=council_admin)
    client.force_login(council_admin)
    response = client.post(
        reverse("councils:term_add", args=[portfolio.pk]),
        {"holder": officer.pk, **_date("starts_on", datetime.date(2025, 5, 21))},
    )
    assert "Select a valid choice" in response.content.decode()
    assert not PortfolioTerm.objects.exists()


def test_an_officer_is_added_with_directorate_and_a_councillor_with_party(
    client, council_admin, authority
):
    client.force_login(council_admin)
    add = reverse("councils:person_add", args=[authority.pk])
    client.post(
        add,
        {
            "name": "Ravi Patel",
            "kind": "officer",
            "job_title": "Head of Policy",
            "directorate": "Policy and Performance",
            "email": "ravi@example.gov.uk",
            "in_scrutiny_team": "on",
        },
    )
    ravi = Person.objects.get(name="Ravi Patel")
    assert (ravi.authority, ravi.directorate, ravi.in_scrutiny_team) == (
        authority,
        "Policy and Performance",
        True,
    )
    refused = client.post(
        add,
        {
            "name": "Jo Green",
            "kind": "councillor",
            "political_group": "Green",
            "directorate": "Housing",
            "in_scrutiny_team": "on",
        },
    )
    page = refused.content.decode()
    assert "Only an officer can be in the scrutiny team" in page
    assert "Only an officer has a directorate or service area" in page
    assert not Person.objects.filter(name="Jo Green").exists()


def test_history_shows_who_changed_a_person(client, council_admin, authority):
    person = CouncillorFactory(authority=authority, name="Jo Green", political_group="Green")
    client.force_login(council_admin)
    client.post(
        reverse("councils:person_edit", args=[person.pk]),
        {"name": "Jo Green", "kind": "councillor", "political_group": "Labour"},
    )
    page = client.get(reverse("councils:person_history", args=[person.pk])).content.decode()
    assert "“Green” to “Labour”" in page
    assert "Sue Setup" in page


@pytest.mark.parametrize(
    "route", ["committee_edit", "committee_history", "portfolio_detail", "term_end", "person_edit"]
)
def test_another_councils_administrator_finds_nothing(client, other_admin, authority, route):
    term = PortfolioTermFactory(portfolio=PortfolioFactory(authority=authority))
    pk = {
        "committee_edit": CommitteeFactory(authority=authority).pk,
        "committee_history": CommitteeFactory(authority=authority).pk,
        "portfolio_detail": term.portfolio_id,
        "term_end": term.pk,
        "person_edit": term.holder_id,
    }[route]
    client.force_login(other_admin)
    assert client.get(reverse(f"councils:{route}", args=[pk])).status_code == 404
    assert client.get(reverse("councils:committee_list", args=[authority.pk])).status_code == 404


def test_a_scrutiny_officer_who_is_not_its_administrator_is_refused(client, officer, authority):
    client.force_login(officer)
    assert client.get(reverse("councils:setup_home")).status_code == 403
    assert client.get(reverse("councils:person_list", args=[authority.pk])).status_code == 403


def test_the_header_links_to_setup_for_administrators_only(client, council_admin, councillor):
    client.force_login(council_admin)
    assert reverse("councils:setup_home") in client.get(reverse("plans:home")).content.decode()
    client.force_login(councillor)
    assert reverse("councils:setup_home") not in client.get(reverse("plans:home")).content.decode()


def test_a_superuser_sets_up_every_council(client, admin_user, authority, other_authority):
    client.force_login(admin_user)
    page = client.get(reverse("councils:setup_home")).content.decode()
    assert authority.name in page and other_authority.name in page
    assert client.get(reverse("councils:person_list", args=[other_authority.pk])).status_code == 200


def test_the_django_admin_stays_for_superusers(client, council_admin):
    client.force_login(council_admin)
    response = client.get(reverse("admin:councils_person_changelist"))
    assert response.status_code == 302 and response.url.startswith(reverse("admin:login"))


def test_the_council_settings_page_sets_the_response_period_and_acceptance_rule(
    client, council_admin, other_admin, authority
):
    """Issue 10.4: a council that answers "Agree? Yes / No / In part" says so here."""
    url = reverse("councils:authority_settings", args=[authority.pk])
    client.force_login(other_admin)
    assert client.get(url).status_code == 404
    client.force_login(council_admin)
    page = client.get(url)
    assert page.context["form"]["acceptance_needs_details"].value() is True
    refused = client.post(url, {"short_name": "MBC", "response_period_days": "0"})
    assert refused.context["form"].errors["response_period_days"] == [
        "Enter a number of days from 1 to 366"
    ]
    assert page.context["form"]["publishes_plans"].value() == "answered"
    saved = client.post(
        url, {"short_name": "MBC", "response_period_days": "28", "publishes_plans": "by_hand"}
    )
    assert saved.status_code == 302
    authority.refresh_from_db()
    assert (authority.short_name, authority.response_period_days) == ("MBC", 28)
    assert authority.publishes_plans == "by_hand"
    assert authority.acceptance_needs_details is False  # unticked
    assert "an acceptance may be a plain “Yes”" in client.get(saved.url).content.decode()
