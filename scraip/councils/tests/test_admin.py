"""The Django admin, where councils, their people and cabinets are kept, refuses what the models'
rules refuse: posted as a superuser, each bad row is refused with its message and not saved."""

import pytest
from django.urls import reverse

from scraip.councils.models import Authority, Person, Portfolio, PortfolioTerm
from scraip.councils.tests.factories import (
    AuthorityFactory,
    CouncillorFactory,
    PortfolioTermFactory,
)

pytestmark = pytest.mark.django_db


def terms(*rows, initial=0) -> dict:
    data = {
        "terms-TOTAL_FORMS": str(len(rows)),
        "terms-INITIAL_FORMS": str(initial),
        "terms-MIN_NUM_FORMS": "0",
        "terms-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data.update({f"terms-{index}-{name}": value for name, value in row.items()})
    return data


def term_errors(page) -> dict:
    assert page.status_code == 200, "the admin saved what it should have refused"
    (formset,) = [each.formset for each in page.context["inline_admin_formsets"]]
    return {name: messages for errors in formset.errors for name, messages in errors.items()}


@pytest.fixture
def holder(authority):
    return CouncillorFactory(authority=authority, name="Alice Leader")


ADD_PORTFOLIO = reverse("admin:councils_portfolio_add")


def test_a_term_cannot_end_before_it_starts(admin_client, authority, holder):
    row = {"holder": holder.pk, "starts_on": "2024-05-01", "ends_on": "2024-04-30"}
    page = admin_client.post(
        ADD_PORTFOLIO, {"authority": authority.pk, "title": "Leader", **terms(row)}
    )
    assert term_errors(page)["ends_on"] == ["The term cannot end before it starts"]
    assert not Portfolio.objects.exists()


def test_a_portfolio_has_one_holder_a_day(admin_client, authority, holder, portfolio_a):
    PortfolioTermFactory(portfolio=portfolio_a, starts_on="2020-05-01", ends_on="2024-05-01")
    successor = CouncillorFactory(authority=authority)
    row = {"holder": successor.pk, "starts_on": "2024-04-01", "ends_on": ""}
    page = admin_client.post(
        reverse("admin:councils_portfolio_change", args=[portfolio_a.pk]),
        {"authority": authority.pk, "title": portfolio_a.title, **terms(row)},
    )
    assert term_errors(page)["starts_on"] == [
        "Another term of this portfolio covers part of these dates"
    ]
    assert PortfolioTerm.objects.count() == 1


def test_a_portfolio_is_held_by_a_councillor_of_its_council(admin_client, authority):
    stranger = CouncillorFactory(authority=AuthorityFactory(name="Swale Borough Council"))
    row = {"holder": stranger.pk, "starts_on": "2024-05-01", "ends_on": ""}
    page = admin_client.post(
        ADD_PORTFOLIO, {"authority": authority.pk, "title": "Leader", **terms(row)}
    )
    assert term_errors(page)["holder"] == ["Choose a councillor of the portfolio's council"]
    assert not Portfolio.objects.filter(title="Leader").exists()


def test_only_an_officer_is_in_the_scrutiny_team(admin_client, authority):
    page = admin_client.post(
        reverse("admin:councils_person_add"),
        {
            "name": "Carol Councillor",
            "kind": "councillor",
            "authority": authority.pk,
            "in_scrutiny_team": "on",
        },
    )
    assert page.context["adminform"].form.errors["in_scrutiny_team"] == [
        "Only an officer can be in the scrutiny team"
    ]
    assert not Person.objects.exists()


def test_a_response_period_is_a_day_to_a_year(admin_client):
    page = admin_client.post(
        reverse("admin:councils_authority_add"),
        {"name": "Kent County Council", "response_period_days": "0"},
    )
    assert page.context["adminform"].form.errors["response_period_days"]
    assert not Authority.objects.exists()


def test_a_valid_term_is_saved(admin_client, authority, holder):
    row = {"holder": holder.pk, "starts_on": "2024-05-01", "ends_on": ""}
    page = admin_client.post(
        ADD_PORTFOLIO, {"authority": authority.pk, "title": "Leader", **terms(row)}
    )
    assert page.status_code == 302
    assert Portfolio.objects.get(title="Leader").holder_on() == holder
