"""The cost table: every line needs a day rate (its own or the review's), and a council that
pays a line alone must be taking part."""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from scraip.common.softdelete import soft_delete
from scraip.common.versioning import save_versioned

from ..models import CostItem, Review
from .common import rows_renumber

Errors = dict[int, dict[str, list[str]]]


def review_costs_errors(
    *,
    items: list[CostItem],
    default_day_rate: Decimal | None,
    participant_ids: set[int],
    changed: Iterable[CostItem] | None = None,
) -> Errors:
    """What is wrong with the lines, by the index of each in `items`, then by field. A line
    being written (any of `changed`, or all) needs a day rate; a line left as it was may wait
    for one, and the cost table says its cost is not counted yet."""
    errors: Errors = defaultdict(lambda: defaultdict(list))
    written = list(items if changed is None else changed)
    for index, item in enumerate(items):
        if item.day_rate is None and default_day_rate is None and item in written:
            errors[index]["day_rate"].append(
                "Give a day rate here, or a day rate for the whole review above"
            )
        if item.borne_by_id and item.borne_by_id not in participant_ids:
            errors[index]["borne_by"].append("Choose one of the councils taking part")
    return {index: dict(fields) for index, fields in errors.items()}


@transaction.atomic
def review_costs_save(
    *,
    review: Review,
    loaded_version: int | None,
    items: list[CostItem],
    changed: Iterable[CostItem] | None = None,
    removed: Iterable[CostItem] = (),
) -> None:
    """Save the review's day rate (unless `loaded_version` is None: left as it is) and make its
    cost table `items`, in that order; remove the lines `removed`."""
    errors = review_costs_errors(
        items=items,
        default_day_rate=review.day_rate,
        participant_ids=review.participating_authority_ids,
        changed=changed,
    )
    if errors:
        raise ValidationError(
            [
                message
                for fields in errors.values()
                for found in fields.values()
                for message in found
            ]
        )
    if loaded_version is not None:
        save_versioned(review, loaded_version=loaded_version)
    for item in removed:
        item.refresh_from_db()  # the form may have blanked the copy it holds
        soft_delete(record=item)
    for item in items:
        item.review = review
    rows_renumber(items, changed=items if changed is None else changed)
