"""The Django admin refuses what a partnership's row pages refuse: each rule is the model's
clean() (and, where it can be, a database constraint), which the admin's forms run as the
pages' forms do. Nothing refused is saved."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from partnerships.models import (
    AnnualReport,
    Benefit,
    CommitteeReview,
    Contribution,
    Outcome,
    Representative,
    Risk,
)
from scraip.common.tests.files import MINIMAL_PDF
from scraip.councils.tests.factories import CommitteeFactory, MeetingFactory, OfficerFactory

from .factories import AnnualReportFactory, OutcomeFactory, RepresentativeFactory

pytestmark = pytest.mark.django_db


def messages_of(response) -> list[str]:
    """Every error the admin's form shows, unescaped."""
    form = response.context["adminform"].form
    return [message for errors in form.errors.values() for message in errors]


def add(admin_client, model, data):
    url = reverse(f"admin:partnerships_{model._meta.model_name}_add")
    return admin_client.post(url, {**data, "_save": "Save"})


def money(partnership, **changes):
    return {
        "partnership": partnership.pk,
        "year": "2024",
        "kind": "money",
        "amount": "500",
        "unit": "pounds",
        "note": "",
        **changes,
    }


def test_the_admin_records_a_contribution_the_page_would(admin_client, partnership):
    response = add(admin_client, Contribution, money(partnership))
    assert response.status_code == 302
    assert Contribution.objects.get().amount == 500


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"unit": "hours"}, "Give money in pounds"),
        ({"kind": "officer_time", "unit": "pounds"}, "Give time in hours or days"),
        ({"amount": "-5"}, "The amount cannot be negative"),
        ({"year": "2027"}, "2027/28 has not started yet"),
        ({"year": "1985"}, "Enter a year from 1990 on"),
    ],
)
def test_the_admin_refuses_a_contribution_the_page_refuses(
    admin_client, partnership, changes, message
):
    response = add(admin_client, Contribution, money(partnership, **changes))
    assert any(text.startswith(message) for text in messages_of(response))
    assert not Contribution.objects.exists()


def test_the_admin_refuses_money_given_by_one_person(admin_client, partnership, councillor):
    response = add(admin_client, Contribution, money(partnership, person=councillor.person.pk))
    assert "Money is given by the council: leave this as “In total”" in messages_of(response)
    assert not Contribution.objects.exists()


def test_the_admin_refuses_officer_time_given_by_a_councillor(
    admin_client, partnership, councillor
):
    data = money(partnership, kind="officer_time", unit="hours", person=councillor.person.pk)
    response = add(admin_client, Contribution, data)
    assert any("Carol Councillor is not an officer" in m for m in messages_of(response))
    assert not Contribution.objects.exists()


def test_the_admin_refuses_time_given_by_someone_of_another_council(
    admin_client, partnership, other_authority
):
    stranger = OfficerFactory(authority=other_authority, name="Sam Stranger")
    data = money(partnership, kind="officer_time", unit="hours", person=stranger.pk)
    response = add(admin_client, Contribution, data)
    assert (
        "Sam Stranger is not a councillor or officer of the partnership's council"
        in messages_of(response)
    )
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"measure": "Homes insulated"}, "Enter the value of the measure"),
        ({"value": "40"}, "Say what the value counts"),
        ({"unit": "homes"}, "Say what the value counts"),
    ],
)
def test_the_admin_refuses_a_half_measured_benefit(admin_client, partnership, changes, message):
    data = {"partnership": partnership.pk, "year": "2024", "description": "Warmer homes"}
    response = add(admin_client, Benefit, {**data, **changes})
    assert message in messages_of(response)
    assert not Benefit.objects.exists()


def test_the_admin_refuses_a_representative_listed_twice(admin_client, partnership, councillor):
    RepresentativeFactory(partnership=partnership, person=councillor.person)
    data = {"partnership": partnership.pk, "person": councillor.person.pk, "role": "Substitute"}
    response = add(admin_client, Representative, data)
    assert any(
        "Carol Councillor is already listed as a representative" in m for m in messages_of(response)
    )
    assert Representative.objects.count() == 1


