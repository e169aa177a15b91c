"""A review's scope, officers and status: the rules that look at more than one row, and the
workflows that save them. Pages, the admin and the demo loader all go through these."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scraip.common.versioning import StaleEdit, WorkflowError, save_versioned
from scraip.councils.models import Authority, Committee, Meeting, Person

from ..models import Activity, Review, ReviewStatus, ReviewStatusChange, number_steps


def review_scope_check(
    *,
    review_pk: int | None,
    lead_authority: Authority | None,
    participants: Iterable[Authority],
    committees: Iterable[Committee],
    reports_to: Meeting | None,
    report_deadline: datetime.date | None,
) -> None:
    """Refuse (ValidationError, by field) a commissioning committee of a council not taking
    part, a report-back meeting of another committee, and a report-back date before a step of
    the evidence plan."""
    errors: dict[str, list[str]] = {}
    committees = list(committees)
    taking_part = {authority.pk for authority in participants}
    if lead_authority:
        taking_part.add(lead_authority.pk)
        for committee in committees:
            if committee.authority_id not in taking_part:
                errors.setdefault("commissioning_committees", []).append(
                    f"{committee.name} is a committee of {committee.authority}, which is not "
                    "taking part: tick that council, or untick the committee"
                )
    if reports_to and reports_to.committee_id not in {committee.pk for committee in committees}:
        errors["reports_to"] = ["Choose a meeting of one of the commissioning committees"]
    late = _first_step_after(review_pk, report_deadline)
    if late:
        errors["report_due_on"] = [
            f"{late.label} is planned for {late.planned_display}, after this date. Move it "
            "earlier first, or choose a later report-back date"
        ]
    if errors:
        raise ValidationError(errors)


def _first_step_after(review_pk: int | None, deadline: datetime.date | None):
    if review_pk is None or deadline is None:
        return None
    steps = number_steps(Activity.objects.filter(review_id=review_pk))
    return next((step for step in steps if step.planned_on and step.planned_on > deadline), None)


def _check_scope(review: Review, participants, committees) -> None:
    review_scope_check(
        review_pk=review.pk,
        lead_authority=review.lead_authority,
        participants=participants,
        committees=committees,
        reports_to=review.reports_to,
        report_deadline=review.report_deadline,
    )


@transaction.atomic
def review_create(*, review: Review, participants, committees, created_by) -> Review:
    """Save a proposed review with its councils and committees, and date its first status."""
    _check_scope(review, participants, committees)
    review.status = ReviewStatus.PROPOSED
    review.save()
    review.participating_authorities.set({*participants, review.lead_authority})
    review.commissioning_committees.set(committees)
    ReviewStatusChange.objects.create(
        review=review,
        to_status=ReviewStatus.PROPOSED,
        changed_on=timezone.localdate(),
        changed_by=created_by,
    )
    return review


@transaction.atomic
def review_save(
    *, review: Review, participants, committees, loaded_version: int, changed_by=None
) -> Review:
    """Save a review's scope. Given who is saving it, a change of the lead council or of the
    councils taking part is refused unless they may make it (reviews.change_review_councils,
    judged on the review as stored)."""
    if changed_by is not None and review.pk:
        _check_council_change(review, participants, changed_by)
    _check_scope(review, participants, committees)
    save_versioned(review, loaded_version=loaded_version)
    review.participating_authorities.set({*participants, review.lead_authority})
    review.commissioning_committees.set(committees)
    return review


def _check_council_change(review: Review, participants, changed_by) -> None:
    stored = Review.all_objects.get(pk=review.pk)
    now_taking_part = {authority.pk for authority in participants} | {review.lead_authority_id}
    changed = stored.lead_authority_id != review.lead_authority_id or (
        now_taking_part != set(stored.participating_authorities.values_list("pk", flat=True))
    )
    if changed and not changed_by.has_perm("reviews.change_review_councils", stored):
        raise WorkflowError(
            f"Only officers of the lead council, {stored.lead_authority}, may change the lead "
            "council or the councils taking part."
        )


def review_officers_check(
    *,
    participant_ids: set[int],
    current_ids: set[int],
    lead_officer: Person | None,
    supporting_officers: Iterable[Person],
) -> list[Person]:
    """The lead scrutiny officer and supporting officers come from the scrutiny teams of the
    councils taking part (or are already supporting the review). Gives the supporting officers,
    less the lead, who is not listed twice."""
    errors: dict[str, list[str]] = {}

    def allowed(person: Person) -> bool:
        return person.pk in current_ids or (
            person.kind == Person.Kind.OFFICER
            and person.in_scrutiny_team
            and person.authority_id in participant_ids
        )

    message = "Choose a scrutiny officer of one of the councils taking part"
    if lead_officer and not allowed(lead_officer):
        errors["lead_officer"] = [message]
    supporting = list(supporting_officers)
    if any(not allowed(person) for person in supporting):
        errors["supporting_officers"] = [message]
    if errors:
        raise ValidationError(errors)
    return [person for person in supporting if person != lead_officer]


@transaction.atomic
def review_officers_save(
    *, review: Review, lead_officer: Person | None, supporting_officers, loaded_version: int
) -> Review:
    """Name the review's lead scrutiny officer and its supporting officers."""
    saved = Review.all_objects.filter(pk=review.pk)
    current_ids = {
        *saved.values_list("lead_officer_id", flat=True),
        *saved.values_list("supporting_officers", flat=True),
    } - {None}
    supporting = review_officers_check(
        participant_ids=review.participating_authority_ids,
        current_ids=current_ids,
        lead_officer=lead_officer,
        supporting_officers=supporting_officers,
    )
    review.lead_officer = lead_officer
    save_versioned(review, loaded_version=loaded_version)
    review.supporting_officers.set(supporting)
    return review


def review_status_check(
    *,
    from_status: str,
    to_status: str | None,
    changed_on: datetime.date | None,
    note: str,
    last_changed_on: datetime.date | None,
) -> None:
    """Refuse (ValidationError, by field) a change dated in the future or before the review's
    last change, and a move back without a reason."""
    change = ReviewStatusChange(
        from_status=from_status, to_status=to_status or "", changed_on=changed_on, note=note
    )
    errors: dict = {}
    try:
        change.clean()
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if (
        changed_on
        and last_changed_on
        and "changed_on" not in errors
        and changed_on < last_changed_on
    ):
        errors["changed_on"] = [
            f"The date cannot be before the last change, on {last_changed_on:%-d %B %Y}"
        ]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def review_change_status(
    *,
    review: Review,
    to_status: str,
    changed_on: datetime.date,
    note: str,
    changed_by,
    loaded_version: int,
) -> ReviewStatusChange:
    """Move the review on (or, with a reason, back) and record who did it and when."""
    current = Review.objects.select_for_update().get(pk=review.pk)
    if current.version != loaded_version:
        raise StaleEdit(current)
    if to_status == current.status:
        raise WorkflowError(f"The review is already {current.get_status_display().lower()}.")
    review_status_check(
        from_status=current.status,
        to_status=to_status,
        changed_on=changed_on,
        note=note,
        last_changed_on=current.status_changes.last_changed_on(),
    )
    change = ReviewStatusChange.objects.create(
        review=review,
        from_status=current.status,
        to_status=to_status,
        changed_on=changed_on,
        changed_by=changed_by,
        note=note.strip(),
    )
    review.status = to_status
    save_versioned(review, loaded_version=loaded_version)
    return change
