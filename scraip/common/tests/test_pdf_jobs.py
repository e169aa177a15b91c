"""Long PDFs are made in the background (scraip.common.pdfjobs), never in the request.

The threshold is lowered so that a small plan counts as long; the worker is run here, in the
test, as `manage.py run_pdf_jobs` would run it from cron, and the PDF is read back with pypdf.
"""

import datetime
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from scraip.common import pdfjobs
from scraip.common.models import PdfJob
from scraip.common.softdelete import restore, soft_delete
from scraip.plans.tests.factories import PartFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

LONG = 3  # items: a document with more is made in the background


@pytest.fixture(autouse=True)
def low_threshold(settings):
    settings.SCRAIP_PDF_BACKGROUND_ITEMS = LONG


@pytest.fixture
def long_plan(plan, portfolio_a):
    """The conftest plan with five recommendations: over the lowered threshold."""
    for number in range(1, 6):
        recommendation = RecommendationFactory(
            action_plan=plan,
            letter=f"L{number}",
            position=number,
            portfolio=portfolio_a,
            text=f"Long plan recommendation {number}.",
        )
        PartFactory(recommendation=recommendation)
    return plan


def ask(client, user, plan):
    client.force_login(user)
    return client.get(reverse("plans:plan_pdf", args=[plan.pk]))


def text_of(pdf: bytes) -> str:
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


def test_a_short_plan_is_printed_in_the_request(client, officer, plan, part_a):
    response = ask(client, officer, plan)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert not PdfJob.objects.exists()


def test_a_long_plan_is_queued_and_the_person_sent_to_its_progress_page(client, officer, long_plan):
    response = ask(client, officer, long_plan)
    job = PdfJob.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("plans:plan_pdf_job", args=[long_plan.pk, job.pk])
    assert (job.status, job.requested_by, job.items) == (PdfJob.Status.QUEUED, officer, 5)
    assert job.pdf == b""  # nothing printed in the request
    page = client.get(response.url)
    assert page.status_code == 200
    # The browser reloads the page by itself (no script: the CSP allows none).
    assert page["Refresh"] == str(pdfjobs.REFRESH_SECONDS)
    content = page.content.decode()
    assert "Waiting to be made" in content
    assert "refreshes itself every 5 seconds" in content
    assert "Download the PDF" not in content


def test_asking_again_while_it_waits_gives_the_same_job(client, officer, long_plan):
    first = ask(client, officer, long_plan)
    second = ask(client, officer, long_plan)
    assert first.url == second.url
    assert PdfJob.objects.count() == 1


def test_the_download_waits_for_the_worker_then_gives_the_tagged_pdf(client, officer, long_plan):
    progress_url = ask(client, officer, long_plan).url
    job = PdfJob.objects.get()
    download_url = reverse("plans:plan_pdf_download", args=[long_plan.pk, job.pk])
    assert client.get(download_url).url == progress_url  # not ready yet

    out = StringIO()
    call_command("run_pdf_jobs", stdout=out)
    assert "Made 1 PDF." in out.getvalue()

    page = client.get(progress_url)
    assert "Refresh" not in page
    assert "Your PDF is ready" in page.content.decode()
    assert download_url in page.content.decode()
    pdf = client.get(download_url)
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    text = text_of(pdf.content)
    assert "Long plan recommendation 5." in text
    assert "Report title Review of Partnerships" in text
    catalog = PdfReader(io.BytesIO(pdf.content)).trailer["/Root"]
    assert catalog["/Lang"] == "en-GB" and "/StructTreeRoot" in catalog
    job.refresh_from_db()
    assert job.status == PdfJob.Status.DONE and job.pages >= 1


def test_someone_else_who_may_read_the_plan_cannot_open_the_officers_job(
    client, officer, councillor, long_plan
):
    progress_url = ask(client, officer, long_plan).url
    pdfjobs.run_pending()
    job = PdfJob.objects.get()
    client.force_login(councillor)
    assert client.get(progress_url).status_code == 404
    download = reverse("plans:plan_pdf_download", args=[long_plan.pk, job.pk])
    assert client.get(download).status_code == 404


def test_the_download_checks_the_same_permission_as_the_pdf(client, officer, long_plan):
    """The job is the officer's, but once they may no longer read the plan (deleted here), its
    progress page and download are gone with it."""
    ask(client, officer, long_plan)
    pdfjobs.run_pending()
    job = PdfJob.objects.get()
    soft_delete(record=long_plan)
    download = reverse("plans:plan_pdf_download", args=[long_plan.pk, job.pk])
    assert client.get(download).status_code == 404


def test_a_job_for_a_record_gone_before_it_ran_fails_with_a_message(client, officer, long_plan):
    progress_url = ask(client, officer, long_plan).url
    soft_delete(record=long_plan)
    pdfjobs.run_pending()
    job = PdfJob.objects.get()
    assert (job.status, job.error) == (PdfJob.Status.FAILED, "The record no longer exists.")
    # Restored, the plan is readable again and the page explains what happened.
    restore(record=long_plan)
    page = client.get(progress_url).content.decode()
    assert "The PDF could not be made" in page and "The record no longer exists." in page


def test_a_long_update_pack_is_made_in_the_background_too(client, officer, followed, settings):
    settings.SCRAIP_PDF_BACKGROUND_ITEMS = 1
    client.force_login(officer)
    response = client.get(reverse("followup:meeting_pack_pdf", args=[followed.meeting.pk]))
    job = PdfJob.objects.get()
    assert response.url == reverse(
        "followup:meeting_pack_pdf_job", args=[followed.meeting.pk, job.pk]
    )
    pdfjobs.run_pending()
    download = reverse("followup:meeting_pack_pdf_download", args=[followed.meeting.pk, job.pk])
    text = text_of(client.get(download).content)
    assert "Update pack" in text and "Carry out Recommendation G" in text


def test_each_job_is_made_once_however_many_workers_ask(officer, long_plan, client):
    ask(client, officer, long_plan)
    first, second = pdfjobs.claim_next(), pdfjobs.claim_next()
    assert first is not None and second is None
    assert first.status == PdfJob.Status.RUNNING


def test_tidy_requeues_a_stalled_job_and_deletes_day_old_ones(officer):
    now = timezone.now()

    def job(**fields):
        return PdfJob.objects.create(
            builder="scraip.plans.documents.action_plan",
            object_id=1,
            requested_by=officer,
            title="A plan",
            filename="plan.pdf",
            items=400,
            **fields,
        )

    stalled = job(status=PdfJob.Status.RUNNING, started_at=now - datetime.timedelta(hours=1))
    old = job(status=PdfJob.Status.DONE, finished_at=now - datetime.timedelta(days=2))
    recent = job(status=PdfJob.Status.DONE, finished_at=now - datetime.timedelta(hours=2))
    assert pdfjobs.tidy(now) == 1
    assert not PdfJob.objects.filter(pk=old.pk).exists()
    stalled.refresh_from_db()
    assert stalled.status == PdfJob.Status.QUEUED and stalled.started_at is None
    assert PdfJob.objects.filter(pk=recent.pk).exists()
