"""The dashboards with lists longer than a page, walked in Chromium: each list turns its own
pages, the others stay where they were, and every page passes axe's WCAG 2.2 AA rules, on a
desktop and on a 375 px phone."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.test_journeys import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_stylesheet")]


@pytest.mark.parametrize("followed_dataset", [200], indirect=True)  # longer than a page
@pytest.mark.parametrize("width", [1280, 375])
def test_the_officer_turns_one_lists_pages_and_keeps_the_others(
    live_server, page: Page, officer, owing_dataset, width
):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, live_server, officer)
    page.goto(live_server.url + reverse("followup:dashboard_officer"))
    assert_accessible(page)
    list_name = "items off track or past their target date"
    attention = page.get_by_role("navigation", name=f"Pages of {list_name}")
    first_item = page.locator("#attention ~ table").first.locator("tbody tr").nth(0).inner_text()
    expect(attention).to_contain_text("Page 1 of")
    attention.get_by_role("link", name=f"Next page of {list_name}").click()
    expect(attention).to_contain_text("Page 2 of")
    assert page.locator("#attention ~ table").first.locator("tbody tr").nth(0).inner_text() != (
        first_item
    )
    expect(page.get_by_text("The 10 due soonest of")).to_be_visible()
    expect(page.get_by_role("heading", name="People who cannot be emailed")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + reverse("followup:updates_owed"))
    expect(page.get_by_role("navigation", name="Pages of updates owed")).to_contain_text(
        "Page 1 of"
    )
    assert_accessible(page)
