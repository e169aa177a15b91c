"""The shared kernel's one table: documents being made in the background (scraip.common.pdfjobs)."""

import uuid

from django.conf import settings
from django.db import models


class PdfJob(models.Model):
    """A long PDF someone asked for: made by `manage.py run_pdf_jobs` outside the request, kept
    a day for its requester to download, then deleted. What to print is named, not stored: the
    document's builder (a dotted path) and its record's id, run when the job is made."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to be made"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Could not be made"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    builder = models.CharField(max_length=200)
    object_id = models.PositiveBigIntegerField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pdf_jobs"
    )
    title = models.CharField(max_length=300)
    filename = models.CharField(max_length=200)
    items = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    pdf = models.BinaryField(editable=False, default=b"")
    pages = models.PositiveIntegerField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["requested_at"]
        indexes = [models.Index(fields=["status", "requested_at"])]

    def __str__(self):
        return f"{self.title} ({self.get_status_display().lower()})"

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)


class Submission(models.Model):
    """A form posted once: its token (a hidden field every form carries, see
    scraip.common.idempotency) and the page the save led to. The same form posted again (a
    double click, a resent request) lands on that page and saves nothing twice."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="submissions"
    )
    token = models.CharField(max_length=32)
    result_url = models.CharField(max_length=2000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "token"], name="one_submission_per_token")
        ]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self):
        return f"{self.token} → {self.result_url or '(being saved)'}"
