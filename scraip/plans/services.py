"""Workflows of an action plan that touch several rows at once. Each runs in one transaction and
takes plain data, so the pages, the admin and the demo loader meet the same rules.

The rules about one row are the models' own (clean() and constraints); a page's form checks them
before it calls a service here.
"""

import datetime
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from scraip.common.fuzzydates import Precision
from scraip.common.softdelete import restore, soft_delete
from scraip.common.versioning import StaleEdit, WorkflowError, save_versioned
from scraip.councils.models import Meeting

from .models import ActionPlan, Addressee, Recommendation, RecommendationPart, ReportBack, Response


@transaction.atomic
def action_plan_save(
    *, plan: ActionPlan, loaded_version: int | None, joint_committees=None
) -> ActionPlan:
    """Save a plan's details. It belongs to its committee's council, whose rule fixes the
    response deadline from the day the cabinet received the report. `joint_committees`, if
    given, are the other committees of that council whose report it also is."""
    plan.authority = plan.committee.authority
    plan.set_received_on(plan.received_on)
    joint = list(joint_committees) if joint_committees is not None else None
    if joint is not None:
        if any(committee.authority_id != plan.authority_id for committee in joint):
            raise WorkflowError("A joint report's committees are all of the same council")
        joint = [committee for committee in joint if committee.pk != plan.committee_id]
    save_versioned(plan, loaded_version=loaded_version)
    if joint is not None:
        plan.joint_committees.set(joint)
        plan.__dict__.pop("_reports_back_to", None)  # read again with its joint committees
    return plan


@transaction.atomic
def action_plan_send_for_response(*, plan: ActionPlan, received_on: datetime.date) -> None:
    if not plan.is_draft:
        raise WorkflowError("This action plan has already been sent for a response.")
    if not RecommendationPart.objects.filter(recommendation__action_plan=plan).exists():
        raise WorkflowError("Add at least one recommendation before sending the plan.")
    if plan.recommendations.filter(
        addressed_to=Addressee.PORTFOLIO, portfolio__isnull=True
    ).exists():
        raise WorkflowError(
            "Give every recommendation addressed to a portfolio holder its cabinet portfolio "
            "before sending the plan."
        )
    problem = plan.receipt_problem(received_on, sent=True)
    if problem:
        raise WorkflowError(problem)
    plan.set_received_on(received_on)
    plan.status = ActionPlan.Status.AWAITING_RESPONSE
    plan.save()


@transaction.atomic
def action_plan_status_refresh(*, plan: ActionPlan) -> None:
    """A sent plan awaits a response while any of its parts is unanswered, and has received it
    once every part is answered. Runs after whatever changes which parts it has or their
    answers: a response recorded, a recommendation deleted or restored."""
    plan = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_draft:
        return
    parts = RecommendationPart.objects.filter(recommendation__action_plan=plan)
    unanswered = parts.filter(response__isnull=True).exists()
    if plan.awaits_response and not unanswered and parts.exists():
        plan.status = ActionPlan.Status.RESPONDED
    elif not plan.awaits_response and unanswered:
        plan.status = ActionPlan.Status.AWAITING_RESPONSE
    else:
        return
    plan.save(update_fields=["status", "updated_at"])


@dataclass(frozen=True)
class ScheduledReportBack:
    """A report-back as a page or a script gives it; `pk` names the stored one it changes."""

    due_on: datetime.date | None
    due_precision: str = Precision.DAY
    meeting: Meeting | None = None
    completed: bool = False
    note: str = ""
    pk: int | None = None
    cancelled: bool = False

    FIELDS = ("due_on", "due_precision", "meeting", "completed", "cancelled", "note")

    @classmethod
    def of(cls, report_back: ReportBack) -> "ScheduledReportBack":
        values = {name: getattr(report_back, name) for name in cls.FIELDS}
        return cls(**values, pk=report_back.pk)


