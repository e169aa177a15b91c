"""Progress on a partnership's agreed outcomes and actions, reported and judged through the core's
one progress mechanism (scraip.services.progress_record, verdict_record, target_date_change)
with its forms and templates: nothing here stores progress of its own. Each view names the rules
permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from scraip.common.uploads import safe_download_response
from scraip.common.versioning import StaleEdit, WorkflowError
from scraip.councils.models import Meeting, Person
from scraip.councils.rules import person_of
from scraip.followup import services
from scraip.followup.forms import ProgressForm, TargetDateForm, VerdictForm
from scraip.followup.models import ProgressUpdate
from scraip.followup.progress import prefetch_progress

from ..models import Outcome
from .common import get_partnership_for_user


def _get_outcome_for_user(request, pk, permission=None) -> Outcome:
    """An outcome of a partnership the user may see (404 otherwise), then 403 without
    `permission`."""
    outcome = get_object_or_404(
        prefetch_progress(Outcome.objects.alive().select_related("lead")), pk=pk
    )
    outcome.partnership = get_partnership_for_user(request, outcome.partnership_id)
    if permission and not request.user.has_perm(permission, outcome):
        raise PermissionDenied
    return outcome


def _get_update_for_user(request, pk, permission=None) -> ProgressUpdate:
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("reported_by"),
        pk=pk,
        content_type=ContentType.objects.get_for_model(Outcome),
    )
    update.subject = _get_outcome_for_user(request, update.object_id)
    if permission and not request.user.has_perm(permission, update):
        raise PermissionDenied
    return update


@login_required
@require_safe
def outcome_progress(request, pk):
    """Permission: partnerships.view_partnership. The outcome's self-reported progress beside
    the committee's verdicts, with every update and target date change."""
    outcome = _get_outcome_for_user(request, pk)
    partnership = outcome.partnership
    can_report = request.user.has_perm("partnerships.report_progress", outcome)
    meetings = []
    if request.user.has_perm("partnerships.record_verdict", outcome):
        meetings = (
            Meeting.objects.filter(committee__authority=partnership.authority_id)
            .select_related("committee")
            .order_by("-date")[:6]
        )
    return render(
        request,
        "partnerships/outcome_progress.html",
        {
            "item": outcome,
            "partnership": partnership,
            "can_report": can_report and not outcome.is_closed,
            "can_edit_updates": can_report,
            "meetings": meetings,
        },
    )


def _progress_form(request, outcome, update=None):
    partnership = outcome.partnership
    person = person_of(request.user)
    author = update.reported_by if update else outcome.progress_lead()
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        instance=update,
        subject=outcome,
        report_backs=None,  # a partnership's outcomes are not on a SCRAIP's report-backs
        on_behalf=not (person and author and person.pk == author.pk),
        reporters=Person.objects.officers().filter(authority=partnership.authority_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            form.record(person=person, entered_by=request.user, update=update)
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Progress update saved.")
            return redirect("partnerships:outcome_progress", outcome.pk)
    return render(
        request,
        "partnerships/progress_form.html",
        {"form": form, "item": outcome, "partnership": partnership, "update": update},
    )


@login_required
def progress_add(request, pk):
    """Permission: partnerships.report_progress (the outcome's lead officer, the partnership's
    lead officer, or a scrutiny officer of the council writing on someone's behalf)."""
    outcome = _get_outcome_for_user(request, pk, "partnerships.report_progress")
    return _progress_form(request, outcome)


@login_required
def progress_edit(request, pk):
    """Permission: partnerships.change_progressupdate (who reported or typed it, or a scrutiny
    officer of the council). Every earlier wording stays in the update's history."""
    update = _get_update_for_user(request, pk, "partnerships.change_progressupdate")
    return _progress_form(request, update.subject, update)


@login_required
@require_safe
def progress_evidence(request, pk):
    """Permission: partnerships.view_partnership. Sent as an attachment under a safe name."""
    update = _get_update_for_user(request, pk)
    if not update.evidence_file:
        raise Http404("No evidence file")
    return safe_download_response(update.evidence_file, update.evidence_name or "evidence")


@login_required
def outcome_target(request, pk):
    """Permission: partnerships.report_progress. A moved target date needs a reason; the old
    date stays in the outcome's history."""
    outcome = _get_outcome_for_user(request, pk, "partnerships.report_progress")
    form = TargetDateForm(request.POST or None, subject=outcome)
    if request.method == "POST" and form.is_valid():
        new_date, precision = form.cleaned_data["new_target"]
        try:
            services.target_date_change(
                subject=outcome,
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
            messages.success(request, "Target date changed.")
            return redirect("partnerships:outcome_progress", outcome.pk)
    return render(
        request,
        "partnerships/outcome_target.html",
        {"form": form, "item": outcome, "partnership": outcome.partnership},
    )


@login_required
def outcome_verdict(request, pk, meeting_pk):
    """Permission: partnerships.record_verdict (the council's scrutiny officers, recording
    what the committee decided at the meeting)."""
    outcome = _get_outcome_for_user(request, pk, "partnerships.record_verdict")
    meeting = get_object_or_404(
        Meeting.objects.select_related("committee"),
        pk=meeting_pk,
        committee__authority=outcome.partnership.authority_id,
    )
    verdict = outcome.verdict_at(meeting)
    form = VerdictForm(request.POST or None, instance=verdict, subject=outcome)
    if request.method == "POST" and form.is_valid():
        try:
            services.verdict_record(
                subject=outcome,
                meeting=meeting,
                verdict=form.cleaned_data["verdict"],
                invited_back=form.cleaned_data["invited_back"],
                note=form.cleaned_data["note"],
                recorded_by=request.user,
                instance=verdict,
                loaded_version=form.loaded_version,
            )
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        except WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "The committee's verdict saved.")
            return redirect("partnerships:outcome_progress", outcome.pk)
    return render(
        request,
        "partnerships/outcome_verdict.html",
        {"form": form, "item": outcome, "partnership": outcome.partnership, "meeting": meeting},
    )
