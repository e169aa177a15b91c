"""Every signed-in page each person reaches, on a 375 px phone and at desktop width (issue 12,
point 5): the officer, a cabinet member, a lead officer and a councillor each walk every page
their header and the pages after it link to. On every page, axe's WCAG 2.2 AA rules (target
size included) pass and the page does not scroll sideways."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from scraip.councils.tests.factories import PASSWORD
from tests.test_journeys import assert_accessible, when_loaded

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_stylesheet")]

PHONE, DESKTOP = 375, 1280
# Pages a walk does not open: downloads, feeds, the admin, signing out.
SKIP = re.compile(
    r"pdf|/word/|/csv/|export|\.ics|/feed|calendar/|admin/|download|\.xlsx|\.csv|\.json|sign-out|/reports/|"
    r"/media/"
)
PAGES_EACH = 30


def sign_in(page: Page, base: str, user) -> None:
    page.goto(base + reverse("login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(base + reverse("plans:home"))


def assert_fits(page: Page, width: int) -> None:
    scroll_width = when_loaded(page, lambda: page.evaluate("document.documentElement.scrollWidth"))
    assert scroll_width <= width, f"{page.url} is {scroll_width} px wide on a {width} px screen"


def walk(page: Page, base: str, width: int) -> list[str]:
    """Open every page reachable from the home page by links (up to PAGES_EACH)."""
    queue, seen = [page.url], []
    while queue and len(seen) < PAGES_EACH:
        url = queue.pop(0)
        if url in seen:
            continue
        response = page.goto(url)
        seen.append(url)
        if response is None or "html" not in response.headers.get("content-type", ""):
            continue
        assert response.status < 500, url
        assert_fits(page, width)
        assert_accessible(page)
        for href in page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.href)"):
            href = href.split("#")[0]
            if href.startswith(base) and not SKIP.search(href) and href not in seen:
                queue.append(href)
    return seen


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("persona", ["officer", "cabinet_a", "lead_officer", "councillor"])
def test_every_page_a_person_reaches_fits_and_passes_axe(
    request, browser, live_server, objects, persona, width
):
    user = request.getfixturevalue(persona)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, live_server.url, user)
        seen = walk(page, live_server.url, width)
    finally:
        context.close()
    # The walk reached the person's pages, not just the home page.
    assert len(seen) >= 8, seen


def test_the_sign_in_and_public_pages_fit_a_phone(browser, live_server, objects):
    context = browser.new_context(viewport={"width": PHONE, "height": 900})
    page = context.new_page()
    try:
        for url in [reverse("login"), "/no-such-page/"]:
            page.goto(live_server.url + url)
            assert_fits(page, PHONE)
            assert_accessible(page)
    finally:
        context.close()