@transaction.atomic
def report_back_schedule_save(
    *,
    plan: ActionPlan,
    report_backs: Sequence[ScheduledReportBack],
    removed: Collection[int] = (),
) -> list[ReportBack]:
    """Save changes to a plan's report-back schedule and number it 1st, 2nd, 3rd… in date order.

    `report_backs` are new dates and changes to stored ones; a stored report-back not given keeps
    its values and takes its place in the order (a hand-made request can leave rows out).
    `removed` are taken off the schedule. Returns the schedule in order.
    """
    rows = ReportBack.objects.select_for_update(of=("self",)).select_related("meeting")
    stored = {row.pk: row for row in rows.filter(action_plan=plan)}
    for pk in removed:
        # Off the schedule, kept as a deleted row with its history; refused once anything was
        # recorded for it.
        row = stored.pop(pk)
        problem = row.removal_problem()
        if problem:
            raise WorkflowError(problem)
        soft_delete(record=row)
    changed = [row for entry in report_backs if (row := _changed_row(plan, stored, entry))]
    schedule = sorted(
        [*changed, *(row for row in stored.values() if row not in changed)],
        key=lambda row: (row.due_on, row.pk or float("inf")),
    )
    # Park the stored numbers out of the way first, so the unique constraint never trips mid-way.
    ReportBack.objects.filter(pk__in=list(stored)).update(sequence=F("sequence") + 1000)
    for sequence, row in enumerate(schedule, start=1):
        row.sequence = sequence
        if row in changed:
            row.save()
        else:
            ReportBack.objects.filter(pk=row.pk).update(sequence=sequence)
    return schedule


def _changed_row(
    plan: ActionPlan, stored: dict[int, ReportBack], entry: ScheduledReportBack
) -> ReportBack | None:
    """The stored (or a new) report-back with the entry's values, checked; None if unchanged
    (a date typed as the month of the meeting it is tied to leaves it on the meeting's day)."""
    row = stored[entry.pk] if entry.pk else ReportBack(action_plan=plan)
    values = {name: getattr(entry, name) for name in ScheduledReportBack.FIELDS}
    before = ScheduledReportBack.of(row) if row.pk else None
    if before and all(getattr(row, name) == value for name, value in values.items()):
        return None
    for name, value in values.items():
        setattr(row, name, value)
    row.full_clean(exclude=["action_plan", "sequence"])
    return None if before == ScheduledReportBack.of(row) else row


@dataclass(frozen=True)
class SubPart:
    """A numbered sub-part as a page or a script gives it; `pk` names the stored one it changes,
    `position` its place (its place in the list unless told)."""

    numeral: str
    text: str
    pk: int | None = None
    position: int | None = None


@transaction.atomic
def recommendation_save(
    *,
    recommendation: Recommendation,
    loaded_version: int | None,
    sub_parts: Sequence[SubPart] = (),
    removed: Collection[int] = (),
) -> Recommendation:
    """Save a recommendation and changes to its sub-parts (see recommendation_parts_save).

    Giving it the position another recommendation holds inserts it there, as the seed's G was
    moved up between B and C; the whole plan is then numbered 1, 2, 3… (recommendation_move).
    """
    # The typed number places it before the first recommendation numbered as high (25 between
    # 20 and 30; 2 in a plan numbered 1, 2, 3 second).
    place = 1 + (
        Recommendation.objects.filter(
            action_plan=recommendation.action_plan_id, position__lt=recommendation.position
        )
        .exclude(pk=recommendation.pk)
        .count()
    )
    wording = recommendation.wording_problem()
    if wording:
        raise WorkflowError(wording)
    save_versioned(recommendation, loaded_version=loaded_version)
    recommendation_parts_save(recommendation=recommendation, sub_parts=sub_parts, removed=removed)
    _place(recommendation, place)
    return recommendation


@transaction.atomic
def recommendation_amend(
    *, recommendation: Recommendation, text: str, reason: str, by, loaded_version: int | None = None
) -> Recommendation:
    """Correct the wording of a recommendation, answered or not, as a recorded amendment: the
    reason goes in the history row with the new text and who made it."""
    reason = (reason or "").strip()
    if not reason:
        raise WorkflowError("Give the reason for amending the wording")
    if len(reason) > 100:  # simple-history's history_change_reason column
        raise WorkflowError("Give the reason for amending the wording in 100 characters or fewer")
    recommendation.text = text
    recommendation._change_reason = reason
    recommendation._history_user = by
    recommendation.full_clean(exclude=["action_plan", "position"])
    version = recommendation.version if loaded_version is None else loaded_version
    save_versioned(recommendation, loaded_version=version)
    return recommendation


