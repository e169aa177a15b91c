"""The papers of a review, kept (soft-deleted) when removed."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from scraip.common.softdelete import (
    SoftDeletable,
    SoftDeleteQuerySet,
    all_rows,
    deleted_rows,
    live_rows,
)
from scraip.common.uploads import FileCheck, SafeUploadTo

from .reviews import Review


class ReviewDocumentQuerySet(SoftDeleteQuerySet):
    def with_uploader(self):
        return self.select_related("uploaded_by__person")


class ReviewDocument(SoftDeletable):
    """A paper of the review: agenda, information sheet, evidence, scoping or final report."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", "Agenda"
        INFORMATION_SHEET = "information_sheet", "Information sheet"
        TIMETABLE = "timetable", "Timetable"
        EVIDENCE = "evidence", "Evidence"
        SCOPING_REPORT = "scoping_report", "Scoping report"
        FINAL_REPORT = "final_report", "Final report"
        OTHER = "other", "Other"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("type of document", max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(
        upload_to=SafeUploadTo("reviews"), max_length=255, validators=[FileCheck()]
    )
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_documents"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = live_rows(ReviewDocumentQuerySet)
    all_objects = all_rows(ReviewDocumentQuerySet)
    deleted_objects = deleted_rows(ReviewDocumentQuerySet)

    class Meta:
        ordering = ["review_id", "kind", "title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reviews:document_download", args=[self.pk])
