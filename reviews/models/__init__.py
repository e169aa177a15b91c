"""Task-and-finish reviews: what a review sets out to do, who carries it out, how it gathers its
evidence, what it costs, the papers it publishes, and the action plans its recommendations become.

A review belongs to a lead authority and, when it is a joint review, to the other councils that
take part (seed 002: Maidstone, Swale and Tunbridge Wells). The core SCRAIP app knows nothing of
reviews: a review points at the action plans made from its final report.

The models live by concern in this package; every name other modules use is imported here.
"""

from .costs import CostItem
from .documents import ReviewDocument
from .evidence import Activity, ActivityPart, Witness, number_steps
from .members import ReviewMember
from .reviews import (
    Review,
    ReviewActionPlan,
    ReviewStatusChange,
    report_deadline_of,
)
from .vocabularies import ReviewStatus, Stage

__all__ = [
    "Activity",
    "ActivityPart",
    "CostItem",
    "Review",
    "ReviewActionPlan",
    "ReviewDocument",
    "ReviewMember",
    "ReviewStatus",
    "ReviewStatusChange",
    "Stage",
    "Witness",
    "number_steps",
    "report_deadline_of",
]
