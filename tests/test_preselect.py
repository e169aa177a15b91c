"""Forms preselect the only possible choice (issue 12, point 10)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_on_behalf_form_preselects_the_portfolios_only_cabinet_member(
    client, officer, part_a, cabinet_a
):
    client.force_login(officer)
    html = client.get(reverse("plans:respond", args=[part_a.pk])).content.decode()
    assert f'<option value="{cabinet_a.person.pk}" selected>' in html


def test_with_two_possible_members_none_is_chosen_for_the_officer(
    client, officer, part_a, cabinet_a, portfolio_a
):
    from scraip.councils.models import PortfolioTerm
    from scraip.councils.tests.factories import PersonFactory

    deputy = PersonFactory(authority=portfolio_a.authority, kind="councillor", name="Dee Deputy")
    PortfolioTerm.objects.create(
        portfolio=portfolio_a,
        holder=deputy,
        starts_on=cabinet_a.person.portfolio_terms.get().starts_on,
    )
    client.force_login(officer)
    html = client.get(reverse("plans:respond", args=[part_a.pk])).content.decode()
    choices = html.split('name="responded_by"')[1].split("</select>")[0]
    assert '<option value="" selected>' in choices
    assert f'<option value="{deputy.pk}" selected>' not in choices
