"""Every report prints through templates/pdf/base.html, read back from the PDF as a reader sees it.

The five reports (action plan, update pack, scoping report, partnership profile and register) each
get a long table here, so that it runs over pages: every page then carries the report's title at
the top, "Page X of Y" at the foot and the table's header row; a document that is not final is
marked DRAFT on every page.
"""

import io
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.template.loader_tags import ExtendsNode
from django.urls import reverse
from pypdf import PdfReader

from partnerships.models import Answer, DefinitionAnswer, Partnership
from partnerships.tests.factories import (
    ContributionFactory,
    PartnershipFactory,
    RiskFactory,
    qualifying,
)
from reviews.models import Review
from reviews.tests.factories import CostItemFactory, ReviewFactory
from scraip.plans.models import ActionPlan, Response
from scraip.plans.tests.factories import PartFactory, RecommendationFactory, ResponseFactory

pytestmark = pytest.mark.django_db

# About 330 characters: in a narrow column a row of it takes a fifth of a page or more.
FILLER = "The review group heard evidence from partners across the borough. " * 5


@dataclass
class Report:
    """A report to print: who prints it, where, and what its pages must carry."""

    url: str
    user: object
    record: object  # the row whose state decides whether the document is final
    title: str  # the document's <title>, so the PDF's title
    running_title: str  # the header at the top of every page
    table_header: str  # the long table's header row, as text
    row_text: str  # found in every row of the long table


def fetch_pdf(client, report: Report) -> PdfReader:
    client.force_login(report.user)
    response = client.get(report.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    return PdfReader(io.BytesIO(response.content))


def page_texts(reader: PdfReader) -> list[str]:
    """Each page's text with runs of whitespace made single, as narrow cells wrap words."""
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_every_pdf_template_extends_the_base():
    """Each report under templates/<app>/pdf/ prints through pdf/base.html."""
    templates = Path(settings.BASE_DIR) / "templates"
    names = [str(path.relative_to(templates)) for path in templates.glob("*/pdf/*.html")]
    assert len(names) >= 5
    for name in names:
        extends = get_template(name).template.nodelist.get_nodes_by_type(ExtendsNode)
        assert extends, f"{name} extends no base"
        assert extends[0].parent_name.var == "pdf/base.html", name


# One fixture per report, each in its final state with a table running over several pages.


@pytest.fixture
def plan_report(officer, plan, portfolio_a):
    """The conftest plan, sent to the cabinet, with twelve long recommendations."""
    for number in range(1, 13):
        recommendation = RecommendationFactory(
            action_plan=plan,
            letter=f"L{number:02}",
            position=number,
            portfolio=portfolio_a,
            text=f"Long recommendation {number}. {FILLER}",
        )
        PartFactory(recommendation=recommendation)
    return Report(
        url=reverse("plans:plan_pdf", args=[plan.pk]),
        user=officer,
        record=plan,
        title="SCRAIP: Review of Partnerships",
        running_title="SCRAIP: Review of Partnerships",
        table_header="Recommendation Cabinet member Response Timetable Lead officer",
        row_text="Long recommendation",
    )


@pytest.fixture
def pack_report(officer, followed, portfolio_a, cabinet_a, lead_officer_person):
    """The meeting of the `followed` plan with ten more long items due at it."""
    for number in range(1, 11):
        recommendation = RecommendationFactory(
            action_plan=followed.plan,
            letter=f"L{number:02}",
            position=10 + number,
            portfolio=portfolio_a,
            text=f"Long item {number}. {FILLER}End of item {number}.",
        )
        ResponseFactory(
            part=PartFactory(recommendation=recommendation),
            decision=Response.Decision.ACCEPTED,
            lead_officer=lead_officer_person,
            responded_by=cabinet_a.person,
            entered_by=cabinet_a,
        )
    meeting = followed.meeting
    meeting_name = "Strategic Leadership Overview and Scrutiny Committee, 14 January 2027"
    return Report(
        url=reverse("followup:meeting_pack_pdf", args=[meeting.pk]),
        user=officer,
        record=meeting,
        title=f"Update pack: {meeting_name}",
        running_title=f"SCRAIP: {meeting_name}",
        table_header=(
            "Recommendation and response Progress: self-reported, the committee's view, the "
            "latest update and what changed"
        ),
        row_text="Long item",
    )


@pytest.fixture
def review_report(officer, authority):
    """A review of the conftest council gathering evidence (its scope agreed), thirty costs."""
    review = ReviewFactory(
        lead_authority=authority,
        title="Review of Shared Services",
        status=Review.Status.GATHERING_EVIDENCE,
    )
    for number in range(1, 31):
        CostItemFactory(
            review=review,
            activity=f"Cost line {number:02}",
            support_days=Decimal("1"),
            position=number,
            comments="Officer time to arrange and minute the session, and to follow it up.",
        )
    return Report(
        url=reverse("reviews:scoping_pdf", args=[review.pk]),
        user=officer,
        record=review,
        title="Scoping report: Review of Shared Services",
        running_title="Scoping report: Review of Shared Services",
        table_header="Activity Support time Cost Paid by Comments",
        row_text="Cost line",
    )


@pytest.fixture
def profile_report(councillor, authority, lead_officer_person):
    """A partnership on the public register (published, meeting the definition), 25 risks."""
    partnership = qualifying(
        PartnershipFactory(
            authority=authority,
            name="West Kent Health Partnership",
            lead_officer=lead_officer_person,
        ),
        publish=True,
    )
    for number in range(1, 26):
        RiskFactory(
            partnership=partnership,
            description=f"Risk line {number:02}: funding may end before the work is done.",
            mitigation="Agree an exit plan with the partners a year ahead.",
            owner=lead_officer_person,
        )
    return Report(
        url=reverse("partnerships:pdf", args=[partnership.pk]),
        user=councillor,
        record=partnership,
        title="Partnership profile: West Kent Health Partnership",
        running_title="Partnership register: West Kent Health Partnership",
        table_header="Risk Likelihood Impact Score Mitigation Owner",
        row_text="Risk line",
    )


@pytest.fixture
def register_report(councillor, authority):
    """Thirty partnerships on the council's register."""
    for number in range(30):
        partnership = qualifying(
            PartnershipFactory(authority=authority, name=f"Register line {number:02}")
        )
        ContributionFactory(partnership=partnership, year=2024)
    return Report(
        url=reverse("partnerships:register_pdf"),
        user=councillor,
        record=authority,
        title="Partnership register: Maidstone Borough Council",
        running_title="Partnership register: Maidstone Borough Council",
        table_header=(
            "Priority Partnership Partners Lead officer Officer time Councillor time Money "
            "Next review"
        ),
        row_text="Register line",
    )


REPORTS = ["plan_report", "pack_report", "review_report", "profile_report", "register_report"]


@pytest.mark.parametrize("report_fixture", REPORTS)
def test_every_page_carries_the_title_page_x_of_y_and_the_table_header(
    request, client, report_fixture
):
    report = request.getfixturevalue(report_fixture)
    texts = page_texts(fetch_pdf(client, report))
    for number, text in enumerate(texts, start=1):
        assert report.running_title in text, f"no running title on page {number}"
        assert f"Page {number} of {len(texts)}" in text
    pages_with_rows = [n for n, text in enumerate(texts, start=1) if report.row_text in text]
    assert len(pages_with_rows) > 1, "the long table fits on one page"
    for number in pages_with_rows:
        assert report.table_header in texts[number - 1], f"no table header on page {number}"


def test_a_row_is_never_split_across_pages(client, pack_report):
    """The update pack's rows are tall: each moves whole to the next page rather than split."""
    texts = page_texts(fetch_pdf(client, pack_report))
    for number in range(1, 11):
        starts = [n for n, text in enumerate(texts) if f"Long item {number}." in text]
        ends = [n for n, text in enumerate(texts) if f"End of item {number}." in text]
        assert len(starts) == 1 and starts == ends, f"item {number} split"


@pytest.mark.parametrize("report_fixture", REPORTS)
def test_the_pdf_is_pdf_ua_1_in_british_english_with_its_title(request, client, report_fixture):
    report = request.getfixturevalue(report_fixture)
    reader = fetch_pdf(client, report)
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "en-GB"
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert "/StructTreeRoot" in catalog
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == report.title
    assert 'pdfuaid:part="1"' in reader.xmp_metadata.stream.get_data().decode()


@pytest.mark.parametrize("report_fixture", REPORTS)
def test_a_final_document_carries_no_draft_marking(request, client, report_fixture):
    """A sent plan, the update pack, a review whose scope is agreed, a partnership on the
    public register, and the register itself."""
    report = request.getfixturevalue(report_fixture)
    texts = page_texts(fetch_pdf(client, report))
    assert not any("DRAFT" in text for text in texts)


def make_draft_plan(plan):
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.DRAFT)


