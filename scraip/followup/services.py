"""Follow-up workflows: progress updates, verdicts and target date changes on any tracked item,
and completing a report-back. Each runs in one transaction.
"""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from scraip.common.versioning import StaleEdit, WorkflowError, save_versioned
from scraip.councils.models import Meeting
from scraip.plans.models import ActionPlan, ReportBack

from .models import FollowedPart, ProgressUpdate, TargetDateChange, Verdict


def _lock(subject) -> None:
    """Two people writing about the same item queue here instead of interleaving."""
    type(subject)._base_manager.select_for_update().filter(pk=subject.pk).exists()


def _latest_verdict(subject) -> Verdict | None:
    return (
        Verdict.objects.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
        )
        .order_by("-meeting__date", "-pk")
        .first()
    )


def _refuse_if_closed(subject) -> None:
    verdict = _latest_verdict(subject)
    if verdict and verdict.verdict == Verdict.Kind.CLOSED:
        raise WorkflowError(
            f"The committee closed {subject} on {verdict.meeting.date:%-d %B %Y}: "
            "it takes no further changes."
        )


def _refuse_if_not_followed(subject) -> None:
    if isinstance(subject, FollowedPart) and not subject.is_trackable:
        raise WorkflowError(f"{subject} was not accepted, so there is no progress to report on it.")


@transaction.atomic
def progress_record(
    *,
    subject,
    status: str,
    narrative: str,
    reported_by,
    entered_by,
    evidence_link: str = "",
    evidence_file=None,
    report_back: ReportBack | None = None,
    reported_on: datetime.date | None = None,
    update: ProgressUpdate | None = None,
    loaded_version: int | None = None,
) -> ProgressUpdate:
    """Record a progress update on an item, or correct one (`update`, at `loaded_version`).

    `reported_by` is the Person whose account it is; `entered_by` the user who typed it, who
    may be an officer writing on their behalf: both are kept. Refused once the committee has
    closed the item.
    """
    _lock(subject)
    _refuse_if_not_followed(subject)
    _refuse_if_closed(subject)
    if update is None:
        update = ProgressUpdate(subject=subject)
    update.status = status
    update.narrative = narrative
    update.evidence_link = evidence_link
    update.report_back = report_back
    update.reported_by = reported_by
    update.entered_by = entered_by
    update.reported_on = reported_on or update.reported_on or timezone.localdate()
    if evidence_file:
        update.evidence_file = evidence_file
        update.evidence_name = getattr(evidence_file, "name", "")[:255]
    save_versioned(update, loaded_version=loaded_version)
    return update


@transaction.atomic
def verdict_record(
    *,
    subject,
    meeting: Meeting,
    verdict: str,
    recorded_by,
    invited_back: str = "",
    note: str = "",
    report_back: ReportBack | None = None,
    instance: Verdict | None = None,
    loaded_version: int | None = None,
) -> Verdict:
    """Record the committee's verdict on an item at a meeting, and close the action plan when
    this was the last item still open. A verdict judges reported progress, so an item with no
    update reported by the meeting's date cannot have one."""
    _lock(subject)
    _refuse_if_not_followed(subject)
    if meeting.is_cancelled:
        raise WorkflowError("This meeting was cancelled, so it cannot give a verdict.")
    reported = ProgressUpdate.objects.for_subject(subject).filter(reported_on__lte=meeting.date)
    if not reported.exists():
        raise WorkflowError(
            f"No progress on {subject} had been reported by {meeting.date:%-d %B %Y}. "
            "The committee gives its verdict on an update: ask the lead officer for one first."
        )
    if verdict == Verdict.Kind.NOT_SATISFIED and not invited_back:
        raise WorkflowError("Say who the committee has invited back to explain.")
    if verdict != Verdict.Kind.NOT_SATISFIED:
        invited_back = ""
    if instance is None:
        existing = Verdict.objects.filter(
            content_type=ContentType.objects.get_for_model(subject),
            object_id=subject.pk,
            meeting=meeting,
        ).first()
        if existing:
            raise StaleEdit(existing)
        instance = Verdict(subject=subject, meeting=meeting)
    instance.verdict = verdict
    instance.invited_back = invited_back
    instance.note = note
    instance.report_back = report_back
    instance.recorded_by = recorded_by
    save_versioned(instance, loaded_version=loaded_version)
    if isinstance(subject, FollowedPart):
        action_plan_refresh_closure(plan_id=subject.recommendation.action_plan_id)
    return instance


