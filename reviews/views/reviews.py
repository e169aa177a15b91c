"""A review's own pages: its detail and summary, proposing and editing it, its status, history,
deletion and restoring."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe
from rules.contrib.views import permission_required

from scraip.common.history import history_entries
from scraip.common.softdelete import restore, soft_delete
from scraip.common.views import saved, submitted
from scraip.councils.rules import authorities_for

from .. import services
from ..forms import ReviewForm, StatusChangeForm
from ..models import Activity, Review, ReviewDocument
from .common import (
    CHANGE,
    VIEW,
    evidence_plan,
    get_review_for_user,
    members_by_council,
    review_cost_table,
)


@login_required
def review_detail(request, pk):
    """Permission: reviews.view_review (councillors and officers of the councils taking part,
    and the review's officers); 404 for anyone else."""
    review = get_review_for_user(request, pk)
    can_edit = request.user.has_perm(CHANGE, review)
    members = list(review.members.by_council())
    context = {
        "review": review,
        "can_edit": can_edit,
        "members": members,
        "councils": members_by_council(members),
        "status_changes": review.status_changes.with_people(),
        "activities": evidence_plan(review),
        "costs": review_cost_table(review),
        "documents": review.documents.with_uploader(),
        "committees": review.committees_with_councils(),
        "action_plans": review.action_plans_with_answers(),
        "can_create_plan": can_edit and request.user.has_perm("plans.add_actionplan"),
    }
    if can_edit:
        context["removed_activities"] = Activity.deleted_objects.filter(review=review)
        context["removed_documents"] = ReviewDocument.deleted_objects.filter(review=review)
    return render(request, "reviews/review_detail.html", context)


@login_required
@permission_required("reviews.view_programmes", raise_exception=True)
def review_summary(request, pk):
    """Permission: reviews.view_programmes (anyone in the network): a review's entry in its
    councils' work programmes. The full review stays with the councils taking part."""
    review = get_object_or_404(Review.objects.with_people(), pk=pk)
    return render(
        request,
        "reviews/review_summary.html",
        {
            "review": review,
            "can_view": request.user.has_perm(VIEW, review),
            "committees": review.committees_with_councils(),
        },
    )


@login_required
@permission_required("reviews.add_review", raise_exception=True)
def review_create(request):
    """Permission: reviews.add_review (scrutiny officers), led by their own council."""
    form = ReviewForm(request.POST or None, lead_authorities=authorities_for(request.user))
    if submitted(request, form) and saved(
        form,
        lambda: services.review_create(
            review=form.instance,
            participants=form.cleaned_data["participants"],
            committees=form.cleaned_data["commissioning_committees"],
            created_by=request.user,
        ),
    ):
        messages.success(request, "Review proposed. Now add its members and evidence plan.")
        return redirect(form.instance)
    return render(request, "reviews/review_form.html", {"form": form})


@login_required
def review_edit(request, pk):
    """Permission: reviews.change_review (the review's officers, and the lead council's
    scrutiny officers)."""
    review = get_review_for_user(request, pk, CHANGE)
    form = ReviewForm(
        request.POST or None, instance=review, lead_authorities=authorities_for(request.user)
    )
    if submitted(request, form) and saved(
        form,
        lambda: services.review_save(
            review=form.instance,
            participants=form.cleaned_data["participants"],
            committees=form.cleaned_data["commissioning_committees"],
            loaded_version=form.loaded_version,
            changed_by=request.user,
        ),
    ):
        messages.success(request, "Review saved.")
        return redirect(review)
    return render(request, "reviews/review_form.html", {"form": form, "review": review})


@login_required
def review_status(request, pk):
    """Permission: reviews.change_review. Each change is dated and attributed."""
    review = get_review_for_user(request, pk, CHANGE)
    form = StatusChangeForm(request.POST or None, review=review)
    if submitted(request, form) and saved(
        form,
        lambda: services.review_change_status(
            review=review,
            to_status=form.cleaned_data["to_status"],
            changed_on=form.cleaned_data["changed_on"],
            note=form.cleaned_data["note"],
            changed_by=request.user,
            loaded_version=form.loaded_version,
        ),
    ):
        messages.success(request, f"The review is now “{review.get_status_display()}”.")
        return redirect(f"{review.get_absolute_url()}#status")
    return render(request, "reviews/status_form.html", {"form": form, "review": review})


@login_required
@require_safe
def review_history(request, pk):
    """Permission: reviews.view_review. Read-only: no page edits or deletes history."""
    review = get_review_for_user(request, pk)
    return render(
        request,
        "common/history.html",
        {
            "record": review,
            "title": f"History of “{review.title}”",
            "caption": review.title,
            "back_url": review.get_absolute_url(),
            "back_text": "Back to the review",
            "entries": history_entries(review),
        },
    )


@login_required
def review_delete(request, pk):
    """Permission: reviews.change_review. Soft delete: the review can be restored, with its
    evidence plan, witnesses and documents."""
    review = get_review_for_user(request, pk, CHANGE)
    if request.method == "POST":
        soft_delete(record=review)
        messages.success(request, f"“{review}” deleted. You can restore it from Deleted reviews.")
        return redirect("reviews:deleted")
    return render(request, "reviews/confirm_remove.html", {"record": review, "review": review})


@login_required
@permission_required("reviews.add_review", raise_exception=True)
def deleted_reviews(request):
    """Permission: reviews.add_review (scrutiny officers): deleted reviews they could change."""
    reviews = (
        Review.deleted_objects.changeable_by(request.user).with_people().latest_deleted_first()
    )
    return render(request, "reviews/deleted_reviews.html", {"reviews": reviews})


@login_required
@require_POST
def review_restore(request, pk):
    """Permission: reviews.change_review on the deleted review."""
    review = get_object_or_404(Review.deleted_objects.with_people(), pk=pk)
    if not request.user.has_perm(CHANGE, review):
        raise Http404("Nothing deleted here")
    restore(record=review)
    messages.success(request, f"“{review}” restored.")
    return redirect(review)
