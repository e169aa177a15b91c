"""Long PDFs made in the background, never in the request.

A PDF view checks who may read the record, then hands `serve` the document's builder and the
record's id:

    @login_required
    def plan_pdf(request, pk, job=None, download=False):
        plan = get_plan_for_user(request, pk)
        return serve(request, documents.action_plan, plan.pk, job=job, download=download)

A document of up to SCRAIP_PDF_BACKGROUND_ITEMS items (300 unless set) is printed there and
then. A longer one becomes a PdfJob: the person is sent to its progress page, which refreshes
itself every few seconds, and to the download once `manage.py run_pdf_jobs` has made it. The
progress page and the download are the same view with the job's id (URL names `<view>_job` and
`<view>_download`), so they check the same permission as the PDF itself, and a job is only ever
shown to the person who asked for it.

A builder is a module-level function taking the record's id and returning a PdfDocument; the job
stores its dotted path, so the worker rebuilds the document from the data as it is when the job
runs, and this module imports no app.
"""

import datetime
import logging

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PdfJob
from .pdf import PdfDocument, pdf_response, print_html

logger = logging.getLogger(__name__)

DEFAULT_BACKGROUND_ITEMS = 300
REFRESH_SECONDS = 5
KEEP_FOR = datetime.timedelta(days=1)
# A job still "being made" this long after it started lost its worker: it is queued again.
STALLED_AFTER = datetime.timedelta(minutes=30)


def background_threshold() -> int:
    return getattr(settings, "SCRAIP_PDF_BACKGROUND_ITEMS", DEFAULT_BACKGROUND_ITEMS)


def builder_path(builder) -> str:
    return f"{builder.__module__}.{builder.__qualname__}"


def serve(request, builder, object_id: int, *, job=None, download: bool = False) -> HttpResponse:
    """The PDF view's answer, once the view has checked the person may read the record: the PDF
    itself, or for a long document its job's progress page or download."""
    if job is not None:
        found = get_object_or_404(
            PdfJob,
            pk=job,
            builder=builder_path(builder),
            object_id=object_id,
            requested_by=request.user,
        )
        return _download(request, found) if download else _progress(request, found)
    document = builder(object_id)
    if document.items <= background_threshold():
        html = document.html()
        return pdf_response(print_html(html).pdf, document.filename)
    queued = _queue(request.user, builder, object_id, document)
    return redirect(_job_url(request, queued, "job"))


def _queue(user, builder, object_id: int, document: PdfDocument) -> PdfJob:
    """A new job, or the one this person already has waiting for the same document."""
    waiting = PdfJob.objects.filter(
        builder=builder_path(builder),
        object_id=object_id,
        requested_by=user,
        status__in=[PdfJob.Status.QUEUED, PdfJob.Status.RUNNING],
    ).first()
    return waiting or PdfJob.objects.create(
        builder=builder_path(builder),
        object_id=object_id,
        requested_by=user,
        title=document.title,
        filename=document.filename,
        items=document.items,
    )


def _job_url(request, job: PdfJob, page: str) -> str:
    """The job's progress page or download, beside the PDF view the request came to."""
    match = request.resolver_match
    name = match.view_name.removesuffix("_job").removesuffix("_download")
    kwargs = {key: value for key, value in match.kwargs.items() if key not in ("job", "download")}
    return reverse(f"{name}_{page}", kwargs={**kwargs, "job": job.pk})


def _progress(request, job: PdfJob) -> HttpResponse:
    ahead = PdfJob.objects.filter(
        status=PdfJob.Status.QUEUED, requested_at__lt=job.requested_at
    ).count()
    response = render(
        request,
        "common/pdf_job.html",
        {
            "job": job,
            "ahead": ahead if job.status == PdfJob.Status.QUEUED else 0,
            "download_url": _job_url(request, job, "download"),
            "progress_url": _job_url(request, job, "job"),
            "refresh_seconds": REFRESH_SECONDS,
        },
    )
    if not job.is_finished:
        # The browser reloads the page until the document is ready (an HTTP header: the site's
        # Content Security Policy allows no script, and the page says it refreshes).
        response["Refresh"] = str(REFRESH_SECONDS)
        response["Cache-Control"] = "no-store"
    return response


def _download(request, job: PdfJob) -> HttpResponse:
    if job.status != PdfJob.Status.DONE:
        return redirect(_job_url(request, job, "job"))
    return pdf_response(bytes(job.pdf), job.filename)


# The worker's side: `manage.py run_pdf_jobs` (cron, or a service with --forever).


def claim_next() -> PdfJob | None:
    """Take the oldest waiting job, if another worker has not: the conditional update makes
    the claim once, on SQLite and PostgreSQL alike."""
    for job in PdfJob.objects.filter(status=PdfJob.Status.QUEUED).order_by("requested_at")[:5]:
        claimed = PdfJob.objects.filter(pk=job.pk, status=PdfJob.Status.QUEUED).update(
            status=PdfJob.Status.RUNNING, started_at=timezone.now()
        )
        if claimed:
            job.refresh_from_db()
            return job
    return None


def make(job: PdfJob) -> PdfJob:
    """Print a claimed job's document from the data as it is now."""
    try:
        builder = import_string(job.builder)
        document = builder(job.object_id)
        printed = print_html(document.html())
    except Http404:
        job.status, job.error = PdfJob.Status.FAILED, "The record no longer exists."
    except Exception as error:  # the worker carries on with the next job; the log has the rest
        logger.exception("PDF job %s failed", job.pk)
        job.status, job.error = PdfJob.Status.FAILED, f"{type(error).__name__}: {error}"
    else:
        job.status, job.pdf, job.pages = PdfJob.Status.DONE, printed.pdf, printed.pages
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "pdf", "pages", "error", "finished_at"])
    return job


def run_pending(limit: int | None = None) -> int:
    """Make waiting jobs until none is left (or `limit` are made); how many were made."""
    made = 0
    while limit is None or made < limit:
        job = claim_next()
        if job is None:
            break
        make(job)
        made += 1
    return made


def tidy(now: datetime.datetime | None = None) -> int:
    """Queue again the jobs whose worker stopped half-way, and delete those older than a day."""
    now = now or timezone.now()
    PdfJob.objects.filter(status=PdfJob.Status.RUNNING, started_at__lt=now - STALLED_AFTER).update(
        status=PdfJob.Status.QUEUED, started_at=None
    )
    old = PdfJob.objects.filter(
        Q(finished_at__lt=now - KEEP_FOR) | Q(requested_at__lt=now - 2 * KEEP_FOR)
    )
    return old.delete()[0]
