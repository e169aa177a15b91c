"""Pages for following up one item: its progress, updates, the committee's verdicts and target
date changes. Each view names the rules permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from scraip.common.uploads import safe_download_response
from scraip.common.versioning import StaleEdit, WorkflowError
from scraip.councils.models import Meeting, Person
from scraip.councils.rules import person_of
from scraip.plans.models import RecommendationPart

from .. import services
from ..forms import (
    ProgressForm,
    TargetDateForm,
    VerdictForm,
)
from ..models import FollowedPart, ProgressUpdate
from ..progress import prefetch_progress


def _get_item_for_user(request, pk, permission=None):
    """An accepted item the user may see (404 otherwise), then 403 without `permission`."""
    part = get_object_or_404(
        prefetch_progress(
            FollowedPart.objects.alive().select_related(
                "recommendation__action_plan__authority",
                "recommendation__action_plan__committee",
                "recommendation__portfolio",
                "response__lead_officer",
            )
        ),
        pk=pk,
    )
    plan = part.recommendation.action_plan
    if not part.is_trackable or not request.user.has_perm("plans.view_actionplan", plan):
        raise Http404("No accepted recommendation found")
    if permission and not request.user.has_perm(permission, part):
        raise PermissionDenied
    return part


def _get_update_for_user(request, pk, permission=None):
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("content_type", "report_back"), pk=pk
    )
    if update.content_type.model_class() is not RecommendationPart:
        raise Http404("No progress update found")
    update.subject = _get_item_for_user(request, update.object_id)
    if permission and not request.user.has_perm(permission, update):
        raise PermissionDenied
    return update


@login_required
@require_safe
def progress_item(request, pk):
    """Permission: plans.view_actionplan on the item's plan. Self-reported progress and the
    committee's verdicts side by side, with every update and target date change."""
    part = _get_item_for_user(request, pk)
    user = request.user
    return render(
        request,
        "followup/progress_item.html",
        {
            "item": part,
            "plan": part.recommendation.action_plan,
            "can_report": user.has_perm("followup.report_progress", part) and not part.is_closed,
            "can_move_target": user.has_perm("followup.change_target_date", part)
            and not part.is_closed,
            "evidence_url_name": "followup:progress_evidence",
        },
    )


def _progress_form(request, part, update=None):
    plan = part.recommendation.action_plan
    person = person_of(request.user)
    author = update.reported_by if update else part.progress_lead()
    on_behalf = not (person and author and person.pk == author.pk)
    open_report_backs = plan.report_backs.filter(
        Q(completed=False) | Q(pk=update.report_back_id if update else None)
    ).select_related("meeting")
    initial = {}
    if update is None:
        first_open = open_report_backs.first()
        initial["report_back"] = first_open.pk if first_open else None
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        instance=update,
        initial=initial,
        subject=part,
        report_backs=open_report_backs,
        on_behalf=on_behalf,
        reporters=Person.objects.officers().filter(authority=plan.authority_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            form.record(person=person, entered_by=request.user, update=update)
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Progress update on {part} saved.")
            return redirect("followup:progress_item", part.pk)
    return render(
        request,
        "followup/progress_form.html",
        {"form": form, "item": part, "plan": plan, "update": update},
    )


@login_required
def progress_add(request, pk):
    """Permission: followup.report_progress (the item's lead officer, or a scrutiny officer of
    the council writing on someone's behalf)."""
    part = _get_item_for_user(request, pk, "followup.report_progress")
    return _progress_form(request, part)


@login_required
def progress_edit(request, pk):
    """Permission: followup.change_progressupdate (who reported or typed it, or a scrutiny
    officer of the council). Every earlier wording stays in the update's history."""
    update = _get_update_for_user(request, pk, "followup.change_progressupdate")
    return _progress_form(request, update.subject, update)


@login_required
@require_safe
def progress_evidence(request, pk):
    """Permission: plans.view_actionplan on the item's plan. Sent as an attachment."""
    update = _get_update_for_user(request, pk)
    if not update.evidence_file:
        raise Http404("No evidence file")
    return safe_download_response(update.evidence_file, update.evidence_name or "evidence")


@login_required
def verdict_record(request, pk, meeting_pk):
    """Permission: followup.record_verdict (scrutiny officers of the council, recording what
    the committee decided at the meeting)."""
    part = _get_item_for_user(request, pk, "followup.record_verdict")
    plan = part.recommendation.action_plan
    meeting = get_object_or_404(
        Meeting.objects.select_related("committee"),
        pk=meeting_pk,
        committee__authority=plan.authority_id,
    )
    verdict = part.verdict_at(meeting)
    form = VerdictForm(request.POST or None, instance=verdict, subject=part)
    if request.method == "POST" and form.is_valid():
        try:
            services.verdict_record(
                subject=part,
                meeting=meeting,
                verdict=form.cleaned_data["verdict"],
                invited_back=form.cleaned_data["invited_back"],
                note=form.cleaned_data["note"],
                report_back=plan.report_backs.filter(meeting=meeting).first(),
                recorded_by=request.user,
                instance=verdict,
                loaded_version=form.loaded_version,
            )
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The committee's verdict on {part} saved.")
            return redirect(f"{meeting.get_absolute_url()}#item-{part.pk}")
    return render(
        request,
        "followup/progress_verdict.html",
        {"form": form, "item": part, "plan": plan, "meeting": meeting},
    )


@login_required
def target_date_change(request, pk):
    """Permission: followup.change_target_date (the lead officer, or a scrutiny officer)."""
    part = _get_item_for_user(request, pk, "followup.change_target_date")
    form = TargetDateForm(request.POST or None, subject=part)
    if request.method == "POST" and form.is_valid():
        new_date, precision = form.cleaned_data["new_target"]
        try:
            services.target_date_change(
                subject=part,
                new_date=new_date,
                new_precision=precision,
                reason=form.cleaned_data["reason"],
                changed_by=request.user,
                loaded_version=form.loaded_version,
            )
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Target date of {part} changed.")
            return redirect("followup:progress_item", part.pk)
    return render(
        request,
        "followup/progress_target.html",
        {"form": form, "item": part, "plan": part.recommendation.action_plan},
    )
