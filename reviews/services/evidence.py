"""The evidence plan: nothing planned after the report-back, lettered parts kept in order, and
witnesses saved with the people newly named for them."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction

from scraip.common.fuzzydates import format_fuzzy_date
from scraip.common.softdelete import soft_delete
from scraip.common.versioning import save_versioned

from ..models import Activity, ActivityPart, Review, Witness
from .common import rows_renumber


def activity_planned_check(
    *, review: Review, kind: str, planned_on: datetime.date | None, precision: str
) -> None:
    """Refuse a step planned after the review reports back. "December 2014" for a meeting on
    9 December may still come first, so only a plan that must start after it is refused."""
    deadline = review.report_deadline
    if not planned_on or not deadline or planned_on <= deadline:
        return
    what = "The session" if kind == Activity.Kind.SESSION else "This"
    raise ValidationError(
        {
            "planned_on": f"{what} is planned for {format_fuzzy_date(planned_on, precision)}, "
            f"after the review reports back ({review.report_due_display}). Plan it before the "
            "report-back, or change the report-back date on the review first"
        }
    )


def activity_parts_check(*, parts: list[ActivityPart], removed: Iterable[ActivityPart]) -> None:
    """Each part its own letter; a part with witnesses stays until they are removed."""
    letters = [part.letter for part in parts if part.letter]
    if len(letters) != len(set(letters)):
        raise ValidationError("Give each part its own letter")
    for part in removed:
        if part.pk and part.witnesses.exists():
            raise ValidationError(
                f"Part {part.letter} has witnesses, so it cannot be removed: remove them from the "
                "witnesses page first"
            )


@transaction.atomic
def activity_parts_save(
    *,
    activity: Activity,
    parts: list[ActivityPart],
    changed: Iterable[ActivityPart] | None = None,
    removed: Iterable[ActivityPart] = (),
) -> None:
    """Make the activity's parts `parts`, numbered in letter order; remove those `removed`."""
    removed = list(removed)
    activity_parts_check(parts=parts, removed=removed)
    for part in removed:
        part.refresh_from_db()  # the form may have blanked the copy it holds
        soft_delete(record=part)
    for part in parts:
        part.activity = activity
    rows_renumber(
        sorted(parts, key=lambda part: part.letter), changed=parts if changed is None else changed
    )


@transaction.atomic
def activity_save(
    *,
    activity: Activity,
    loaded_version: int | None,
    parts: list[ActivityPart],
    changed: Iterable[ActivityPart] | None = None,
    removed: Iterable[ActivityPart] = (),
) -> Activity:
    """Save a step of the evidence plan with its lettered parts."""
    activity_planned_check(
        review=activity.review,
        kind=activity.kind,
        planned_on=activity.planned_on,
        precision=activity.planned_precision,
    )
    save_versioned(activity, loaded_version=loaded_version)
    activity_parts_save(activity=activity, parts=parts, changed=changed, removed=removed)
    return activity


@transaction.atomic
def activity_witnesses_save(*, witnesses: Iterable[Witness], removed: Iterable[Witness]) -> None:
    """Save the witnesses given, and the new people named for them; remove those `removed`."""
    for witness in removed:
        witness.refresh_from_db()  # the form may have blanked the copy it holds
        soft_delete(record=witness)
    for witness in witnesses:
        if witness.person is not None and witness.person.pk is None:
            witness.person.save()
        witness.save()
