"""The officer's and the cabinet member's journeys, walked in Chromium.

Every page a journey reaches, error states included, must pass axe's WCAG 2.2 AA rules.
"""

import datetime

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

from scraip.councils.tests.factories import PASSWORD
from scraip.plans.models import ActionPlan

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("built_stylesheet")]

AXE_OPTIONS = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
    },
    "resultTypes": ["violations"],
}
axe = Axe()


# What Playwright reports when the page navigates under a check: the click's page arriving late,
# or a page that refreshes itself (a PDF's progress page).
NAVIGATING = (
    "Execution context was destroyed",
    "Cannot read properties of null",
    "axe is not defined",
    "navigat",
)


def when_loaded(page: Page, check):
    """check() run on a page that has loaded; run again on the page that arrives if the page
    navigates while it runs, so a check never reads a page half gone."""
    for attempt in range(3):
        page.wait_for_load_state("load")
        try:
            return check()
        except PlaywrightError as error:
            if attempt == 2 or not any(sign in str(error) for sign in NAVIGATING):
                raise


def fits(page: Page) -> bool:
    """Nothing on the page is wider than the screen, so it never scrolls sideways."""
    return when_loaded(
        page, lambda: page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    )


def assert_accessible(page: Page) -> None:
    """Fail with each axe violation's rule, summary and offending elements."""
    results = when_loaded(page, lambda: axe.run(page, options=AXE_OPTIONS))
    if results.violations_count:
        lines = [f"{results.violations_count} axe violation(s) on {page.url}:"]
        for violation in results.response["violations"]:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.extend(f"    {', '.join(node['target'])}" for node in violation["nodes"])
        pytest.fail("\n".join(lines), pytrace=False)


def follow(page: Page, target: Locator) -> None:
    """Click a link or button that opens another page, and return once that page has loaded.

    A check run straight after a click could otherwise read the page being left, or a new page
    that has no document yet.
    """
    with page.expect_navigation(wait_until="load"):
        target.click()


def sign_in(page: Page, live_server, user) -> None:
    page.goto(live_server.url + reverse("login"))
    assert_accessible(page)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(live_server.url + reverse("plans:home"))
    assert_accessible(page)


def fill_date(page: Page, name: str, date: datetime.date) -> None:
    """A GOV.UK date input: day, month and year boxes named name_0, name_1 and name_2."""
    for index, value in enumerate((date.day, date.month, date.year)):
        page.locator(f'[name="{name}_{index}"]').fill(str(value))


def add_recommendation(page: Page, letter: str, text: str, portfolio: str, order=None, parts=()):
    page.get_by_role("link", name="Add a recommendation").click()
    expect(page.get_by_role("heading", name="Add a recommendation")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Reference").fill(letter)
    if order is not None:
        page.get_by_label("Order in the plan").fill(str(order))
    page.get_by_label("Recommendation", exact=True).fill(text)
    page.get_by_label("Cabinet portfolio").select_option(label=portfolio)
    for index, (numeral, part_text) in enumerate(parts):
        page.locator(f'[name="parts-{index}-numeral"]').fill(numeral)
        page.locator(f'[name="parts-{index}-text"]').fill(part_text)
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_text(f"Recommendation {letter} saved.")).to_be_visible()
    assert_accessible(page)


def add_report_back(page: Page, index: int, when: str) -> None:
    follow(page, page.get_by_role("link", name="Change the report-back schedule"))
    assert_accessible(page)
    page.locator(f'[name="report_backs-{index}-due"]').fill(when)
    page.get_by_role("button", name="Save schedule").click()
    expect(page.get_by_text("Report-back schedule saved.")).to_be_visible()
    assert_accessible(page)


