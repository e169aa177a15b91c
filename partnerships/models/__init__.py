"""The partnership register a council keeps of the partnerships it takes part in.

Seed 001's recommendations specify it: a definition of what is and is not a partnership, tested
against each arrangement; a priority list with a line above which reviews start; the officer and
councillor time and money the council gives, and the benefits it gets, year by year; action
plans and agreed outcomes, whose progress is reported through the core's progress updates; risk
assessments and exit strategies; the model protocol checklist; and a six-monthly review by the
committee. Published partnerships that meet the definition make the public register.

The core app knows nothing of this one: a partnership points at the recommendations and reviews
about it (`recommendation.partnerships`, `review.partnerships` from the other side).
"""

from .answers import NEEDS_EVIDENCE, ChecklistAnswer, ChecklistStatus, DefinitionAnswer
from .items import AnnualReport, Benefit, Contribution, Partner, Representative
from .outcomes import Outcome, OutcomeQuerySet
from .oversight import CommitteeReview, Risk, RiskQuerySet, RiskRating
from .register import (
    DefinitionState,
    Partnership,
    PartnershipItem,
    PartnershipQuerySet,
    PartnershipRowQuerySet,
    PartnershipStatus,
)
from .settings import Answer, ChecklistItem, DefinitionCriterion, RegisterSettings
from .years import (
    FIRST_YEAR,
    REPORT_TYPES,
    current_financial_year,
    financial_year_label,
    financial_year_of,
    year_has_begun,
)

# The rows added to a partnership on their own pages, by the name their URLs use.
ITEM_MODELS = {
    "partner": Partner,
    "representative": Representative,
    "contribution": Contribution,
    "benefit": Benefit,
    "report": AnnualReport,
    "outcome": Outcome,
    "risk": Risk,
    "review": CommitteeReview,
}


def deleted_items(authority) -> list[tuple[str, PartnershipItem]]:
    """(kind, row) of the rows of the council's live partnerships deleted on their own, most
    recently deleted first: what an officer can restore one by one."""
    items = []
    for kind, model in ITEM_MODELS.items():
        rows = model.deleted_objects.of_live_partnerships(authority).select_related("partnership")
        items += [(kind, row) for row in rows]
    return sorted(items, key=lambda pair: pair[1].deleted_at, reverse=True)


__all__ = [
    "FIRST_YEAR",
    "ITEM_MODELS",
    "NEEDS_EVIDENCE",
    "REPORT_TYPES",
    "Answer",
    "AnnualReport",
    "Benefit",
    "ChecklistAnswer",
    "ChecklistItem",
    "ChecklistStatus",
    "CommitteeReview",
    "Contribution",
    "DefinitionAnswer",
    "DefinitionCriterion",
    "DefinitionState",
    "Outcome",
    "OutcomeQuerySet",
    "Partner",
    "Partnership",
    "PartnershipItem",
    "PartnershipQuerySet",
    "PartnershipRowQuerySet",
    "PartnershipStatus",
    "RegisterSettings",
    "Representative",
    "Risk",
    "RiskQuerySet",
    "RiskRating",
    "current_financial_year",
    "deleted_items",
    "financial_year_label",
    "financial_year_of",
    "year_has_begun",
]