@transaction.atomic
def recommendation_move(
    *, recommendation: Recommendation, step: int = 0, to_place: int | None = None
) -> None:
    """Move a recommendation `step` places (-1 up, 1 down) or to place `to_place` (1 is
    first) and number the whole plan 1, 2, 3… in the new order. Each recommendation whose
    number changes is saved with a history row, and its version moves on, so an edit form
    opened before the move does not put it back unknowingly."""
    order = _plan_order(recommendation)
    current = next(index for index, row in enumerate(order) if row.pk == recommendation.pk)
    _place(recommendation, (to_place if to_place is not None else current + 1 + step))


def _plan_order(recommendation: Recommendation) -> list[Recommendation]:
    return list(
        Recommendation.objects.select_for_update()
        .filter(action_plan=recommendation.action_plan_id)
        .order_by("position", "letter", "pk")
    )


def _place(recommendation: Recommendation, place: int) -> None:
    """Put the recommendation at `place` among its plan's live recommendations (clamped to the
    list) and renumber them all from 1."""
    order = [row for row in _plan_order(recommendation) if row.pk != recommendation.pk]
    moving = Recommendation.objects.get(pk=recommendation.pk)
    order.insert(min(max(place, 1), len(order) + 1) - 1, moving)
    for position, row in enumerate(order, start=1):
        if row.position != position:
            row.position = position
            row.version += 1
            row.save(update_fields=["position", "version"])
    recommendation.position = moving.position
    recommendation.version = moving.version


@transaction.atomic
def recommendation_parts_save(
    *,
    recommendation: Recommendation,
    sub_parts: Sequence[SubPart] = (),
    removed: Collection[int] = (),
) -> None:
    """Save new and changed sub-parts, remove those named, and keep exactly one answerable whole
    when none is left.

    Sub-parts and the unnumbered whole never coexist: numbering a recommendation's parts replaces
    the whole, and removing every sub-part brings the whole back. A part already answered is
    neither removed nor replaced. A sub-part taken off is an edit of the recommendation: it is
    soft-deleted (never destroyed), its history keeping what it said.
    """
    stored = {part.pk: part for part in recommendation.parts.select_related("response")}
    for pk in removed:
        part = stored.pop(pk)
        problem = part.removal_problem()
        if problem:
            raise WorkflowError(problem)
        soft_delete(record=part)
    changed = _changed_sub_parts(recommendation, stored, sub_parts)
    numerals = [part.numeral for part in [*stored.values(), *changed] if part.numeral]
    if len(numerals) != len(set(numerals)):
        raise WorkflowError("Each sub-part needs its own numeral")
    reason = (getattr(recommendation, "_change_reason", None) or "").strip()
    for part in changed:
        if reason:
            part._change_reason = reason
        elif wording := part.wording_problem():
            raise WorkflowError(wording)
        part.full_clean(exclude=["recommendation"])
        part.save()
    _keep_the_whole(recommendation)


def _changed_sub_parts(recommendation, stored, sub_parts) -> list[RecommendationPart]:
    """The sub-parts given that are new or differ from the stored ones, which leave `stored`."""
    changed = []
    for index, entry in enumerate(sub_parts, start=1):
        part = stored.pop(entry.pk, None) or RecommendationPart(recommendation=recommendation)
        numeral = RecommendationPart.normalise_numeral(entry.numeral)
        if part.pk and (part.numeral, part.text) == (numeral, entry.text):
            stored[part.pk] = part
            continue
        part.numeral, part.text = numeral, entry.text
        part.position = entry.position or index
        changed.append(part)
    return changed


def _keep_the_whole(recommendation: Recommendation) -> None:
    parts = recommendation.parts.all()
    whole = parts.filter(numeral="").first()
    numbered = parts.exclude(numeral="").exists()
    if numbered and whole:
        if whole.is_answered:
            raise WorkflowError(
                "This recommendation has already been answered as a whole, so it cannot be "
                "split into sub-parts."
            )
        soft_delete(record=whole)
    elif not numbered and not whole:
        RecommendationPart.objects.create(recommendation=recommendation, numeral="", position=0)