def test_officer_records_a_plan_and_sends_it_to_the_cabinet(
    live_server, page, officer, committee, portfolio_a, portfolio_b
):
    today = timezone.localdate()
    sign_in(page, live_server, officer)
    expect(page.get_by_role("heading", name="Welcome, Olive Officer")).to_be_visible()

    follow(page, page.get_by_role("link", name="Record a new action plan"))
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("There is a problem")
    expect(summary).to_contain_text("Enter the title of the report")
    expect(page).to_have_title("Error: Record a new action plan – SCRAIP")
    assert_accessible(page)

    page.get_by_label("Report title").fill("Review of Partnerships")
    page.get_by_label("Report of (committee)").select_option(
        label="Strategic Leadership Overview and Scrutiny Committee (Maidstone Borough Council)"
    )
    fill_date(page, "publication_date", today - datetime.timedelta(days=14))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Action plan created.")).to_be_visible()
    expect(page.get_by_role("heading", name="Review of Partnerships", level=1)).to_be_visible()
    assert_accessible(page)

    add_recommendation(
        page,
        "A",
        "That the council adopts a definition of a partnership and:",
        "Leader of the Council",
        parts=[("i", "Adopts it."), ("ii", "Keeps a database of its partnerships.")],
    )
    add_recommendation(
        page, "B", "That partners report yearly.", "Cabinet Member for Corporate Services"
    )
    # Orders are whole numbers: to put G between A (1) and B (2), B moves down first.
    follow(page, page.get_by_role("link", name="Edit recommendation B"))
    assert_accessible(page)
    page.get_by_label("Order in the plan").fill("3")
    page.get_by_role("button", name="Save recommendation").click()
    expect(page.get_by_text("Recommendation B saved.")).to_be_visible()
    assert_accessible(page)
    add_recommendation(
        page,
        "G",
        "That a partnerships web page be created.",
        "Cabinet Member for Corporate Services",
        order=2,
    )
    letters = page.locator("#recommendations ~ table h3")
    expect(letters).to_have_text(["Recommendation A", "Recommendation G", "Recommendation B"])
    expect(page.get_by_text("(i) Adopts it.")).to_be_visible()
    expect(page.get_by_text("(ii) Keeps a database of its partnerships.")).to_be_visible()

    add_report_back(page, 0, "27 November 2027")
    add_report_back(page, 1, "October 2028")
    schedule = page.locator("#report-backs + table tbody tr")
    expect(schedule.nth(0)).to_contain_text("1st")
    expect(schedule.nth(0)).to_contain_text("27 November 2027")
    expect(schedule.nth(1)).to_contain_text("2nd")
    expect(schedule.nth(1)).to_contain_text("October 2028")

    follow(page, page.get_by_role("link", name="Send to the cabinet"))
    assert_accessible(page)
    fill_date(page, "received_on", today)
    page.get_by_role("button", name="Send to the cabinet for a response").click()
    expect(page.get_by_text("Sent to the cabinet.")).to_be_visible()
    plan = ActionPlan.objects.get(title="Review of Partnerships")
    days_left = (plan.response_deadline - today).days
    summary_list = page.locator(".govuk-summary-list")
    expect(summary_list.locator(".govuk-tag").first).to_have_text("Awaiting response")
    expect(summary_list).to_contain_text(f"{days_left} days left")
    assert_accessible(page)
    page.screenshot(path="/tmp/plan.png", full_page=True)


def test_cabinet_member_answers_only_their_portfolio(
    live_server, page, cabinet_a, part_a, part_b, lead_officer_person
):
    sign_in(page, live_server, cabinet_a)
    expect(page.get_by_text("2 recommendations await your response")).to_be_visible()
    page.get_by_role("link", name="Awaiting response").click()
    expect(page.get_by_role("heading", name="Awaiting my response")).to_be_visible()
    rows = page.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("Recommendation A (i)")
    expect(rows.nth(1)).to_contain_text("Recommendation A (ii)")
    expect(page.get_by_text("Recommendation G")).to_have_count(0)
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Respond to Recommendation A (i)"))
    assert_accessible(page)
    page.get_by_label("Accepted", exact=True).check()
    page.get_by_label("Explanation").fill("It fits the corporate plan.")
    page.get_by_role("button", name="Save response").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the action to be taken for an accepted recommendation")
    expect(summary).to_contain_text("Enter a timetable for an accepted recommendation")
    expect(summary).to_contain_text("Choose a lead officer for an accepted recommendation")
    expect(page.get_by_label("Explanation")).to_have_value("It fits the corporate plan.")
    assert_accessible(page)

    page.get_by_label("Action to be taken").fill("Draft the definition for Cabinet.")
    page.get_by_label("Timetable").fill("March 2027")
    page.get_by_label("Lead officer").select_option(label="Liam Lead")
    page.get_by_role("button", name="Save response").click()
    expect(page.get_by_text("Response to Recommendation A (i) saved.")).to_be_visible()
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("Recommendation A (ii)")
    assert_accessible(page)

    page.get_by_role("link", name="Review of Partnerships", exact=True).click()
    recommendation_a = page.locator(f"#recommendation-{part_a.recommendation_id}")
    expect(recommendation_a.locator(".govuk-tag").first).to_have_text("Accepted")
    expect(recommendation_a).to_contain_text("Draft the definition for Cabinet.")
    expect(recommendation_a).to_contain_text("March 2027")
    assert_accessible(page)

    follow(page, page.get_by_role("link", name="Respond to Recommendation A (ii)"))
    assert_accessible(page)
    page.get_by_label("Rejected").check()
    page.get_by_role("button", name="Save response").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the reasons for rejecting the recommendation"
    )
    assert_accessible(page)


def test_cabinet_member_cannot_answer_another_portfolio(live_server, page, cabinet_b, part_a):
    sign_in(page, live_server, cabinet_b)
    response = page.goto(live_server.url + reverse("plans:respond", args=[part_a.pk]))
    assert response.status == 403
    refusal = page.get_by_role("heading", name="You do not have permission to do this")
    expect(refusal).to_be_visible()
    assert_accessible(page)