def test_the_admin_refuses_a_second_annual_report_for_a_year(admin_client, partnership):
    AnnualReportFactory(partnership=partnership, year=2024)
    upload = SimpleUploadedFile("report.pdf", MINIMAL_PDF, content_type="application/pdf")
    data = {"partnership": partnership.pk, "year": "2024", "title": "Again", "file": upload}
    response = add(admin_client, AnnualReport, data)
    assert (
        "There is already an annual report for 2024/25. Remove it first if this one replaces it."
        in messages_of(response)
    )
    assert AnnualReport.objects.count() == 1


def test_the_admin_uploads_an_annual_report_as_the_page_does(admin_client, partnership):
    upload = SimpleUploadedFile("report.pdf", MINIMAL_PDF, content_type="application/pdf")
    data = {"partnership": partnership.pk, "year": "2024", "title": "Report", "file": upload}
    assert add(admin_client, AnnualReport, data).status_code == 302
    report = AnnualReport.objects.get()
    assert (report.original_name, report.uploaded_by.is_superuser) == ("report.pdf", True)


def risk(partnership, **changes):
    return {
        "partnership": partnership.pk,
        "description": "Funding ends",
        "likelihood": "3",
        "impact": "3",
        "mitigation": "",
        "corporate_reference": "",
        **changes,
    }


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"likelihood": "6"}, "Likelihood must be from 1 (rare) to 5 (almost certain)"),
        ({"likelihood": "0"}, "Likelihood must be from 1 (rare) to 5 (almost certain)"),
        ({"impact": "9"}, "Impact must be from 1 (negligible) to 5 (severe)"),
        (
            {"corporate_reference": "CR12"},
            "Tick this box if the risk has a corporate risk register reference",
        ),
    ],
)
def test_the_admin_refuses_a_risk_the_page_refuses(admin_client, partnership, changes, message):
    response = add(admin_client, Risk, risk(partnership, **changes))
    assert message in messages_of(response)
    assert not Risk.objects.exists()


def review(partnership, **changes):
    return {
        "partnership": partnership.pk,
        "considered_on": "2026-06-03",
        "summary": "Progress is good.",
        "next_review_due": "",
        **changes,
    }


def test_the_admin_records_a_committee_review_as_the_page_does(admin_client, partnership):
    assert add(admin_client, CommitteeReview, review(partnership)).status_code == 302
    partnership.refresh_from_db()
    # The council's usual six months after it, and the partnership's next review moves too.
    assert CommitteeReview.objects.get().next_review_due == datetime.date(2026, 12, 3)
    assert partnership.next_review_due == datetime.date(2026, 12, 3)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"considered_on": "2026-11-24"},
            "The date the committee considered it must be today or earlier",
        ),
        ({"next_review_due": "2026-06-03"}, "The next review must come after this one"),
    ],
)
def test_the_admin_refuses_a_committee_review_the_page_refuses(
    admin_client, partnership, changes, message
):
    response = add(admin_client, CommitteeReview, review(partnership, **changes))
    assert message in messages_of(response)
    assert not CommitteeReview.objects.exists()


def test_the_admin_refuses_a_meeting_held_on_another_day(admin_client, partnership, authority):
    meeting = MeetingFactory(
        committee=CommitteeFactory(authority=authority), date=datetime.date(2026, 6, 10)
    )
    response = add(admin_client, CommitteeReview, review(partnership, meeting=meeting.pk))
    assert "That meeting was on 10 June 2026, not the date above" in messages_of(response)
    assert not CommitteeReview.objects.exists()


def test_the_admin_does_not_move_a_target_date_without_a_reason(admin_client, partnership):
    outcome = OutcomeFactory(partnership=partnership, target_date=datetime.date(2027, 3, 1))
    url = reverse("admin:partnerships_outcome_change", args=[outcome.pk])
    admin_client.post(
        url,
        {
            "partnership": partnership.pk,
            "kind": "outcome",
            "description": outcome.description,
            "measure": "",
            "target_date": "2028-01-01",
            "target_precision": "day",
            "position": "0",
            "_save": "Save",
        },
    )
    assert Outcome.objects.get().target_date == datetime.date(2027, 3, 1)


def test_the_admin_cannot_hard_delete_a_row(admin_client, partnership):
    report = AnnualReportFactory(partnership=partnership)
    url = reverse("admin:partnerships_annualreport_delete", args=[report.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert AnnualReport.objects.filter(pk=report.pk).exists()
