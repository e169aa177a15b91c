"""The SCRAIP action plans.

A SCRAIP (Scrutiny Committee Recommendation Action and Implementation Plan) holds the
recommendations of one scrutiny report, the cabinet's answer to each answerable part, and the
dates on which the committee hears what became of them.
"""

from .plans import ActionPlan, ActionPlanQuerySet, ReportBack
from .recommendations import (
    Addressee,
    Recommendation,
    RecommendationPart,
    RecommendationPartQuerySet,
    RecommendationQuerySet,
)
from .responses import Response

__all__ = [
    "ActionPlan",
    "Addressee",
    "ActionPlanQuerySet",
    "Recommendation",
    "RecommendationPart",
    "RecommendationPartQuerySet",
    "RecommendationQuerySet",
    "ReportBack",
    "Response",
]
