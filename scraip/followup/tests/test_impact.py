"""The impact report: the figures the annual report to full Council asks for, worked out by the
database for a municipal year or every year, on a page, as CSV, as a tagged PDF and as Word."""

import csv
import datetime
import io

import docx
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from scraip.councils.tests.factories import (
    CommitteeFactory,
    OfficerFactory,
    PersonFactory,
    UserFactory,
)
from scraip.followup.impact import impact_report
from scraip.followup.models import Verdict
from scraip.followup.tests.factories import ProgressUpdateFactory, VerdictFactory
from scraip.plans.models import Response
from scraip.plans.tests.factories import (
    PartFactory,
    RecommendationFactory,
    ResponseFactory,
    SentActionPlanFactory,
)

pytestmark = pytest.mark.django_db

LATER = datetime.date(2027, 5, 1)  # after item A's target (March 2027) has passed


def main(response) -> str:
    """The page's own content, without the header and footer naming who is signed in."""
    return response.content.decode().split('id="main-content"')[1].split("</main>")[0]


@pytest.fixture
def history(followed, authority, committee, portfolio_b, cabinet_b):
    """This year's plan (A accepted, A (ii) rejected, G accepted and closed in January 2027),
    and a plan of 2024/25 with one recommendation answered late and one awaiting."""
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first, status="implemented")
    VerdictFactory(subject=followed.item_g, meeting=followed.meeting, verdict=Verdict.Kind.CLOSED)
    old = SentActionPlanFactory(
        authority=authority,
        committee=committee,
        title="Review of Parking",
        publication_date=datetime.date(2024, 6, 3),
        received_on=datetime.date(2024, 7, 1),
        response_deadline=datetime.date(2024, 9, 1),
    )
    late = PartFactory(recommendation=RecommendationFactory(action_plan=old, portfolio=portfolio_b))
    ResponseFactory(
        part=late,
        decision=Response.Decision.PARTIALLY_ACCEPTED,
        responded_by=cabinet_b.person,
        responded_on=datetime.date(2024, 10, 1),  # the deadline was 1 September 2024
    )
    PartFactory(recommendation=RecommendationFactory(action_plan=old, portfolio=portfolio_b))
    return followed


def test_every_year_counts_decisions_timeliness_closure_and_what_is_overdue(history, authority):
    report = impact_report(authority, today=LATER)
    total = report.total
    assert (total.made, total.accepted, total.partially_accepted, total.rejected) == (5, 2, 1, 1)
    assert (total.awaiting, total.accepted_share, total.rejected_share) == (1, "40%", "20%")
    assert (total.answered_in_time, total.answered, total.in_time_share) == (3, 4, "75%")
    assert (total.followed, total.closed, total.still_open, total.overdue) == (3, 1, 2, 2)
    assert total.closed_share == "33%"
    assert report.median_months_to_close is not None and report.median_months_to_close > 0
    assert report.median_days_to_answer is not None
    assert [(rates.label, rates.made) for rates in report.by_year] == [
        ("2024/25", 2),
        ("2026/27", 3),
    ]
    portfolios = {rates.label: rates for rates in report.by_portfolio}
    assert portfolios["Cabinet Member for Corporate Services"].made == 3
    assert portfolios["Leader of the Council"].overdue == 1  # A, past March 2027
    (committee,) = report.by_committee
    assert committee.made == 5


def test_a_municipal_year_counts_its_own_plans_and_the_years_table_all(history, authority):
    report = impact_report(authority, year=2024, today=LATER)
    assert report.scope == "2024/25"
    total = report.total
    assert (total.made, total.partially_accepted, total.answered_in_time) == (2, 1, 0)
    assert report.median_days_to_answer == 92  # 1 July to 1 October 2024
    assert len(report.by_year) == 2


def test_the_page_shows_the_figures_chart_and_links_to_every_format(
    client, councillor, history, authority
):
    client.force_login(councillor)
    plans = client.get(reverse("plans:plan_list")).content.decode()
    url = reverse("followup:impact", args=[authority.pk])
    assert url in plans
    page = client.get(url, {"year": "2024"}).content.decode()
    assert "Impact report: 2024/25" in page
    assert '<option value="2024" selected>2024/25</option>' in page
    assert 'role="img"' in page and "The cabinet&#x27;s decisions, 2024/25" in page
    for route in ("impact_pdf", "impact_docx", "impact_csv"):
        assert f"{reverse(f'followup:{route}', args=[authority.pk])}?year=2024" in page
    # A year the council sent no plan in reads as every year, never an error.
    assert "Impact report: All years" in client.get(url, {"year": "1999"}).content.decode()
    assert client.get(url, {"year": "20x4"}).status_code == 200


def test_the_numbers_download_as_csv_read_back(client, officer, history, authority):
    client.force_login(officer)
    response = client.get(reverse("followup:impact_csv", args=[authority.pk]))
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    total = next(row for row in rows if row["Breakdown"] == "Total")
    assert total["Council"] == authority.name and total["Covering"] == "All years"
    assert total["Recommendations made"] == "5" and total["Accepted (share)"] == "40%"
    assert [row["Row"] for row in rows if row["Breakdown"] == "By municipal year"] == [
        "2024/25",
        "2026/27",
    ]


