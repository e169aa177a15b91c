"""A review's scoping report as a PDF document (scraip.common.pdf). Its view checks who may read
the review; this builds the document from the review's id (scraip.common.pdfjobs)."""

from django.shortcuts import get_object_or_404

from scraip.common.pdf import PdfDocument, pdf_filename

from .models import Review
from .views.common import scoping_context


def scoping_report(review_id: int) -> PdfDocument:
    """Seed 002's sections; its size is its evidence plan's steps and its cost lines."""
    review = get_object_or_404(Review.objects.with_people(), pk=review_id)
    return PdfDocument(
        template="reviews/pdf/scoping_report.html",
        context=lambda: scoping_context(review),
        filename=pdf_filename("scoping-report", review.title),
        title=f"Scoping report: {review.title}",
        items=review.activities.count() + review.cost_items.count(),
    )
