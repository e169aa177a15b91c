"""Scoping a joint review, walked in Chromium: Maidstone's scrutiny officer proposes a review
with Swale and Tunbridge Wells, is warned of a like review in Kent, adds members and officer
support, plans a session (a date after the report-back is refused first), names its witnesses,
and reads the scoping report and its PDF. Every page, error states included, passes axe."""

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from reviews.models import Review
from reviews.tests.factories import ReviewFactory
from scraip.councils.tests.factories import AuthorityFactory, CommitteeFactory, CouncillorFactory
from tests.test_journeys import assert_accessible, follow, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_stylesheet")]

TITLE = "Governance of the Mid Kent shared services partnership"


@pytest.fixture
def councils(authority, other_authority, committee):
    tunbridge_wells = AuthorityFactory(
        name="Tunbridge Wells Borough Council", short_name="Tunbridge Wells"
    )
    kent = AuthorityFactory(name="Kent County Council", short_name="Kent")
    CommitteeFactory(authority=other_authority, name="Scrutiny Committee")
    CommitteeFactory(authority=tunbridge_wells, name="Overview and Scrutiny Committee")
    CouncillorFactory(name="Ruth Ashdown", authority=authority, political_group="Conservative")
    CouncillorFactory(name="Nina Pryce", authority=other_authority, political_group="Labour")
    CouncillorFactory(name="Diane Fowler", authority=tunbridge_wells, political_group="Green")
    ReviewFactory(
        title="Shared services partnership governance",
        aim="How the governance of our shared services partnership should develop.",
        lead_authority=kent,
        programme_year=2026,
        status=Review.Status.GATHERING_EVIDENCE,
    )
    return tunbridge_wells


def test_officer_scopes_a_joint_review(
    live_server, page: Page, officer, other_officer, councils, committee
):
    sign_in(page, live_server, officer)
    page.get_by_role("link", name="Reviews", exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reviews and work programmes")
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Propose a review"))
    assert_accessible(page)
    page.get_by_role("button", name="Save review").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the title of the review")
    assert_accessible(page)

    page.get_by_label("Title of the review").fill(TITLE)
    page.get_by_label("Aim of the review").fill(
        "To consider how the governance of the shared services partnership should develop."
    )
    page.get_by_label("Why has this review been selected?").fill(
        "Members asked how decisions about shared services are taken."
    )
    page.get_by_label("Swale Borough Council").check()
    page.get_by_label("Tunbridge Wells Borough Council").check()
    page.get_by_label(f"{committee.name} (Maidstone)").check()
    page.get_by_label("Scrutiny Committee (Swale)").check()
    page.get_by_label("Overview and Scrutiny Committee (Tunbridge Wells)").check()
    page.get_by_label("Work programme year").select_option(label="2014/15")
    page.get_by_label("When it reports back").fill("December 2014")
    page.get_by_role("button", name="Save review").click()

    # Kent's running review of the same subject is flagged and linked before anything is saved.
    expect(page.locator("#similar-reviews")).to_contain_text("Another council")
    expect(page.get_by_role("link", name="Shared services partnership governance")).to_be_visible()
    assert_accessible(page)
    assert not Review.objects.filter(title=TITLE).exists()
    page.get_by_label("I have looked at these reviews and this one is not a duplicate").check()
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Review proposed.")).to_be_visible()
    expect(page.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(page.locator(".govuk-caption-l")).to_contain_text("Joint task and finish review")
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Change the members"))
    assert_accessible(page)
    for row, (name, role) in enumerate(
        [("Ruth Ashdown", "Chair"), ("Nina Pryce", "Member"), ("Diane Fowler", "Member")]
    ):
        councillor = page.locator(f'[name="members-{row}-councillor"]')
        councillor.select_option(label=councillor.locator("option", has_text=name).inner_text())
        page.locator(f'[name="members-{row}-role"]').select_option(label=role)
    page.get_by_role("button", name="Save members").click()
    expect(page.get_by_text("Members saved.")).to_be_visible()
    assert_accessible(page)

    # The lead officer is suggested from the chair's council.
    page.get_by_role("link", name="Change the officer support").click()
    expect(page.get_by_label("Lead scrutiny officer")).to_have_value(str(officer.person.pk))
    assert_accessible(page)
    page.get_by_label("Sam Swale (Swale)").check()
    page.get_by_role("button", name="Save officer support").click()
    expect(page.get_by_text("Officer support saved.")).to_be_visible()
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Add a session or other activity"))
    assert_accessible(page)
    page.get_by_label("Planned date").fill("January 2015")
    page.locator('[name="parts-0-letter"]').fill("A")
    page.locator('[name="parts-0-description"]').fill("Hear from the programme manager.")
    page.locator('[name="parts-1-letter"]').fill("B")
    page.locator('[name="parts-1-description"]').fill("Hear from the heads of service.")
    page.get_by_role("button", name="Save activity").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("after the review reports back")
    assert_accessible(page)
    page.get_by_label("Planned date").fill("Mid/Late September 2014")
    page.get_by_role("button", name="Save activity").click()
    expect(page.get_by_text("Evidence session saved.")).to_be_visible()
    expect(page.get_by_text("Mid/Late September 2014").first).to_be_visible()
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Witnesses").first)
    assert_accessible(page)
    page.locator('[name="witnesses-0-part"]').select_option(index=1)
    page.locator('[name="witnesses-0-name"]').fill("Paul Renshaw")
    page.locator('[name="witnesses-0-organisation"]').fill("Mid Kent Services")
    page.locator('[name="witnesses-0-role"]').fill("Director")
    page.get_by_role("button", name="Save witnesses").click()
    expect(page.get_by_text("Witnesses saved.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Scoping report", exact=True).click()
    for heading in ["1. Aim of the review", "3. Who will carry out the review?", "8. Timescale"]:
        expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_text("Ruth Ashdown").first).to_be_visible()
    expect(page.get_by_text("Paul Renshaw").first).to_be_visible()
    assert_accessible(page)

    review = Review.objects.get(title=TITLE)
    pdf = page.request.get(live_server.url + reverse("reviews:scoping_pdf", args=[review.pk]))
    assert pdf.ok and pdf.headers["content-type"] == "application/pdf"
    assert review.participating_authorities.count() == 3
    assert review.lead_officer == officer.person
    assert list(review.supporting_officers.all()) == [other_officer.person]

    # The shared views: the network's programmes, and the witness just named in the directory.
    page.goto(live_server.url + reverse("reviews:network"))
    expect(page.get_by_text(TITLE).first).to_be_visible()
    assert_accessible(page)
    page.goto(live_server.url + reverse("reviews:witness_directory"))
    page.get_by_label("Name").fill("renshaw")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("rowheader", name="Paul Renshaw")).to_be_visible()
    assert_accessible(page)
