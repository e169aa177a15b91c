"""The evidence plan's steps: adding and editing them with their lettered parts, naming the
witnesses of each part, and removing and restoring a step."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from scraip.common.forms import hold_errors, posted_rows
from scraip.common.softdelete import restore, soft_delete
from scraip.common.views import saved, submitted
from scraip.councils.models import Person

from .. import services
from ..forms import ActivityForm, ActivityPartFormSet, WitnessFormSet
from ..models import Activity, Witness, number_steps
from .common import CHANGE, get_review_for_user


def _activity_form(request, review, activity):
    rows, adding_row = posted_rows(request, "parts")
    form = ActivityForm(request.POST or None, instance=activity, review=review)
    formset = ActivityPartFormSet(rows, instance=activity, prefix="parts")
    if adding_row:
        hold_errors(form, formset)
    elif (
        submitted(request, form)
        and formset.is_valid()
        and saved(
            form,
            lambda: services.activity_save(
                activity=form.instance, loaded_version=form.loaded_version, **formset.changes()
            ),
        )
    ):
        messages.success(request, f"{form.instance.get_kind_display()} saved.")
        return redirect(f"{review.get_absolute_url()}#activity-{form.instance.pk}")
    return render(
        request,
        "reviews/activity_form.html",
        {"form": form, "formset": formset, "review": review, "activity": activity},
    )


@login_required
def activity_create(request, pk):
    """Permission: reviews.change_review."""
    review = get_review_for_user(request, pk, CHANGE)
    return _activity_form(request, review, Activity(review=review))


def _get_activity_for_user(request, pk, manager=None) -> Activity:
    activity = get_object_or_404(manager or Activity.objects, pk=pk)
    activity.review = get_review_for_user(request, activity.review_id, CHANGE)
    return activity


@login_required
def activity_edit(request, pk):
    """Permission: reviews.change_review on the activity's review."""
    activity = _get_activity_for_user(request, pk)
    return _activity_form(request, activity.review, activity)


@login_required
def activity_delete(request, pk):
    """Permission: reviews.change_review. Soft delete: the activity can be restored, with its
    parts and witnesses."""
    activity = _get_activity_for_user(request, pk)
    review = activity.review
    number_steps(review.activities.all())  # for the session's number in the question
    if request.method == "POST":
        soft_delete(record=activity)
        messages.success(request, f"{activity} removed. You can restore it from the review page.")
        return redirect(f"{review.get_absolute_url()}#evidence-plan")
    return render(request, "reviews/confirm_remove.html", {"record": activity, "review": review})


@login_required
@require_POST
def activity_restore(request, pk):
    """Permission: reviews.change_review on the removed activity's review."""
    activity = _get_activity_for_user(request, pk, Activity.deleted_objects.all())
    restore(record=activity)
    messages.success(request, f"{activity} restored.")
    return redirect(f"{activity.review.get_absolute_url()}#activity-{activity.pk}")


@login_required
def activity_witnesses(request, pk):
    """Permission: reviews.change_review. Who gives evidence to each part of the activity."""
    activity = _get_activity_for_user(request, pk)
    review = activity.review
    parts = list(activity.parts.all())
    if not parts:
        messages.error(request, "Give the activity its lettered parts before adding witnesses.")
        return redirect("reviews:activity_edit", activity.pk)
    people = list(Person.objects.select_related("authority").order_by("name"))
    rows, adding_row = posted_rows(request, "witnesses")
    formset = WitnessFormSet(
        rows,
        queryset=Witness.objects.of_activity(activity),
        prefix="witnesses",
        form_kwargs={"parts": parts, "people": people},
    )
    if adding_row:
        hold_errors(formset)
    elif request.method == "POST" and formset.is_valid():
        formset.save()
        messages.success(request, "Witnesses saved.")
        return redirect(f"{review.get_absolute_url()}#activity-{activity.pk}")
    return render(
        request,
        "reviews/witnesses_form.html",
        {"formset": formset, "review": review, "activity": activity},
    )
