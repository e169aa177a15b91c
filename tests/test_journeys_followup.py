"""The scrutiny officer preparing a committee meeting's update pack, walked in Chromium.

Every page the journey reaches, error states included, must pass axe's WCAG 2.2 AA rules.
"""

import pytest
from django.core import mail
from django.urls import reverse
from playwright.sync_api import Page, expect

from scraip.followup.models import ProgressUpdate, Verdict
from tests.test_journeys import assert_accessible, follow, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_stylesheet")]


def open_meeting(page: Page) -> None:
    page.get_by_role("link", name="Meetings", exact=True).click()
    expect(page.get_by_role("heading", name="Committee meetings")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="14 January 2027").click()
    expect(page.get_by_role("heading", name="Meeting of 14 January 2027")).to_be_visible()
    assert_accessible(page)


def test_officer_prepares_the_meeting_update_pack(
    live_server,
    page: Page,
    officer,
    lead_officer_person,
    followed,
):
    lead_officer_person.email = "lead@example.gov.uk"
    lead_officer_person.save()
    sign_in(page, live_server, officer)
    open_meeting(page)
    rows = page.locator("tr[id^=item-]")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Recommendation A (i)")
    expect(rows.nth(0)).to_contain_text("Owed")

    # Nobody has reported on G: the committee cannot give a verdict yet.
    follow(page, page.get_by_role("link", name="Record verdict on Recommendation G"))
    assert_accessible(page)
    page.get_by_label("Satisfied", exact=True).check()
    page.get_by_role("button", name="Save verdict").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "No progress on Recommendation G had been reported by 14 January 2027"
    )
    assert_accessible(page)
    assert not Verdict.objects.exists()

    # Ask the lead officer, who answers by phone: the officer types it on his behalf.
    open_meeting(page)
    page.get_by_role("button", name="Ask lead officers for their updates").click()
    expect(page.get_by_text("Asked 1 lead officer for updates.")).to_be_visible()
    assert_accessible(page)
    assert [message.to for message in mail.outbox] == [["lead@example.gov.uk"]]
    follow(page, page.get_by_role("link", name="Recommendation G", exact=True))
    assert_accessible(page)
    follow(page, page.get_by_role("link", name="Add a progress update"))
    assert_accessible(page)
    page.get_by_role("button", name="Save update").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the status of the action")
    assert_accessible(page)
    page.get_by_label("On track").check()
    page.get_by_label("What has been done").fill("The pages are drafted.")
    expect(page.get_by_label("Whose update is this?")).to_have_value(str(lead_officer_person.pk))
    page.get_by_role("button", name="Save update").click()
    expect(page.get_by_text("Progress update on Recommendation G saved.")).to_be_visible()
    assert_accessible(page)
    update = ProgressUpdate.objects.get()
    assert (update.reported_by, update.entered_by) == (lead_officer_person, officer)

    # At the meeting: the committee is satisfied with G.
    open_meeting(page)
    page.get_by_role("link", name="Record verdict on Recommendation G").click()
    page.get_by_label("Satisfied", exact=True).check()
    page.get_by_role("button", name="Save verdict").click()
    expect(page.get_by_text("The committee's verdict on Recommendation G saved.")).to_be_visible()
    assert_accessible(page)

    # The pack: a web page with its chart, and the same as a PDF.
    page.get_by_role("link", name="View the update pack").click()
    pack_title = "Update pack for the meeting of 14 January 2027"
    expect(page.get_by_role("heading", name=pack_title)).to_be_visible()
    expect(page.locator("svg[role=img]")).to_have_count(1)
    expect(page.get_by_text("The pages are drafted.")).to_be_visible()
    assert_accessible(page)
    pdf = page.request.get(
        live_server.url + reverse("followup:meeting_pack_pdf", args=[followed.meeting.pk])
    )
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
