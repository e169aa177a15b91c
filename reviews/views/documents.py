"""The review's papers: uploaded, downloaded through a permission check, removed and restored."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from scraip.common.softdelete import restore, soft_delete
from scraip.common.uploads import safe_download_response
from scraip.common.views import submitted

from ..forms import DocumentForm
from ..models import ReviewDocument
from .common import CHANGE, VIEW, get_review_for_user


@login_required
def document_upload(request, pk):
    """Permission: reviews.change_review. Size and type are checked by the file's content."""
    review = get_review_for_user(request, pk, CHANGE)
    form = DocumentForm(request.POST or None, request.FILES or None)
    if submitted(request, form):
        form.instance.review = review
        form.instance.uploaded_by = request.user
        document = form.save()
        messages.success(request, f"“{document.title}” uploaded.")
        return redirect(f"{review.get_absolute_url()}#documents")
    return render(request, "reviews/document_form.html", {"form": form, "review": review})


def _get_document_for_user(request, pk, permission=VIEW, manager=None) -> ReviewDocument:
    document = get_object_or_404(manager or ReviewDocument.objects, pk=pk)
    document.review = get_review_for_user(request, document.review_id, permission)
    return document


@login_required
@require_safe
def document_download(request, pk):
    """Permission: reviews.view_review on the document's review; never a public media URL."""
    document = _get_document_for_user(request, pk)
    return safe_download_response(document.file, document.title)


@login_required
def document_delete(request, pk):
    """Permission: reviews.change_review. Soft delete: the file is kept and can be restored."""
    document = _get_document_for_user(request, pk, CHANGE)
    review = document.review
    if request.method == "POST":
        soft_delete(record=document)
        messages.success(request, f"“{document}” removed. You can restore it from the review page.")
        return redirect(f"{review.get_absolute_url()}#documents")
    return render(request, "reviews/confirm_remove.html", {"record": document, "review": review})


@login_required
@require_POST
def document_restore(request, pk):
    """Permission: reviews.change_review on the removed document's review."""
    document = _get_document_for_user(request, pk, CHANGE, ReviewDocument.deleted_objects.all())
    restore(record=document)
    messages.success(request, f"“{document}” restored.")
    return redirect(f"{document.review.get_absolute_url()}#documents")
