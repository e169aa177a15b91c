"""Follow-up workflows: progress updates, verdicts and target date changes on any tracked item,
closing a plan and completing a report-back. Each runs in one transaction, and each record is
checked by its model's clean() before it is saved."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scraip.common.versioning import StaleEdit, WorkflowError, save_versioned
from scraip.councils.models import Meeting
from scraip.plans.models import ActionPlan, ReportBack

from .models import FollowedPart, ProgressUpdate, TargetDateChange, Verdict

# The foreign keys a service sets from instances it was given: their rows exist.
RELATED = (
    "content_type",
    "report_back",
    "reported_by",
    "entered_by",
    "meeting",
    "recorded_by",
    "changed_by",
)


def _lock(subject) -> None:
    """Two people writing about the same item queue here instead of interleaving."""
    type(subject)._base_manager.select_for_update().filter(pk=subject.pk).exists()


def _check(record, *, exclude: tuple[str, ...] = ()) -> None:
    """The record's own rules (clean() and its constraints), refused as a WorkflowError."""
    try:
        record.full_clean(exclude=exclude)
    except ValidationError as error:
        raise WorkflowError(" ".join(error.messages)) from None


def _refuse_if_closed(subject) -> None:
    verdict = Verdict.objects.closing(subject)
    if verdict:
        raise WorkflowError(
            f"The committee closed {subject} on {verdict.meeting.date:%-d %B %Y}: "
            "it takes no further changes."
        )


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
    closed the item (ProgressUpdate.clean).
    """
    _lock(subject)
    if update is None:
        update = ProgressUpdate(subject=subject)
    else:
        update.subject = subject
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
    # The file was checked as it was uploaded, and is not read again; the related rows were
    # given as instances, so they exist.
    _check(update, exclude=("evidence_file", *RELATED))
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
    """Record the committee's verdict on an item at a meeting, then do what the item's kind
    does after a verdict (a SCRAIP item closes its plan when it was the last one open).
    Verdict.clean holds the rules: a verdict judges reported progress, names who is invited
    back when the committee is not satisfied, and is given at a meeting that took place."""
    _lock(subject)
    if instance is None:
        existing = Verdict.objects.for_subject(subject).filter(meeting=meeting).first()
        if existing:
            raise StaleEdit(existing)
        instance = Verdict(subject=subject, meeting=meeting)
    else:
        instance.subject = subject
    instance.verdict = verdict
    instance.invited_back = invited_back
    instance.note = note
    instance.report_back = report_back
    instance.recorded_by = recorded_by
    _check(instance, exclude=RELATED)
    save_versioned(instance, loaded_version=loaded_version)
    subject.after_verdict()
    return instance


def action_plan_refresh_closure(*, plan_id: int) -> None:
    """A plan is closed when every item is closed by the committee or was rejected; a later
    verdict that reopens an item reopens the plan."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan_id)
    if plan.status not in (ActionPlan.Status.RESPONDED, ActionPlan.Status.CLOSED):
        return
    parts = FollowedPart.objects.of_plan(plan).select_related("response").with_progress()
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
    if record is None:
        raise WorkflowError(f"{subject} has no target date to change.")
    date_field, precision_field = subject.target_fields
    old_date, old_precision = getattr(record, date_field), getattr(record, precision_field)
    change = TargetDateChange(
        subject=subject,
        old_date=old_date,
        old_precision=old_precision if old_date else "",
        new_date=new_date,
        new_precision=new_precision,
        reason=reason,
        changed_by=changed_by,
    )
    _check(change, exclude=RELATED)
    setattr(record, date_field, new_date)
    setattr(record, precision_field, new_precision)
    record._change_reason = f"Target date changed: {change.reason}"[:100]
    if hasattr(record, "version"):
        save_versioned(record, loaded_version=loaded_version)
    else:
        record.save()
    change.save()
    return change


def items_due_at(report_back: ReportBack) -> list[FollowedPart]:
    """The plan's accepted items the committee hears about at this report-back: every one not
    already closed at an earlier report-back, with their progress prefetched."""
    from .progress import closed_before

    parts = (
        FollowedPart.objects.trackable()
        .of_plan(report_back.action_plan_id)
        .select_related("recommendation", "response__lead_officer")
        .order_by("recommendation__position", "recommendation_id", "position")
        .with_progress()
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