def test_the_pdf_is_tagged_and_the_word_copy_has_the_tables(client, officer, history, authority):
    client.force_login(officer)
    pdf = client.get(reverse("followup:impact_pdf", args=[authority.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Impact report: Maidstone Borough Council, All years" in text
    assert "Across municipal years" in text and "2024/25" in text
    assert "/StructTreeRoot" in reader.trailer["/Root"]

    word = client.get(reverse("followup:impact_docx", args=[authority.pk]))
    document = docx.Document(io.BytesIO(word.content))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["Across municipal years", "By committee", "By cabinet portfolio"]
    years = document.tables[0]
    assert [cell.text for cell in years.rows[1].cells][:3] == ["2024/25", "2", "0 (0%)"]


def test_another_councils_people_find_no_report(client, other_authority, history, authority):
    outsider = UserFactory(username="outsider")
    OfficerFactory(authority=other_authority, user=outsider, in_scrutiny_team=True)
    client.force_login(outsider)
    for route in ("impact", "impact_pdf", "impact_docx", "impact_csv"):
        assert client.get(reverse(f"followup:{route}", args=[authority.pk])).status_code == 404


@pytest.mark.parametrize("extra_plans", [0, 12])
def test_the_report_reads_in_the_same_queries_whatever_the_history(
    client,
    officer,
    history,
    authority,
    committee,
    portfolio_a,
    extra_plans,
    django_assert_max_num_queries,
):
    for number in range(extra_plans):
        plan = SentActionPlanFactory(
            authority=authority,
            committee=committee,
            title=f"Review {number}",
            publication_date=datetime.date(2015 + number % 10, 6, 1),
        )
        part = PartFactory(
            recommendation=RecommendationFactory(action_plan=plan, portfolio=portfolio_a)
        )
        ResponseFactory(part=part)
    client.force_login(officer)
    # Six for every signed-in page; the person; the council; the years; the counts by year,
    # committee and portfolio at once (two: answers, and where the followed items stand); the
    # two medians (one each). One year adds the counts of every year, for its table across years.
    url = reverse("followup:impact", args=[authority.pk])
    with django_assert_max_num_queries(13):
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(url, {"year": "2024"}).status_code == 200


def test_the_tables_add_up_to_the_totals(history, authority):
    """The totals and every table are the same items counted once, grouped three ways."""
    for year in (None, 2024):
        report = impact_report(authority, year)
        for rows in (report.by_committee, report.by_portfolio):
            for field in ("made", "accepted", "rejected", "followed", "closed", "overdue"):
                assert sum(getattr(row, field) for row in rows) == getattr(report.total, field)
    every_year = impact_report(authority)
    assert [row.label for row in impact_report(authority, 2024).by_year] == [
        row.label for row in every_year.by_year
    ]
    assert every_year.total.made == sum(row.made for row in every_year.by_year) == 5


def test_the_network_compares_only_the_councils_that_share(
    client, councillor, history, authority, other_authority
):
    # Swale shares; Maidstone has not chosen to yet.
    other_authority.compares_impact = True
    other_authority.save()
    swale_plan = SentActionPlanFactory(
        authority=other_authority,
        committee=CommitteeFactory(authority=other_authority),
        publication_date=datetime.date(2024, 6, 3),
    )
    ResponseFactory(part=PartFactory(recommendation=RecommendationFactory(action_plan=swale_plan)))
    client.force_login(councillor)
    url = reverse("followup:impact_network")
    page = main(client.get(url))
    assert "Swale Borough Council" in page and "Maidstone Borough Council" not in page
    assert 'role="img"' in page

    # Maidstone's administrator chooses to share, on its settings page.
    council_admin = UserFactory(username="setup")
    PersonFactory(user=council_admin, authority=authority, is_council_admin=True)
    client.force_login(council_admin)
    settings_url = reverse("councils:authority_settings", args=[authority.pk])
    form = client.get(settings_url).context["form"]
    posted = {name: value for name, value in form.initial.items() if value not in (None, False)}
    client.post(settings_url, {**posted, "compares_impact": "on"})
    authority.refresh_from_db()
    assert authority.compares_impact
    client.force_login(councillor)
    page = main(client.get(url, {"year": "2024"}))
    assert "Impact across the network: 2024/25" in page
    assert "Swale Borough Council" in page and "Maidstone Borough Council" in page


def test_the_median_is_the_middle_answer_or_the_mean_of_the_two_middle_ones(authority, committee):
    """Answered 10, 20, 20 and 40 days after the cabinet received the report: the middle two
    are 20 and 20; a fifth answer after 50 days leaves 20 in the middle; a sixth after 60
    makes it the mean of 20 and 40."""
    received = datetime.date(2024, 6, 3)

    def answered_after(days: int) -> None:
        plan = SentActionPlanFactory(
            authority=authority,
            committee=committee,
            publication_date=datetime.date(2024, 6, 1),
            received_on=received,
            response_deadline=datetime.date(2024, 8, 3),
        )
        ResponseFactory(
            part=PartFactory(recommendation=RecommendationFactory(action_plan=plan)),
            responded_on=received + datetime.timedelta(days=days),
        )

    for days in (40, 10, 20, 20):
        answered_after(days)
    assert impact_report(authority).median_days_to_answer == 20
    answered_after(50)
    assert impact_report(authority).median_days_to_answer == 20
    answered_after(60)
    assert impact_report(authority).median_days_to_answer == 30


def test_the_report_reads_the_kept_rows_and_joins_no_record(history, authority):
    """Every query of the report reads the items' kept rows (models.facts.PartFacts) and joins
    none of the records they copy: no recommendation, part, plan, response or kept state."""
    for year in (None, 2024):
        with CaptureQueriesContext(connection) as queries:
            report = impact_report(authority, year)
        assert report.total.made and report.median_days_to_answer is not None
        assert len(queries) == (3 if year is None else 4)  # counts, two medians; every year
        for query in queries:
            assert 'FROM "followup_partfacts"' in query["sql"]
            for table in RECORD_TABLES:
                assert f'"{table}"' not in query["sql"]


RECORD_TABLES = (
    "plans_recommendationpart",
    "plans_recommendation",
    "plans_actionplan",
    "plans_response",
    "followup_itemstate",
)
