"""The register and a partnership's profile as tagged PDFs, read back as a reader sees them."""

import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from .factories import (
    ContributionFactory,
    PartnerFactory,
    PartnershipFactory,
    RiskFactory,
    qualifying,
)

pytestmark = pytest.mark.django_db


def fetch_pdf(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def page_texts(reader) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def assert_tagged(reader, title):
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert reader.metadata.title == title
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data().decode()


def test_the_profile_prints_the_partnership(client, councillor, partnership):
    PartnerFactory(partnership=partnership, organisation="Kent Community Health Trust")
    ContributionFactory(partnership=partnership, year=2024)
    RiskFactory(partnership=partnership, description="Funding ends early", likelihood=4, impact=4)
    partnership.exit_strategy = "Hand the service back to the NHS trust."
    partnership.save()
    reader = fetch_pdf(client, councillor, reverse("partnerships:pdf", args=[partnership.pk]))
    assert_tagged(reader, "Partnership profile: West Kent Health Partnership")
    text = " ".join(page_texts(reader))
    for shown in (
        "Kent Community Health Trust",
        "£1,000",
        "Funding ends early",
        "16 High",
        "Hand the service back to the NHS trust.",
        "Partnership register: West Kent Health Partnership",
        "Page 1 of",
    ):
        assert shown in text, shown


def test_the_register_pdf_lists_every_partnership_with_header_and_page_numbers(
    client, councillor, authority
):
    for number in range(60):
        partnership = qualifying(
            PartnershipFactory(authority=authority, name=f"Partnership {number:02}")
        )
        ContributionFactory(partnership=partnership, year=2024)
    reader = fetch_pdf(client, councillor, reverse("partnerships:register_pdf"))
    assert_tagged(reader, "Partnership register: Maidstone Borough Council")
    texts = page_texts(reader)
    assert len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert "Partnership register: Maidstone Borough Council" in text
        assert f"Page {number} of {len(texts)}" in text
    everything = " ".join(texts)
    assert all(f"Partnership {n:02}" in everything for n in range(60))
    assert "£60,000" in everything  # the register's total for 2024/25


def test_another_councils_officer_cannot_print_the_profile(client, other_officer, partnership):
    client.force_login(other_officer)
    assert client.get(reverse("partnerships:pdf", args=[partnership.pk])).status_code == 404