def action_plan_refresh_closure(*, plan_id: int) -> None:
    """A plan is closed when every item is closed by the committee or was rejected; a later
    verdict that reopens an item reopens the plan."""
    from .progress import prefetch_progress

    plan = ActionPlan.objects.select_for_update().get(pk=plan_id)
    if plan.status not in (ActionPlan.Status.RESPONDED, ActionPlan.Status.CLOSED):
        return
    parts = prefetch_progress(
        FollowedPart.objects.alive()
        .filter(recommendation__action_plan=plan)
        .select_related("response")
    )
    finished = [
        part.current_response and (part.current_response.is_rejected or part.is_closed)
        for part in parts
    ]
    status = ActionPlan.Status.CLOSED if finished and all(finished) else ActionPlan.Status.RESPONDED
    if plan.status != status:
        plan.status = status
        plan.save(update_fields=["status", "updated_at"])


@transaction.atomic
def target_date_change(
    *,
    subject,
    new_date: datetime.date,
    new_precision: str,
    reason: str,
    changed_by,
    loaded_version: int | None,
) -> TargetDateChange:
    """Move an item's target date. The reason is required and kept, with the old date, both in
    a TargetDateChange and as the change reason in the target record's own history."""
    _lock(subject)
    _refuse_if_closed(subject)
    record = subject.target_record()
    if record is None or not subject.target_fields:
        raise WorkflowError(f"{subject} has no target date to change.")
    if not reason.strip():
        raise WorkflowError("Give the reason for changing the target date.")
    date_field, precision_field = subject.target_fields
    old_date, old_precision = getattr(record, date_field), getattr(record, precision_field)
    if (old_date, old_precision) == (new_date, new_precision):
        raise WorkflowError("That is already the target date.")
    setattr(record, date_field, new_date)
    setattr(record, precision_field, new_precision)
    record._change_reason = f"Target date changed: {reason.strip()}"[:100]
    if hasattr(record, "version"):
        save_versioned(record, loaded_version=loaded_version)
    else:
        record.save()
    return TargetDateChange.objects.create(
        subject=subject,
        old_date=old_date,
        old_precision=old_precision if old_date else "",
        new_date=new_date,
        new_precision=new_precision,
        reason=reason.strip(),
        changed_by=changed_by,
    )


def items_due_at(report_back: ReportBack) -> list[FollowedPart]:
    """The plan's accepted items the committee hears about at this report-back: every one not
    already closed at an earlier report-back, with their progress prefetched."""
    from .progress import closed_before, prefetch_progress

    parts = prefetch_progress(
        FollowedPart.objects.trackable()
        .filter(recommendation__action_plan=report_back.action_plan_id)
        .select_related("recommendation", "response__lead_officer")
        .order_by("recommendation__position", "recommendation_id", "position")
    )
    return [part for part in parts if not closed_before(part, report_back)]


@transaction.atomic
def report_back_complete(*, report_back: ReportBack, note: str) -> None:
    """Mark a report-back completed once the committee has a verdict on every item due at it."""
    report_back = ReportBack.objects.select_for_update().get(pk=report_back.pk)
    if report_back.completed:
        raise WorkflowError("This report-back is already marked completed.")
    missing = [
        str(item)
        for item in items_due_at(report_back)
        if not any(verdict.report_back_id == report_back.pk for verdict in item.verdicts.all())
    ]
    if missing:
        raise WorkflowError(
            "The committee has not yet given its verdict on " + ", ".join(missing) + "."
        )
    report_back.completed = True
    report_back.note = note.strip()
    report_back.save()
