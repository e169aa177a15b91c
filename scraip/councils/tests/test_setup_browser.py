"""The setup pages in Chromium: each checked by axe at desktop width and on a 375 px phone, and
the journey of an administrator bringing people in from a spreadsheet and inviting one, who
then chooses a password and signs in."""

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from scraip.councils import bulk
from scraip.councils.models import Person
from scraip.councils.tests.factories import (
    CommitteeFactory,
    CouncillorFactory,
    PortfolioFactory,
    PortfolioTermFactory,
)
from scraip.councils.tests.spreadsheets import sheet
from tests.test_journeys import assert_accessible, fits, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_stylesheet")]

NEW_PASSWORD = "a-long-new-passphrase-2026"


@pytest.fixture
def council(authority):
    old = CommitteeFactory(authority=authority, name="Scrutiny Committee", short_name="SC")
    new = CommitteeFactory(authority=authority, name="Overview and Scrutiny Committee")
    old.abolished_on, old.successor = datetime.date(2025, 5, 20), new
    old.save()
    term = PortfolioTermFactory(
        portfolio=PortfolioFactory(authority=authority, title="Cabinet Member for Housing"),
        holder=CouncillorFactory(authority=authority, name="Ann Able", email="ann@example.gov.uk"),
    )
    return {"committee": old, "term": term}


def _pages(authority, council) -> list[str]:
    term = council["term"]
    return [
        reverse("councils:setup_home"),
        reverse("councils:authority_settings", args=[authority.pk]),
        reverse("followup:status_list", args=[authority.pk]),
        reverse("followup:status_add", args=[authority.pk]),
        reverse("councils:committee_list", args=[authority.pk]),
        reverse("councils:committee_add", args=[authority.pk]),
        reverse("councils:committee_edit", args=[council["committee"].pk]),
        reverse("councils:committee_history", args=[council["committee"].pk]),
        reverse("councils:portfolio_list", args=[authority.pk]),
        reverse("councils:portfolio_detail", args=[term.portfolio_id]),
        reverse("councils:portfolio_edit", args=[term.portfolio_id]),
        reverse("councils:term_add", args=[term.portfolio_id]),
        reverse("councils:term_end", args=[term.pk]),
        reverse("councils:person_list", args=[authority.pk]),
        reverse("councils:person_add", args=[authority.pk]),
        reverse("councils:person_edit", args=[term.holder_id]),
        reverse("councils:person_history", args=[term.holder_id]),
        *(reverse("councils:bulk_upload", args=[authority.pk, kind]) for kind in bulk.LAYOUTS),
        reverse("password_change"),
    ]


@pytest.mark.parametrize("width", [1280, 375])
def test_every_setup_page_is_accessible(
    live_server, browser, council_admin, authority, council, width
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    sign_in(page, live_server, council_admin)
    for path in _pages(authority, council):
        page.goto(live_server.url + path)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
        assert fits(page), path
    # The password pages a signed-out visitor meets.
    page.context.clear_cookies()
    for path in (reverse("login"), reverse("password_reset"), reverse("password_reset_done")):
        page.goto(live_server.url + path)
        assert_accessible(page)
        assert fits(page), path
    context.close()


def test_people_from_a_spreadsheet_then_an_invitation(
    live_server, page: Page, council_admin, authority, tmp_path
):
    sign_in(page, live_server, council_admin)
    page.get_by_role("link", name="Set up").click()
    page.get_by_role("link", name="People and sign-ins").click()
    page.get_by_role("link", name="Add people from a spreadsheet").click()
    bad = tmp_path / "people.csv"
    bad.write_bytes(sheet(bulk.PEOPLE.columns, [["Jo Green", "Mayor"] + [""] * 5]).read())
    page.get_by_label("Spreadsheet").set_input_files(bad)
    page.get_by_role("button", name="Check the spreadsheet").click()
    expect(page.get_by_text("Nothing was saved: 1 problem to correct")).to_be_visible()
    expect(page.get_by_role("cell", name="Write Councillor or Officer")).to_be_visible()
    assert_accessible(page)

    good = tmp_path / "people-fixed.csv"
    row = ["Jo Green", "Councillor", "Green Party", "", "", "jo@example.gov.uk", ""]
    good.write_bytes(sheet(bulk.PEOPLE.columns, [row]).read())
    page.get_by_label("Spreadsheet").set_input_files(good)
    page.get_by_role("button", name="Check the spreadsheet").click()
    expect(page.get_by_role("cell", name="Cllr Jo Green, councillor")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Confirm and create 1 record").click()
    expect(page.get_by_text("1 record created.")).to_be_visible()

    page.get_by_role("link", name="Cllr Jo Green").click()
    page.get_by_role("button", name="Invite to sign in").click()
    expect(page.get_by_text("has been emailed a link to set their password")).to_be_visible()
    expect(page.get_by_text("Invited", exact=True)).to_be_visible()
    assert_accessible(page)
    assert Person.objects.get(name="Jo Green").user.username == "jo@example.gov.uk"

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill(NEW_PASSWORD)
    page.get_by_label("New password confirmation").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Save password").click()
    expect(page.get_by_role("heading", name="Your password has been saved")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("Username").fill("jo@example.gov.uk")
    page.get_by_label("Password").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + reverse("plans:home"))
