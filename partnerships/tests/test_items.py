"""A partnership's rows, each added on its own page: bad input gets a clear message and keeps
what was typed; nothing is lost."""

import datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import (
    AnnualReport,
    Benefit,
    CommitteeReview,
    Contribution,
    Outcome,
    Partner,
    Representative,
    Risk,
    current_financial_year,
    financial_year_label,
)
from reviews.tests.factories import ReviewFactory
from scraip.common.tests.files import MINIMAL_PDF
from scraip.plans.models import ReportBack

from .factories import CommitteeReviewFactory, RiskFactory

pytestmark = pytest.mark.django_db


def add(client, partnership, kind, data, **extra):
    url = reverse("partnerships:item_add", args=[partnership.pk, kind])
    return client.post(url, {"loaded_version": "", **data}, **extra)


@pytest.fixture
def signed_in(client, officer):
    client.force_login(officer)
    return client


def test_partner_and_representative_are_recorded(signed_in, partnership, councillor):
    response = add(
        signed_in,
        partnership,
        "partner",
        {"organisation": "Kent Police", "sector": "public", "role": "Co-chair"},
    )
    assert response.status_code == 302
    assert Partner.objects.get(partnership=partnership).organisation == "Kent Police"
    add(signed_in, partnership, "representative", {"person": councillor.person.pk, "role": "Board"})
    assert Representative.objects.get(partnership=partnership).person == councillor.person
    again = add(
        signed_in, partnership, "representative", {"person": councillor.person.pk, "role": "Sub"}
    )
    assert "Carol Councillor is already listed as a representative" in again.content.decode()


