"""A resident reads the published action plans without signing in, on a 375 px phone and at
desktop width: from the list of councils to a council's plans, its filters and a plan, and the
open data page. On every page axe's WCAG 2.2 AA rules pass and nothing scrolls sideways."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.test_journeys import assert_accessible, follow, sign_in
from tests.test_journeys_phone import DESKTOP, PHONE, assert_fits, walk
from tests.test_public_privacy import published  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_stylesheet")]


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_a_resident_reads_the_published_plans(browser, live_server, published, plan, width):  # noqa: F811
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        page.goto(live_server.url + reverse("followup:public_councils"))
        seen = walk(page, live_server.url, width)
        assert live_server.url + reverse("followup:public_plan", args=[plan.pk]) in seen
        assert live_server.url + reverse("followup:open_data") in seen
        # The council's list, filtered by decision, then the plan.
        page.goto(live_server.url + reverse("followup:public_plans", args=[plan.authority_id]))
        page.get_by_label("With a recommendation").select_option(label="Accepted")
        follow(page, page.get_by_role("button", name="Apply filters"))
        assert_fits(page, width)
        assert_accessible(page)
        page.get_by_role("link", name=plan.title).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(plan.title)
        expect(page.get_by_text("Satisfied")).to_be_visible()
    finally:
        context.close()


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_an_officer_withdraws_a_plan_with_its_reason_and_publishes_it_again(
    browser, live_server, officer, followed, width
):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    public_url = live_server.url + reverse("followup:public_plan", args=[followed.plan.pk])
    try:
        sign_in(page, live_server, officer)
        page.goto(live_server.url + followed.plan.get_absolute_url())
        expect(page.get_by_text("Public: the council publishes its plans")).to_be_visible()
        follow(page, page.get_by_role("link", name="Change whether the plan is public"))
        assert_fits(page, width)
        assert_accessible(page)
        page.get_by_label("Withdraw it from publication").check()
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "Enter why the plan is being withdrawn from publication"
        )
        assert_fits(page, width)
        assert_accessible(page)
        page.get_by_label("Reason for withdrawing it (if withdrawn)").fill(
            "An explanation names a resident."
        )
        page.get_by_role("button", name="Save").click()
        expect(page.get_by_text("Withdrawn from publication: An explanation names")).to_have_count(
            2
        )
        assert page.request.get(public_url).status == 404
        page.get_by_role("link", name="Change whether the plan is public").click()
        page.get_by_label("As the council's setting says").check()
        page.get_by_role("button", name="Save").click()
        expect(
            page.get_by_role("link", name=f"Public page of {followed.plan.title}")
        ).to_be_visible()
        assert page.request.get(public_url).status == 200
    finally:
        context.close()