def make_proposed_review(review):
    Review.objects.filter(pk=review.pk).update(status=Review.Status.PROPOSED)


def make_scoping_review(review):
    Review.objects.filter(pk=review.pk).update(status=Review.Status.SCOPING)


def unpublish(partnership):
    Partnership.objects.filter(pk=partnership.pk).update(published_at=None)


@pytest.mark.parametrize(
    ("report_fixture", "make_draft"),
    [
        ("plan_report", make_draft_plan),
        ("review_report", make_proposed_review),
        ("review_report", make_scoping_review),
        ("profile_report", unpublish),
    ],
)
def test_a_document_not_yet_final_is_marked_draft_on_every_page(
    request, client, report_fixture, make_draft
):
    report = request.getfixturevalue(report_fixture)
    make_draft(report.record)
    texts = page_texts(fetch_pdf(client, report))
    assert len(texts) > 1
    for number, text in enumerate(texts, start=1):
        assert "DRAFT" in text, f"no DRAFT marking on page {number}"
        assert report.running_title in text
    # Said in the text too, where screen readers (which skip the page margins) read it.
    assert "DRAFT: this document is not final." in texts[0]


def test_a_published_partnership_off_the_register_is_still_a_draft(client, profile_report):
    """Published but no longer meeting the definition: the public register does not show it."""
    DefinitionAnswer.objects.filter(partnership=profile_report.record).update(answer=Answer.NO)
    texts = page_texts(fetch_pdf(client, profile_report))
    assert all("DRAFT" in text for text in texts)


def test_headings_never_break_inside_a_word(client, councillor, authority):
    """Headings are never hyphenated: the register's narrow columns keep their headings whole,
    and a long name wraps between words in the profile's heading."""
    name = "Intergenerational Neighbourhood Regeneration and Accountability Partnership"
    partnership = qualifying(PartnershipFactory(authority=authority, name=name), publish=True)
    client.force_login(councillor)
    register = PdfReader(io.BytesIO(client.get(reverse("partnerships:register_pdf")).content))
    assert (
        "Priority Partnership Partners Lead officer Officer time Councillor time Money Next review"
        in page_texts(register)[0]
    )
    profile = client.get(reverse("partnerships:pdf", args=[partnership.pk]))
    text = " ".join(page_texts(PdfReader(io.BytesIO(profile.content))))
    assert f"Partnership profile: {name}" in text
