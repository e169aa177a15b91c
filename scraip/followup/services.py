"""Follow-up workflows: progress updates, verdicts and target date changes on any tracked item,
closing a plan and completing a report-back. Each runs in one transaction, and each record is
checked by its model's clean() before it is saved."""

import datetime
from dataclasses import replace

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Q, Value
from django.utils import timezone

from scraip.common.fuzzydates import Precision, latest_day
from scraip.common.text import ordinal
from scraip.common.versioning import StaleEdit, WorkflowError, save_versioned
from scraip.councils.models import Meeting
from scraip.plans.models import ActionPlan, ReportBack, Response
from scraip.plans.services import ScheduledReportBack, report_back_schedule_save

from .models import FollowedPart, ProgressUpdate, TargetDateChange, Verdict
from .models.parts import closed_before
from .models.state import about_outer_item

DAY = Precision.DAY
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
    council_status=None,
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
    may be an officer writing on their behalf: both are kept. A `council_status` (the council's
    own word, a CouncilStatus) gives the lifecycle `status` it stands for. Refused once the
    committee has closed the item (ProgressUpdate.clean).
    """
    _lock(subject)
    if update is None:
        update = ProgressUpdate(subject=subject)
    else:
        update.subject = subject
    update.council_status = council_status
    update.status = council_status.lifecycle if council_status else status
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
    parts = FollowedPart.objects.of_plan(plan).with_state()
    unfinished = Q(response__isnull=True) | (
        ~Q(response__decision=Response.Decision.REJECTED) & Q(closed=False)
    )
    finished = parts.exists() and not parts.filter(unfinished).exists()
    status = ActionPlan.Status.CLOSED if finished else ActionPlan.Status.RESPONDED
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
    new_end: datetime.date | None = None,
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
    old_date, old_precision, old_end = subject.current_target
    new_end = new_end or latest_day(new_date, new_precision)
    change = TargetDateChange(
        subject=subject,
        old_date=old_date,
        old_precision=old_precision if old_date else "",
        old_end=old_end,
        new_date=new_date,
        new_precision=new_precision,
        new_end=new_end,
        reason=reason,
        changed_by=changed_by,
    )
    _check(change, exclude=RELATED)
    for field, value in zip(subject.target_fields, (new_date, new_precision, new_end), strict=True):
        setattr(record, field, value)
    record._change_reason = f"Target date changed: {change.reason}"[:100]
    if hasattr(record, "version"):
        save_versioned(record, loaded_version=loaded_version)
    else:
        record.save()
    change.save()
    return change


def items_due_at(report_back: ReportBack):
    """The plan's accepted items the committee hears about at this report-back: every one not
    closed at an earlier one, in the plan's order, each with whether the committee gave its
    verdict at this report-back (`judged_here`). A report-back not yet saved is placed by its
    date, and has no verdicts."""
    judged_here = about_outer_item(Verdict, FollowedPart).filter(report_back_id=report_back.pk)
    sequence = report_back.sequence or report_back.place_in_schedule()
    return (
        FollowedPart.objects.trackable()
        .of_plan(report_back.action_plan_id)
        .select_related("recommendation")
        .annotate(
            closed_earlier=closed_before(sequence),
            judged_here=Exists(judged_here) if report_back.pk else Value(False),
        )
        .filter(closed_earlier=False)
        .order_by("recommendation__position", "recommendation_id", "position")
    )


def verdicts_missing(report_back: ReportBack) -> list[str]:
    """A rule of completing a report-back (ReportBack.completion_rules, registered in
    FollowupConfig.ready): the committee has given its verdict on every item due at it."""
    missing = [str(item) for item in items_due_at(report_back).filter(judged_here=False)]
    if not missing:
        return []
    return ["The committee has not yet given its verdict on " + ", ".join(missing) + "."]


@transaction.atomic
def report_back_complete(*, report_back: ReportBack, note: str) -> None:
    """Mark a report-back completed: refused until the ones before it are completed, every part
    of the plan is answered and the committee has a verdict on every item due
    (ReportBack.clean)."""
    report_back = ReportBack.objects.select_for_update().get(pk=report_back.pk)
    if report_back.completed:
        raise WorkflowError("This report-back is already marked completed.")
    report_back.completed = True
    report_back.note = note.strip()
    _check(report_back)
    report_back.save()


@transaction.atomic
def meeting_save(*, meeting: Meeting, loaded_version: int | None) -> Meeting:
    """Save a meeting; the report-backs tied to it move with its date, each plan's schedule
    numbered again in date order. Refused on a day its committee already meets (Meeting.clean)."""
    _check(meeting, exclude=("version",))
    save_versioned(meeting, loaded_version=loaded_version)
    for report_back in ReportBack.objects.filter(meeting=meeting).select_related("action_plan"):
        plan = report_back.action_plan
        if meeting.committee_id not in plan.reports_back_to():
            raise WorkflowError(
                f"The {ordinal(report_back.sequence)} report-back of “{plan.title}” is at this "
                "meeting, so it stays a meeting of that plan's committee. Move the report-back "
                "to another meeting first."
            )
        if report_back.due_on != meeting.date:
            scheduled = replace(
                ScheduledReportBack.of(report_back), due_on=meeting.date, due_precision=DAY
            )
            try:
                report_back_schedule_save(plan=plan, report_backs=[scheduled])
            except ValidationError as error:
                raise WorkflowError(" ".join(error.messages)) from None
    return meeting
