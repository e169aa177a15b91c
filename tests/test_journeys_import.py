"""Bringing a council's tracker in, in Chromium at desktop width and on a 375 px phone: the
upload page, the matching page with its guesses, the check and the import, each page checked
by axe and for sideways scrolling."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from scraip.plans.models import ActionPlan
from tests.test_journeys import assert_accessible, fits, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_stylesheet")]


@pytest.mark.parametrize("width", [1280, 375])
def test_an_officer_brings_a_tracker_in(
    live_server, browser, officer, committee, lead_officer_person, tmp_path, width
):
    tracker = tmp_path / "our-tracker.csv"
    tracker.write_text(
        "Ref,Scrutiny review,Committee,Date agreed,Recommendation,Agree?,Comments,"
        "Agreed action,Lead officer(s),Target date\n"
        f'SR (25/26) 01,Review of Litter,"{committee.name}",12/06/2025,'
        f"That bins are emptied daily.,Yes,Agreed.,Empty them daily.,"
        f"{lead_officer_person.name},March 2026\n",
        encoding="utf-8",
    )
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    sign_in(page, live_server, officer)
    page.goto(live_server.url + reverse("plans:plan_list"))
    page.get_by_role("link", name="Bring in your existing tracker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Bring in your existing tracker")
    assert_accessible(page)
    assert fits(page)
    page.get_by_label("Your tracker").set_input_files(str(tracker))
    page.get_by_role("button", name="Read the spreadsheet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Match your tracker’s columns")
    expect(page.get_by_label("Reference")).to_have_value("Ref")
    expect(page.get_by_label("Decision “Yes” means")).to_have_value("accepted")
    assert_accessible(page)
    assert fits(page)
    page.get_by_role("button", name="Check the tracker").click()
    expect(page.get_by_text("Every row has been checked")).to_be_visible()
    assert_accessible(page)
    assert fits(page)
    page.get_by_role("button", name="Import 1 recommendation").click()
    expect(
        page.get_by_text("Imported 1 action plan with 1 recommendation, 1 response")
    ).to_be_visible()
    assert ActionPlan.objects.filter(title="Review of Litter").exists()
    context.close()
