"""The public register: no sign-in, published partnerships meeting the definition only, names
and roles of people but never their contact details."""

import pytest
from django.urls import reverse

from .factories import (
    AnnualReportFactory,
    BenefitFactory,
    ContributionFactory,
    OutcomeFactory,
    PartnerFactory,
    PartnershipFactory,
    RepresentativeFactory,
    qualifying,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(partnership, lead_officer_person, councillor):
    lead_officer_person.email = "liam.lead@maidstone.example"
    lead_officer_person.save()
    councillor.person.email = "carol@maidstone.example"
    councillor.person.save()
    qualifying(partnership, publish=True)
    PartnerFactory(partnership=partnership, organisation="Kent Community Health Trust")
    RepresentativeFactory(partnership=partnership, person=councillor.person, role="Board member")
    ContributionFactory(partnership=partnership, year=2024)
    BenefitFactory(partnership=partnership, description="Shorter waits for care at home")
    OutcomeFactory(partnership=partnership, description="Fewer emergency admissions")
    AnnualReportFactory(partnership=partnership, title="Health Partnership annual report")
    return partnership


def test_a_visitor_sees_what_is_published_without_signing_in(client, published, authority):
    PartnershipFactory(authority=authority, name="Draft Arrangement")  # not published
    unqualified = PartnershipFactory(authority=authority, name="Published Not Qualifying")
    unqualified.published_at = published.published_at
    unqualified.save()
    page = client.get(reverse("partnerships:register"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "West Kent Health Partnership" in text
    assert "Draft Arrangement" not in text
    assert "Published Not Qualifying" not in text


def test_the_public_entry_shows_partners_money_benefits_outcomes_and_reports(client, published):
    page = client.get(reverse("partnerships:register_detail", args=[published.slug]))
    text = page.content.decode()
    for shown in (
        "Kent Community Health Trust",
        "Carol Councillor, Board member",
        "Liam Lead, Head of Policy",
        "£1,000",
        "Shorter waits for care at home",
        "Fewer emergency admissions",
        "Health Partnership annual report",
    ):
        assert shown in text, shown
    assert "@maidstone.example" not in text
    report = published.annual_reports.get()
    download = client.get(reverse("partnerships:register_report", args=[published.slug, report.pk]))
    assert download.status_code == 200


def test_a_draft_is_not_found(client, partnership):
    qualifying(partnership)
    assert (
        client.get(reverse("partnerships:register_detail", args=[partnership.slug])).status_code
        == 404
    )
    report = AnnualReportFactory(partnership=partnership)
    url = reverse("partnerships:register_report", args=[partnership.slug, report.pk])
    assert client.get(url).status_code == 404


def test_publishing_needs_the_definition(client, officer, partnership, criterion):
    client.force_login(officer)
    url = reverse("partnerships:publish", args=[partnership.pk])
    refused = client.post(url, {"publish": "yes"}, follow=True)
    assert "does not meet the council&#x27;s definition" in refused.content.decode()
    partnership.refresh_from_db()
    assert not partnership.is_published
    qualifying(partnership)
    client.post(url, {"publish": "yes"})
    partnership.refresh_from_db()
    assert partnership.is_published
    assert client.get(partnership.get_public_url()).status_code == 200
    client.post(url, {"publish": "no"})
    client.logout()
    assert client.get(partnership.get_public_url()).status_code == 404
