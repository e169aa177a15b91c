"""A long PDF made in the background, as the officer meets it in Chromium: the progress page
(checked by axe, at desktop width and on a 375 px phone) refreshes itself until the document
is ready, then offers the download."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from scraip.common import pdfjobs
from scraip.common.tests.test_pdf_jobs import LONG
from scraip.plans.tests.factories import PartFactory, RecommendationFactory
from tests.test_journeys import assert_accessible, fits, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_stylesheet")]

PHONE = {"width": 375, "height": 740}


def test_officer_waits_for_a_long_plan_and_downloads_it(
    live_server, page: Page, browser, officer, plan, portfolio_a, settings
):
    settings.SCRAIP_PDF_BACKGROUND_ITEMS = LONG
    for number in range(1, 6):
        PartFactory(
            recommendation=RecommendationFactory(
                action_plan=plan, letter=f"L{number}", position=number, portfolio=portfolio_a
            )
        )
    sign_in(page, live_server, officer)
    page.goto(live_server.url + reverse("plans:plan_detail", args=[plan.pk]))
    page.get_by_role("link", name="Download PDF of Review of Partnerships").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SCRAIP: Review of Partnerships")
    expect(page.get_by_text("Waiting to be made")).to_be_visible()
    expect(page.get_by_text("This page refreshes itself every 5 seconds")).to_be_visible()
    assert_accessible(page)
    progress_url = page.url

    phone = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    on_phone = phone.new_page()
    on_phone.context.add_cookies(page.context.cookies())
    on_phone.goto(progress_url)
    assert_accessible(on_phone)
    assert fits(on_phone)
    phone.close()

    assert pdfjobs.run_pending() == 1
    # The page reloads itself; the test does not wait the five seconds.
    page.get_by_role("link", name="check again now").click()
    expect(page.get_by_role("heading", name="Your PDF is ready")).to_be_visible()
    assert_accessible(page)
    href = page.get_by_role("link", name="Download the PDF").get_attribute("href")
    pdf = page.request.get(live_server.url + href)
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert "scraip-review-of-partnerships.pdf" in pdf.headers["content-disposition"]
