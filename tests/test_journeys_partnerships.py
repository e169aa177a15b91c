"""The partnership register, walked in Chromium: Maidstone's scrutiny officer adds a partnership,
is told plainly what is missing and that money cannot be negative, answers the council's
definition and publishes it; then a visitor on a phone, not signed in, finds it on the public
register. Every page, error states included, passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import Browser, Page, expect

from partnerships.tests.factories import CriterionFactory, build_register
from tests.test_journeys import assert_accessible, fits, follow, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_stylesheet")]

NAME = "Maidstone Healthy Living Partnership"
PHONE = {"width": 375, "height": 740}


@pytest.fixture
def definition(authority, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return CriterionFactory(authority=authority, question="Do the partners share a goal?")


def test_officer_adds_a_partnership_and_a_visitor_finds_it(
    live_server, page: Page, browser: Browser, officer, definition
):
    sign_in(page, live_server, officer)
    page.get_by_role("link", name="Partnerships", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnership register")
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Add a partnership"))
    assert_accessible(page)
    page.get_by_role("button", name="Save partnership").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the name of the partnership"
    )
    assert_accessible(page)

    page.get_by_label("Name of the partnership").fill(NAME)
    page.get_by_label("Type").select_option(label="Community or voluntary sector partnership")
    page.get_by_label("Purpose").fill("Local groups and the council helping residents stay active.")
    page.get_by_label("Start date (optional)").fill("April 2025")
    page.get_by_role("button", name="Save partnership").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(page.get_by_text("Not yet tested")).to_be_visible()
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Record a contribution"))
    assert_accessible(page)
    page.get_by_label("Financial year").fill("2025/26")
    page.get_by_label("Money").check()
    page.get_by_label("Amount").fill("-500")
    page.get_by_label("Pounds (£)").check()
    page.get_by_role("button", name="Save contribution").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("The amount cannot be negative")
    expect(page.get_by_label("Financial year")).to_have_value("2025/26")
    assert_accessible(page)
    page.get_by_label("Amount").fill("500")
    page.get_by_role("button", name="Save contribution").click()
    expect(page.get_by_text("Contribution added")).to_be_visible()
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Answer the definition test"))
    assert_accessible(page)
    page.get_by_role("group", name="1. Do the partners share a goal?").get_by_label("Yes").check()
    page.get_by_role("button", name="Save answers").click()
    expect(page.get_by_text("Answers saved: meets the definition.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Publish on the public register").click()
    expect(page.get_by_text(f"{NAME} is now on the public register.")).to_be_visible()
    assert_accessible(page)

    visitor = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    phone = visitor.new_page()
    phone.goto(live_server.url + reverse("partnerships:register"))
    expect(phone.get_by_role("heading", level=1)).to_have_text("Register of partnerships")
    assert_accessible(phone)
    phone.get_by_label("Name contains").fill("healthy")
    follow(phone, phone.get_by_role("button", name="Apply filters"))
    assert_accessible(phone)
    phone.get_by_role("link", name=NAME).click()
    expect(phone.get_by_role("heading", level=1)).to_have_text(NAME)
    expect(phone.get_by_text("£500")).to_be_visible()
    assert_accessible(phone)
    # Usable on a phone: nothing wider than the screen, so no sideways scrolling.
    assert fits(phone)
    visitor.close()


def test_every_register_page_passes_axe(live_server, page: Page, officer, lead_officer_person):
    """The pages of the register with rows of every kind: the partnership, its progress, the
    lists across the register and the settings."""
    partnership = build_register(officer.person.authority, 2, lead_officer_person, officer)[-1]
    outcome = partnership.outcomes.get()
    sign_in(page, live_server, officer)
    for url in (
        partnership.get_absolute_url(),
        reverse("partnerships:outcome_progress", args=[outcome.pk]),
        reverse("partnerships:progress_add", args=[outcome.pk]),
        reverse("partnerships:outcome_target", args=[outcome.pk]),
        reverse("partnerships:checklist", args=[partnership.pk]),
        reverse("partnerships:links", args=[partnership.pk]),
        reverse("partnerships:item_add", args=[partnership.pk, "risk"]),
        reverse("partnerships:item_add", args=[partnership.pk, "review"]),
        reverse("partnerships:priority"),
        reverse("partnerships:priority_edit"),
        reverse("partnerships:due_for_review") + "?within=6",
        reverse("partnerships:totals"),
        reverse("partnerships:compliance"),
        reverse("partnerships:corporate_risks"),
        reverse("partnerships:settings"),
        reverse("partnerships:settings_definition"),
        reverse("partnerships:settings_checklist"),
        reverse("partnerships:deleted"),
        reverse("partnerships:history", args=[partnership.pk]),
    ):
        page.goto(live_server.url + url)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        assert_accessible(page)
