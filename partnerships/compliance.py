"""How the council's register meets its model protocol checklist: each item across the
partnerships, and each partnership across the items."""

from collections import Counter
from dataclasses import dataclass, field

from .models import ChecklistItem

UNANSWERED = "unanswered"


@dataclass
class Compliance:
    by_item: list[tuple] = field(default_factory=list)  # (item, Counter of statuses)
    by_partnership: list[tuple] = field(default_factory=list)  # (partnership, Counter, applicable)


def register_compliance(partnerships, authority) -> Compliance:
    """Count the answers to the council's live checklist items, in two queries whatever the
    register holds. An answer to a removed item went with it."""
    items = list(ChecklistItem.objects.filter(authority=authority))
    partnerships = list(partnerships.prefetch_related("checklist_answers"))
    by_item = {item.pk: Counter() for item in items}
    compliance = Compliance()
    for partnership in partnerships:
        statuses = {answer.item_id: answer.status for answer in partnership.checklist_answers.all()}
        counts = Counter(statuses.get(item.pk, UNANSWERED) for item in items)
        for item in items:
            by_item[item.pk][statuses.get(item.pk, UNANSWERED)] += 1
        applicable = len(items) - counts["not_applicable"]
        compliance.by_partnership.append((partnership, counts, applicable))
    compliance.by_item = [(item, by_item[item.pk]) for item in items]
    return compliance