def test_negative_money_is_refused_with_the_rest_kept(signed_in, partnership):
    response = add(
        signed_in,
        partnership,
        "contribution",
        {"year": "2024/25", "kind": "money", "amount": "-50", "unit": "pounds", "note": "Grant"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The amount cannot be negative" in page
    assert 'value="Grant"' in page
    assert not Contribution.objects.exists()


def test_negative_hours_are_refused(signed_in, partnership):
    response = add(
        signed_in,
        partnership,
        "contribution",
        {"year": "2024/25", "kind": "officer_time", "amount": "-3", "unit": "hours"},
    )
    assert "The amount cannot be negative" in response.content.decode()


def test_a_future_year_is_refused(signed_in, partnership):
    future = current_financial_year() + 1
    response = add(
        signed_in,
        partnership,
        "contribution",
        {"year": financial_year_label(future), "kind": "money", "amount": "5", "unit": "pounds"},
    )
    assert f"{financial_year_label(future)} has not started yet" in response.content.decode()
    assert not Contribution.objects.exists()


def test_time_by_a_person_is_recorded_in_days(signed_in, partnership, lead_officer_person):
    response = add(
        signed_in,
        partnership,
        "contribution",
        {
            "year": "2024/25",
            "kind": "officer_time",
            "person": lead_officer_person.pk,
            "amount": "3.5",
            "unit": "days",
        },
    )
    assert response.status_code == 302
    contribution = Contribution.objects.get()
    assert (contribution.year, contribution.amount, contribution.person) == (
        2024,
        Decimal("3.5"),
        lead_officer_person,
    )


def test_money_must_be_in_pounds(signed_in, partnership):
    response = add(
        signed_in,
        partnership,
        "contribution",
        {"year": "2024/25", "kind": "money", "amount": "5", "unit": "hours"},
    )
    assert "Give money in pounds" in response.content.decode()


def test_benefits_in_words_and_in_figures(signed_in, partnership):
    add(signed_in, partnership, "benefit", {"year": "2024/25", "description": "Safer streets"})
    add(
        signed_in,
        partnership,
        "benefit",
        {
            "year": "2024/25",
            "description": "Homes insulated",
            "measure": "Homes insulated",
            "value": "120",
            "unit": "homes",
        },
    )
    words, figures = Benefit.objects.order_by("pk")
    assert not words.is_quantitative
    assert figures.value_display == "120 homes"
    half = add(
        signed_in,
        partnership,
        "benefit",
        {"year": "2024/25", "description": "x", "measure": "Trees"},
    )
    assert "Enter the value of the measure" in half.content.decode()


def test_an_annual_report_is_uploaded_per_year(signed_in, partnership, officer):
    upload = SimpleUploadedFile("report.pdf", MINIMAL_PDF, content_type="application/pdf")
    response = add(
        signed_in,
        partnership,
        "report",
        {"year": "2024/25", "title": "Annual report 2024/25", "file": upload},
    )
    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert (report.year, report.original_name, report.uploaded_by) == (2024, "report.pdf", officer)
    download = signed_in.get(reverse("partnerships:report_download", args=[report.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    second = SimpleUploadedFile("again.pdf", MINIMAL_PDF, content_type="application/pdf")
    again = add(signed_in, partnership, "report", {"year": "2024/25", "title": "B", "file": second})
    assert "There is already an annual report for 2024/25" in again.content.decode()


def test_an_upload_that_is_not_what_it_claims_is_refused(signed_in, partnership):
    fake = SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = add(
        signed_in, partnership, "report", {"year": "2024/25", "title": "Report", "file": fake}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert 'value="Report"' in page
    assert not AnnualReport.objects.exists()


@pytest.mark.parametrize(("likelihood", "impact"), [("0", "3"), ("6", "3"), ("3", "9"), ("x", "3")])
def test_a_risk_score_out_of_range_is_refused(signed_in, partnership, likelihood, impact):
    response = add(
        signed_in,
        partnership,
        "risk",
        {"description": "Funding ends", "likelihood": likelihood, "impact": impact},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "from 1" in page and "to 5" in page
    assert "Funding ends" in page
    assert not Risk.objects.exists()


def test_flagged_risks_are_listed_for_the_corporate_register(signed_in, partnership):
    add(
        signed_in,
        partnership,
        "risk",
        {
            "description": "A partner withdraws",
            "likelihood": "4",
            "impact": "5",
            "on_corporate_register": "on",
            "corporate_reference": "CR12",
        },
    )
    RiskFactory(partnership=partnership, description="Minor delay")
    risk = Risk.objects.get(on_corporate_register=True)
    assert (risk.score, risk.rating) == (20, "High")
    page = signed_in.get(reverse("partnerships:corporate_risks")).content.decode()
    assert "A partner withdraws" in page and "CR12" in page
    assert "Minor delay" not in page


def test_a_committee_review_sets_the_next_review_date(signed_in, partnership):
    response = add(
        signed_in,
        partnership,
        "review",
        {
            "considered_on_0": "3",
            "considered_on_1": "6",
            "considered_on_2": "2026",
            "summary": "Progress is good.",
        },
    )
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert CommitteeReview.objects.get().considered_on == datetime.date(2026, 6, 3)
    # The council's usual six months after the review.
    assert partnership.next_review_due == datetime.date(2026, 12, 3)


def test_removing_a_row_can_be_undone(signed_in, partnership):
    risk = RiskFactory(partnership=partnership)
    signed_in.post(reverse("partnerships:item_delete", args=["risk", risk.pk]))
    assert not Risk.objects.filter(pk=risk.pk).exists()
    signed_in.post(reverse("partnerships:item_restore", args=["risk", risk.pk]))
    assert Risk.objects.filter(pk=risk.pk).exists()


def test_a_later_review_moves_the_due_date_and_removing_it_moves_it_back(signed_in, partnership):
    CommitteeReviewFactory(partnership=partnership, next_review_due=datetime.date(2026, 12, 1))
    later = CommitteeReviewFactory(
        partnership=partnership,
        considered_on=datetime.date(2026, 9, 1),
        next_review_due=datetime.date(2027, 3, 1),
    )
    signed_in.post(reverse("partnerships:item_delete", args=["review", later.pk]))
    partnership.refresh_from_db()
    assert partnership.next_review_due == datetime.date(2026, 12, 1)


def test_a_committee_review_links_where_it_was_considered(signed_in, partnership, plan, authority):
    report_back = ReportBack.objects.create(
        action_plan=plan, sequence=1, due_on=datetime.date(2026, 6, 3)
    )
    review = ReviewFactory(lead_authority=authority, title="Review of Health Partnerships")
    response = add(
        signed_in,
        partnership,
        "review",
        {
            "considered_on_0": "3",
            "considered_on_1": "6",
            "considered_on_2": "2026",
            "report_back": report_back.pk,
            "review": review.pk,
            "summary": "Considered with the SCRAIP's first update.",
        },
    )
    assert response.status_code == 302
    page = signed_in.get(partnership.get_absolute_url()).content.decode()
    assert reverse("reviews:summary", args=[review.pk]) in page
    assert f"{plan.get_absolute_url()}#report-backs" in page


def test_an_outcomes_target_can_be_a_span_of_months(signed_in, partnership):
    response = add(
        signed_in,
        partnership,
        "outcome",
        {"kind": "outcome", "description": "Homes insulated", "target": "Winter 2027/28"},
    )
    assert response.status_code == 302
    outcome = Outcome.objects.get(partnership=partnership)
    assert outcome.target_display == "Winter 2027/28"
    add(
        signed_in,
        partnership,
        "outcome",
        {"kind": "action", "description": "Survey homes", "target": "January–March 2027"},
    )
    survey = Outcome.objects.get(description="Survey homes")
    assert (survey.target_end, survey.target_display) == (
        datetime.date(2027, 3, 31),
        "January–March 2027",
    )
    page = signed_in.get(partnership.get_absolute_url()).content.decode()
    assert "January–March 2027" in page