@transaction.atomic
def recommendation_delete(*, recommendation: Recommendation) -> None:
    """Soft-delete a recommendation with its parts and their answers; a plan left with every
    remaining part answered has received its response."""
    soft_delete(record=recommendation)
    action_plan_status_refresh(plan=recommendation.action_plan)


@transaction.atomic
def recommendation_restore(*, recommendation: Recommendation) -> None:
    """Bring a deleted recommendation back with what went with it, if its letter is still free;
    an unanswered one puts its plan back to awaiting a response."""
    if recommendation.letter_taken():
        raise WorkflowError(
            f"{recommendation} cannot be restored: the plan now has another recommendation "
            f"{recommendation.letter}. Change that one's letter first."
        )
    restore(record=recommendation)
    action_plan_status_refresh(plan=recommendation.action_plan)


def _supporting_set(response: Response, supporting) -> None:
    """The officers supporting the accountable lead officer: officers of the plan's council,
    none for a rejection, never the lead officer twice."""
    if supporting is None:
        return
    chosen = [person for person in supporting if person.pk != response.lead_officer_id]
    authority = response.part.recommendation.action_plan.authority_id
    if any(p.kind != p.Kind.OFFICER or p.authority_id != authority for p in chosen):
        raise WorkflowError("Supporting officers are officers of the council")
    if chosen and response.is_rejected:
        raise WorkflowError("A rejected recommendation takes no supporting officers")
    response.supporting_officers.set(chosen)


@transaction.atomic
def response_record(
    *, response: Response, entered_by, loaded_version: int | None, supporting=None
) -> Response:
    """Save a response and, when it is the plan's last answer, mark the plan as responded.
    `supporting`, if given, are the officers who support the lead officer.

    A first answer locks its part, so two people answering the same part at once cannot both
    create one: the second sees the first's answer as a stale edit.
    """
    response.entered_by = entered_by
    response.responded_on = response.responded_on or timezone.localdate()
    if response.pk is None:
        RecommendationPart.objects.select_for_update().get(pk=response.part_id)
        # A part holds one response, deleted or not (the database's one-to-one): a deleted
        # answer is restored with its recommendation, never replaced by a second one.
        existing = Response.all_objects.filter(part=response.part_id).first()
        if existing and existing.is_deleted:
            raise WorkflowError(
                f"{response.part} has a deleted response: restore its recommendation from "
                "Deleted items instead of answering it again."
            )
        if existing:
            raise StaleEdit(existing)
    save_versioned(response, loaded_version=loaded_version)
    _supporting_set(response, supporting)
    action_plan_status_refresh(plan=response.part.recommendation.action_plan)
    return response


@transaction.atomic
def response_record_for_all_parts(
    *, response: Response, entered_by, loaded_version: int | None, supporting=None
) -> list[Response]:
    """One answer for every sub-part of the response's recommendation: stored on each part
    (the same decision, explanation, action, timetable and lead officer), all or none.

    A part answered apart keeps its own answer: the whole save is refused rather than replace
    it. Parts already sharing the answer being changed are changed with it.
    """
    others_parts = list(
        RecommendationPart.objects.select_for_update()
        .filter(recommendation=response.part.recommendation_id)
        .exclude(pk=response.part_id)
    )
    before = Response.objects.filter(pk=response.pk).first() if response.pk else None
    others = Response.all_objects.filter(part__in=others_parts)
    answered = {other.part_id: other for other in others.select_related("part")}
    for other in answered.values():
        if other.is_deleted or before is None or other.answer != before.answer:
            raise WorkflowError(
                f"{other.part} already has an answer of its own: answer each part separately."
            )
    recorded = [
        response_record(
            response=response,
            entered_by=entered_by,
            loaded_version=loaded_version,
            supporting=supporting,
        )
    ]
    for part in others_parts:
        copy = answered.get(part.pk) or Response(part=part)
        for name in (*Response.ANSWER_FIELDS, "responded_by_id", "responded_on"):
            setattr(copy, name, getattr(response, name))
        recorded.append(
            response_record(
                response=copy,
                entered_by=entered_by,
                loaded_version=copy.version if copy.pk else None,
                supporting=supporting,
            )
        )
    return recorded
