"""The scoping report laid out like seed 002's, on screen and as a PDF, and the final report's
recommendations turned into a draft SCRAIP."""

import hashlib

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from scraip.common import pdfjobs
from scraip.common.views import saved, submitted
from scraip.common.word import word_response
from scraip.councils.forms import committees_for
from scraip.councils.rules import authorities_for

from .. import documents, services
from ..forms import RecommendationsForm
from .common import CHANGE, get_review_for_user, scoping_context


@login_required
@require_safe
def scoping_report(request, pk):
    """Permission: reviews.view_review. The scoping report laid out like seed 002's."""
    review = get_review_for_user(request, pk)
    return render(request, "reviews/scoping_report.html", scoping_context(review))


@login_required
@require_safe
def scoping_pdf(request, pk, job=None, download=False):
    """Permission: reviews.view_review. The scoping report as an A4, tagged PDF (a long one made
    in the background: its progress page and download check the same permission)."""
    review = get_review_for_user(request, pk)
    return pdfjobs.serve(request, documents.scoping_report, review.pk, job=job, download=download)


@login_required
@require_safe
def scoping_docx(request, pk):
    """Permission: reviews.view_review. The scoping report as a Word document, for the
    committee report that agrees the review (the same content as the PDF)."""
    review = get_review_for_user(request, pk)
    return word_response(documents.scoping_report_word(review))


@login_required
def review_recommendations(request, pk):
    """Permission: reviews.change_review and plans.add_actionplan: the final report's
    recommendations, pasted once, become a draft action plan for one of the user's committees."""
    review = get_review_for_user(request, pk, CHANGE)
    if not request.user.has_perm("plans.add_actionplan"):
        raise PermissionDenied
    committees = review.committees_with_councils().filter(
        pk__in=committees_for(authorities_for(request.user))
    )
    form = RecommendationsForm(
        request.POST or None,
        committees=committees,
        initial={"title": review.title, "publication_date": timezone.localdate()},
    )
    preview = digest = None
    changed_since_preview = False
    created = []
    if submitted(request, form):
        preview = form.parsed
        digest = hashlib.sha256(form.cleaned_data["text"].encode()).hexdigest()
        # Create only what the officer has seen: text changed after its preview is shown again.
        changed_since_preview = request.POST.get("previewed") not in (None, digest)
        if (
            request.POST.get("action") == "create"
            and request.POST.get("previewed") == digest
            and saved(
                form,
                lambda: created.append(
                    services.review_create_action_plan(
                        review=review,
                        committee=form.cleaned_data["committee"],
                        title=form.cleaned_data["title"],
                        publication_date=form.cleaned_data["publication_date"],
                        recommendations=preview.recommendations,
                        created_by=request.user,
                    )
                ),
            )
        ):
            count = len(preview.recommendations)
            messages.success(
                request,
                f"Draft action plan created with {count} recommendation"
                f"{'s' if count != 1 else ''}. Give each a cabinet portfolio, then send it "
                "to the cabinet.",
            )
            return redirect(created[0])
    return render(
        request,
        "reviews/recommendations_form.html",
        {
            "form": form,
            "review": review,
            "preview": preview,
            "preview_digest": digest,
            "changed_since_preview": changed_since_preview,
        },
    )
