"""Bulk setup: people, committees and portfolios from XLSX or CSV, previewed, checked row by row
and saved all or nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scraip.councils import bulk
from scraip.councils.models import Committee, Person, Portfolio, PortfolioTerm
from scraip.councils.tests.factories import (
    CommitteeFactory,
    CouncillorFactory,
    OfficerFactory,
    PortfolioFactory,
    PortfolioTermFactory,
)
from scraip.councils.tests.spreadsheets import confirm, sheet, upload

pytestmark = pytest.mark.django_db

PEOPLE = bulk.PEOPLE.columns
COMMITTEES = bulk.COMMITTEES.columns
PORTFOLIOS = bulk.PORTFOLIOS.columns


def _problems(response) -> list[tuple[int, str, str]]:
    return [(p.row, p.column, p.message) for p in response.context["problems"]]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_people_are_previewed_then_created_together(client, council_admin, authority, fmt):
    client.force_login(council_admin)
    rows = [
        ["Jo Green", "Councillor", "Green Party", "", "", "jo@example.gov.uk", ""],
        ["Ravi Patel", "officer", "", "Head of Policy", "Policy", "ravi@example.gov.uk", "Yes"],
    ]
    preview = upload(client, authority, "people", sheet(PEOPLE, rows, fmt))
    assert preview.context["created"] == [
        (2, "Cllr Jo Green, councillor"),
        (3, "Ravi Patel, officer"),
    ]
    assert "Confirm and create 2 records" in preview.content.decode()
    assert not Person.objects.filter(name__in=["Jo Green", "Ravi Patel"]).exists()
    done = confirm(client, authority, "people")
    assert done.url == reverse("councils:person_list", args=[authority.pk])
    ravi = Person.objects.get(name="Ravi Patel")
    assert (ravi.authority, ravi.kind, ravi.directorate, ravi.in_scrutiny_team) == (
        authority,
        "officer",
        "Policy",
        True,
    )
    assert ravi.history.get().history_user == council_admin
    assert Person.objects.get(name="Jo Green").political_group == "Green Party"
    # The confirmation is used up: posting it again saves nothing twice.
    confirm(client, authority, "people")
    assert Person.objects.filter(name="Ravi Patel").count() == 1


def test_every_bad_person_row_is_named_and_nothing_is_saved(client, council_admin, authority):
    OfficerFactory(authority=authority, name="Existing Officer")
    client.force_login(council_admin)
    rows = [
        ["Ann Able", "Officer", "", "Clerk", "", "ann@example.gov.uk", ""],
        ["Bob Bad", "Mayor", "", "", "", "", ""],
        ["Cat Mail", "Officer", "", "", "", "not-an-email", ""],
        ["Ann Able", "Officer", "", "", "", "", ""],
        ["Existing Officer", "Officer", "", "", "", "", ""],
        ["Dan Dup", "Councillor", "", "", "", "", "Yes"],
        ["Eve Email", "Officer", "", "", "", "ANN@example.gov.uk", "maybe"],
        ["", "Officer", "", "Clerk", "", "", ""],
    ]
    response = upload(client, authority, "people", sheet(PEOPLE, rows))
    assert _problems(response) == [
        (3, "Role", "Write Councillor or Officer"),
        (4, "Email", "Enter a valid email address."),
        (5, "Name", "“Ann Able” is also on row 2"),
        (6, "Name", "“Existing Officer” is already set up at this council"),
        (7, "Scrutiny team", "Only an officer can be in the scrutiny team"),
        (8, "Scrutiny team", "Write Yes or No"),
        (8, "Email", "“ANN@example.gov.uk” is also on row 2"),
        (9, "Name", "The name is empty"),
    ]
    page = response.content.decode()
    assert "Nothing was saved: 8 problems to correct" in page
    assert not Person.objects.filter(name="Ann Able").exists()
    assert confirm(client, authority, "people").url.endswith("/people/")  # nothing to confirm
    assert not Person.objects.filter(name="Ann Able").exists()


def test_committees_come_with_acronyms_and_successors(client, council_admin, authority):
    CommitteeFactory(authority=authority, name="Cabinet Advisory Board")
    client.force_login(council_admin)
    rows = [
        ["Scrutiny Committee", "SC", "20/05/2025", "Overview and Scrutiny Committee"],
        ["Overview and Scrutiny Committee", "OSC", "", ""],
        ["Policy Panel", "", "2019-05-01", "Cabinet Advisory Board"],
    ]
    upload(client, authority, "committees", sheet(COMMITTEES, rows, "xlsx"))
    confirm(client, authority, "committees")
    old = Committee.objects.get(name="Scrutiny Committee")
    assert (old.short_name, old.abolished_on) == ("SC", datetime.date(2025, 5, 20))
    assert old.successor == Committee.objects.get(short_name="OSC")
    assert Committee.objects.get(name="Policy Panel").successor.name == "Cabinet Advisory Board"


def test_bad_committee_rows_are_named(client, council_admin, authority):
    CommitteeFactory(authority=authority, name="Scrutiny Board")
    client.force_login(council_admin)
    rows = [
        ["Panel A", "", "1/4/2020", "Panel B"],
        ["Panel B", "", "1/4/2020", "Panel A"],
        ["Panel C", "", "", "Scrutiny Board"],
        ["Panel D", "", "Spring", ""],
        ["Panel E", "", "1/4/2020", "Nowhere Committee"],
        ["scrutiny board", "", "", ""],
    ]
    response = upload(client, authority, "committees", sheet(COMMITTEES, rows))
    assert _problems(response) == [
        (2, "Successor", "A committee cannot succeed itself, directly or through others"),
        (3, "Successor", "A committee cannot succeed itself, directly or through others"),
        (4, "Successor", "Give the date the committee was abolished to name a successor"),
        (5, "Abolished on", "“Spring” is not a date: write it as 23/11/2026"),
        (6, "Successor", "There is no committee “Nowhere Committee” in this file or here"),
        (7, "Name", "“scrutiny board” is already set up at this council"),
    ]
    assert Committee.objects.count() == 1


def test_portfolios_and_their_holders_term_by_term(client, council_admin, authority):
    first = CouncillorFactory(authority=authority, name="Ann Able")
    second = CouncillorFactory(authority=authority, name="Bob Best")
    client.force_login(council_admin)
    rows = [
        ["Cabinet Member for Housing", "Ann Able", "24/05/2023", "20/05/2025"],
        ["Cabinet Member for Housing", "Bob Best", "21/05/2025", ""],
        ["Cabinet Member for Planning", "", "", ""],
    ]
    preview = upload(client, authority, "portfolios", sheet(PORTFOLIOS, rows))
    assert len(preview.context["created"]) == 4
    confirm(client, authority, "portfolios")
    housing = Portfolio.objects.get(title="Cabinet Member for Housing")
    assert housing.holder_on(datetime.date(2024, 1, 1)) == first
    assert housing.holder_on(datetime.date(2026, 11, 23)) == second
    assert Portfolio.objects.filter(
        title="Cabinet Member for Planning", authority=authority
    ).exists()
    assert PortfolioTerm.objects.get(holder=second).history.get().history_user == council_admin


def test_bad_portfolio_rows_are_named(client, council_admin, authority, other_authority):
    CouncillorFactory(authority=authority, name="Ann Able")
    OfficerFactory(authority=authority, name="Olga Officer")
    CouncillorFactory(authority=other_authority, name="Sid Swale")
    CouncillorFactory.create_batch(2, authority=authority, name="Twin Name")
    held = PortfolioTermFactory(
        portfolio=PortfolioFactory(authority=authority, title="Leader"),
        starts_on=datetime.date(2023, 5, 24),
    )
    client.force_login(council_admin)
    rows = [
        ["Housing", "Ann Able", "24/05/2023", ""],
        ["Housing", "Ann Able", "01/01/2024", "01/02/2024"],
        ["Leader", "Ann Able", "01/01/2025", ""],
        ["Planning", "Nobody Known", "01/01/2025", ""],
        ["Planning", "Olga Officer", "01/01/2025", ""],
        ["Planning", "Sid Swale", "01/01/2025", ""],
        ["Planning", "Ann Able", "", ""],
        ["Planning", "Ann Able", "01/01/2025", "01/01/2024"],
        ["Leader", "", "", ""],
        ["Planning", "Twin Name", "01/01/2025", ""],
    ]
    response = upload(client, authority, "portfolios", sheet(PORTFOLIOS, rows))
    assert _problems(response) == [
        (3, "From", "Another term of this portfolio covers part of these dates: it overlaps row 2"),
        (
            4,
            "From",
            "Another term of this portfolio covers part of these dates: it overlaps "
            f"{held.holder}’s term from 24 May 2023",
        ),
        (5, "Holder", "Nobody called “Nobody Known” is set up at this council"),
        (6, "Holder", "Only a councillor can hold a cabinet portfolio"),
        (7, "Holder", "Nobody called “Sid Swale” is set up at this council"),
        (8, "From", "Give the day the term began"),
        (9, "To", "The term cannot end before it starts"),
        (10, "Portfolio", "“Leader” is already set up at this council"),
        (
            11,
            "Holder",
            "2 people are called “Twin Name”: add this term on the portfolio's page",
        ),
    ]
    assert not Portfolio.objects.filter(title="Housing").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("people.csv", b"Full name,Kind\nJo,Officer\n", "“Name”, “Role” missing"),
        ("people.pdf", b"%PDF-1.7 nothing", "must be"),
        ("people.xlsx", b"PK\x03\x04 broken zip", "xlsx"),
        ("people.csv", b"Name,Role\n", "no rows below its column names"),
        ("people.csv", b"Name,Role\n\xff\xfe\x00bad,Officer\n", "UTF-8"),
    ],
)
def test_a_file_that_cannot_be_used_is_refused_with_its_reason(
    client, council_admin, authority, name, content, message
):
    client.force_login(council_admin)
    response = upload(client, authority, "people", SimpleUploadedFile(name, content))
    page = response.content.decode()
    assert 'class="govuk-error-summary' in page
    assert message in page
    assert Person.objects.filter(authority=authority).count() == 1  # the administrator


def test_an_oversized_file_is_refused(client, council_admin, authority, settings):
    settings.SCRAIP_MAX_UPLOAD_BYTES = 100
    client.force_login(council_admin)
    rows = [[f"Person {n}", "Officer", "", "", "", "", ""] for n in range(20)]
    page = upload(client, authority, "people", sheet(PEOPLE, rows)).content.decode()
    assert "The file must be smaller than" in page
    assert not Person.objects.filter(name="Person 1").exists()


def test_what_changed_since_the_preview_is_caught_at_confirmation(client, council_admin, authority):
    client.force_login(council_admin)
    upload(client, authority, "people", sheet(PEOPLE, [["Jo Green", "Councillor"] + [""] * 5]))
    CouncillorFactory(authority=authority, name="Jo Green")
    response = confirm(client, authority, "people")
    assert _problems(response) == [(2, "Name", "“Jo Green” is already set up at this council")]
    assert Person.objects.filter(name="Jo Green").count() == 1


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_the_templates_import_as_they_are(client, council_admin, authority, fmt):
    client.force_login(council_admin)
    for kind in ("people", "committees", "portfolios"):
        template = client.get(reverse("councils:bulk_template", args=[authority.pk, kind, fmt]))
        content = b"".join(template.streaming_content)
        upload(client, authority, kind, SimpleUploadedFile(f"template.{fmt}", content))
        assert confirm(client, authority, kind).status_code == 302
    housing = Portfolio.objects.get(authority=authority, title="Cabinet Member for Housing")
    assert housing.holder_on().name == "Jane Smith"
    assert Person.objects.get(name="Ravi Patel").directorate == "Policy and Performance"
    assert Committee.objects.get(authority=authority).short_name == "OSC"


def test_the_upload_page_lists_the_columns_and_templates(client, council_admin, authority):
    client.force_login(council_admin)
    page = client.get(reverse("councils:bulk_upload", args=[authority.pk, "portfolios"]))
    text = page.content.decode()
    for column in PORTFOLIOS:
        assert f"<strong>{column}</strong>" in text
    assert reverse("councils:bulk_template", args=[authority.pk, "portfolios", "csv"]) in text
    assert (
        client.get(reverse("councils:bulk_upload", args=[authority.pk, "other"])).status_code == 404
    )
