"""The SCRAIP as a PDF: laid out as the committee papers show it, readable back, and tagged.

Each test fetches the PDF through the view and reads it back with pypdf, so it checks what a
reader of the document would see, not the HTML it was made from.
"""

import datetime
import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from scraip.plans.models import ActionPlan, Recommendation
from scraip.plans.tests.factories import (
    ActionPlanFactory,
    PartFactory,
    RecommendationFactory,
)

pytestmark = pytest.mark.django_db

# A4 landscape: five columns of prose wrap into a third fewer lines than on a portrait page.
A4_LANDSCAPE_POINTS = (841.89, 595.28)
TABLE_HEADER = "Recommendation Cabinet member Response Timetable Lead officer"
RUNNING_HEADER = "SCRAIP: Review of Partnerships"


def fetch_pdf(client, user, plan):
    client.force_login(user)
    response = client.get(reverse("plans:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def page_texts(reader) -> list[str]:
    """Each page's text with runs of whitespace made single, as narrow cells wrap words."""
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_pdf_is_a4_landscape(client, officer, responded_plan):
    reader = fetch_pdf(client, officer, responded_plan)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width == pytest.approx(A4_LANDSCAPE_POINTS[0], abs=1)
        assert height == pytest.approx(A4_LANDSCAPE_POINTS[1], abs=1)


def test_first_page_has_heading_block_and_report_back_dates_as_written(
    client, officer, responded_plan
):
    first_page = page_texts(fetch_pdf(client, officer, responded_plan))[0]
    assert "Report title Review of Partnerships" in first_page
    assert "Strategic Leadership Overview and Scrutiny Committee" in first_page
    assert "Date of publication 17 September 2026" in first_page
    assert "Update Date Completed? Note" in first_page
    assert "1st 1 April 2027 Yes Definition adopted by full council." in first_page
    assert "2nd October 2027 No" in first_page
    assert "3rd 27 November 2027" in first_page


def test_recommendations_show_sub_parts_decisions_timetable_and_lead_officer(
    client, officer, responded_plan
):
    text = " ".join(page_texts(fetch_pdf(client, officer, responded_plan)))
    for letter in ("A", "G", "C"):
        assert f"Recommendation {letter}" in text
    assert "(i) Adopt it." in text
    assert "(ii) Keep a database." in text
    assert "(i) Accepted. The definition should be adopted." in text
    assert "(ii) Partially accepted. A database of priority partnerships only." in text
    assert "Rejected. The council website already lists its partners." in text
    assert "Awaiting response." in text
    assert "March 2027" in text
    assert "Mid/Late September 2027" in text
    assert "Liam Lead" in text
    assert "Leader of the Council Cllr Alice Leader" in text


def test_pages_are_numbered_page_x_of_y(client, officer, responded_plan):
    texts = page_texts(fetch_pdf(client, officer, responded_plan))
    assert f"Page 1 of {len(texts)}" in texts[0]
    assert f"Page {len(texts)} of {len(texts)}" in texts[-1]


@pytest.fixture
def long_plan(plan, portfolio_a):
    """Forty recommendations of about 700 characters each: many pages of the table."""
    filler = "The review group heard evidence from partners across the borough. " * 10
    for number in range(1, 41):
        letter = f"L{number:02}"
        recommendation = RecommendationFactory(
            action_plan=plan,
            letter=letter,
            position=number,
            portfolio=portfolio_a,
            text=f"Start of {letter}. {filler}End of {letter}.",
        )
        PartFactory(recommendation=recommendation)
    return plan


def test_long_plan_repeats_table_header_and_running_title_on_every_page(client, officer, long_plan):
    texts = page_texts(fetch_pdf(client, officer, long_plan))
    assert len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert TABLE_HEADER in text, f"no table header on page {number}"
        assert RUNNING_HEADER in text, f"no running header on page {number}"
        assert f"Page {number} of {len(texts)}" in text


def test_a_long_title_runs_whole_at_the_top_of_every_page_beside_the_draft_mark(
    client, officer, long_plan
):
    """The running title's margin box has a set width (so it is not measured on every page): a
    title of the longest length allowed still prints whole on every page, wrapping within the
    top margin, beside DRAFT, and the page numbers stay whole too."""
    long_plan.title = ("Review of Partnerships and Shared Services across the Borough " * 5)[:300]
    long_plan.status = ActionPlan.Status.DRAFT
    long_plan.save()
    texts = page_texts(fetch_pdf(client, officer, long_plan))
    running_title = " ".join(f"SCRAIP: {long_plan.title}".split())
    assert len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert running_title in text, f"running title cut on page {number}"
        assert "DRAFT" in text
        assert f"Page {number} of {len(texts)}" in text


def test_long_plan_never_splits_a_recommendation_across_pages(client, officer, long_plan):
    texts = page_texts(fetch_pdf(client, officer, long_plan))
    for recommendation in Recommendation.objects.filter(action_plan=long_plan):
        letter = recommendation.letter
        starts = [n for n, text in enumerate(texts) if f"Start of {letter}." in text]
        ends = [n for n, text in enumerate(texts) if f"End of {letter}." in text]
        assert starts == ends and len(starts) == 1, f"recommendation {letter} split"


def test_pdf_is_tagged_with_language_title_and_pdf_ua_identity(client, officer, responded_plan):
    reader = fetch_pdf(client, officer, responded_plan)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    # The HTML <title> of templates/scraip/pdf/action_plan.html.
    assert reader.metadata.title == "SCRAIP: Review of Partnerships"
    xmp = reader.xmp_metadata.stream.get_data().decode()
    assert 'pdfuaid:part="1"' in xmp


def test_anonymous_visitor_is_sent_to_sign_in(client, plan):
    response = client.get(reverse("plans:plan_pdf", args=[plan.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_officer_of_another_council_gets_404(client, other_officer, plan):
    client.force_login(other_officer)
    assert client.get(reverse("plans:plan_pdf", args=[plan.pk])).status_code == 404


def test_councillor_reads_a_sent_plan(client, councillor, responded_plan):
    texts = page_texts(fetch_pdf(client, councillor, responded_plan))
    assert "Report title Review of Partnerships" in texts[0]


def test_councillor_cannot_see_a_draft(client, councillor, authority, committee):
    draft = ActionPlanFactory(authority=authority, committee=committee)
    client.force_login(councillor)
    assert client.get(reverse("plans:plan_pdf", args=[draft.pk])).status_code == 404


def test_scrutiny_officer_prints_their_own_draft(client, officer, authority, committee):
    draft = ActionPlanFactory(authority=authority, committee=committee, title="Draft review")
    texts = page_texts(fetch_pdf(client, officer, draft))
    assert "Report title Draft review" in texts[0]


def test_each_sub_parts_timetable_and_lead_officer_are_numbered_beside_its_response(
    client, officer, responded_plan
):
    """One row per recommendation, as the paper SCRAIP: each sub-part's answer, timetable and
    lead officer carry its numeral, and a timetable breaks only between words."""
    text = " ".join(page_texts(fetch_pdf(client, officer, responded_plan)))
    assert "(i) March 2027 (ii) Mid/Late September 2027 (i) Liam Lead (ii) Liam Lead" in text


def test_the_plan_ends_with_the_notes_on_completing_it(client, officer, responded_plan):
    """Seed 001's footnotes, in SCRAIP's words, after the last recommendation."""
    text = " ".join(page_texts(fetch_pdf(client, officer, responded_plan)))
    notes = text.index("Notes on completing this plan")
    assert notes > text.index("Recommendation C That a scrutiny sub-group be set up.")
    for column in (
        "Recommendation:",
        "Cabinet member:",
        "Response:",
        "Timetable:",
        "Lead officer:",
    ):
        assert column in text[notes:]
    assert (
        "A rejection gives the reasons for it and leaves the timetable and lead officer empty"
        in text
    )
    assert "names the timetable and the lead officer" in text
    assert "The committee hears what has been done on the dates to report back" in text


@pytest.fixture
def draft_with_deadline(authority, committee, portfolio_a):
    """A draft carrying the day the cabinet is due to receive it, so a deadline is worked out,
    with long recommendations running over pages and none answered."""
    draft = ActionPlanFactory(
        authority=authority, committee=committee, title="Draft review", status="draft"
    )
    draft.set_received_on(datetime.date(2026, 12, 1))
    draft.save()
    filler = "The review group heard evidence from partners across the borough. " * 8
    for number in range(1, 25):
        recommendation = RecommendationFactory(
            action_plan=draft,
            letter=f"D{number}",
            position=number,
            portfolio=portfolio_a,
            text=f"Draft recommendation {number}. {filler}",
        )
        PartFactory(recommendation=recommendation)
    return draft


def test_a_draft_is_marked_on_every_page_and_shows_no_deadline_or_response_status(
    client, officer, draft_with_deadline
):
    texts = page_texts(fetch_pdf(client, officer, draft_with_deadline))
    assert len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert "DRAFT" in text, f"no DRAFT marking on page {number}"
    text = " ".join(texts)
    assert "DRAFT: this document is not final." in texts[0]
    assert "Draft recommendation 24." in text
    assert draft_with_deadline.response_deadline is not None
    assert "Response due by" not in text
    assert "Awaiting response" not in text
    assert "Notes on completing this plan" in texts[-1]


def test_once_sent_the_same_plan_shows_its_deadline_and_what_awaits_a_response(
    client, officer, draft_with_deadline
):
    ActionPlan = type(draft_with_deadline)
    ActionPlan.objects.filter(pk=draft_with_deadline.pk).update(status="awaiting_response")
    text = " ".join(page_texts(fetch_pdf(client, officer, draft_with_deadline)))
    assert "DRAFT" not in text
    assert "Response due by 1 February 2027" in text
    assert "Awaiting response." in text
