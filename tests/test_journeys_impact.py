"""The impact report and the network comparison in Chromium, at desktop width and on a 375 px
phone: reached from the action plans list, checked by axe and for sideways scrolling."""

import pytest
from playwright.sync_api import expect

from scraip.followup.models import Verdict
from scraip.followup.tests.factories import VerdictFactory
from tests.test_journeys import assert_accessible, fits, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_stylesheet")]


@pytest.mark.parametrize("width", [1280, 375])
def test_a_councillor_reads_the_impact_report_and_the_network(
    live_server, browser, councillor, followed, authority, width
):
    VerdictFactory(subject=followed.item_g, meeting=followed.meeting, verdict=Verdict.Kind.CLOSED)
    authority.compares_impact = True
    authority.save()
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    sign_in(page, live_server, councillor)
    page.goto(live_server.url + "/plans/")
    page.get_by_role("link", name="impact report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact report: All years")
    expect(page.get_by_role("img", name="The cabinet's decisions, All years")).to_be_visible()
    assert_accessible(page)
    assert fits(page)
    page.get_by_label("Municipal year").select_option("2026")
    page.get_by_role("button", name="Show the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact report: 2026/27")
    assert_accessible(page)
    assert fits(page)
    page.goto(live_server.url + "/plans/")
    page.get_by_role("link", name="beside the network's other councils").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Impact across the network: All years"
    )
    expect(page.get_by_role("rowheader", name="Maidstone Borough Council")).to_be_visible()
    assert_accessible(page)
    assert fits(page)
    context.close()
