"""From the final report to the SCRAIP."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scraip.common.versioning import WorkflowError
from scraip.councils.models import Committee
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart

from ..models import Review, ReviewActionPlan
from ..recommendation_text import ParsedRecommendation


def publication_problem(published: datetime.date | None) -> str | None:
    """Why a final report cannot have been published on this date: only a report already out
    has recommendations to turn into a plan."""
    if published and published > timezone.localdate():
        return "The date of publication must be today or earlier"
    return None


@transaction.atomic
def review_create_action_plan(
    *,
    review: Review,
    committee: Committee,
    title: str,
    publication_date: datetime.date,
    recommendations: list[ParsedRecommendation],
    created_by,
) -> ActionPlan:
    """Turn the final report's recommendations into a draft SCRAIP linked to the review.

    Each recommendation gets its sub-parts, or, with none, the single unnumbered part the cabinet
    answers as a whole (the invariant `scraip.services.recommendation_save` keeps). One plan per
    council: the review's row is locked so a double-clicked button cannot make two.
    """
    if problem := publication_problem(publication_date):
        raise ValidationError({"publication_date": problem})
    Review.objects.select_for_update().get(pk=review.pk)
    if review.action_plans.filter(authority=committee.authority_id).exists():
        raise WorkflowError(
            f"This review already has an action plan for {committee.authority}. Add any further "
            "recommendations on that plan's page."
        )
    plan = ActionPlan.objects.create(
        authority=committee.authority,
        committee=committee,
        title=title,
        publication_date=publication_date,
    )
    for position, parsed in enumerate(recommendations, start=1):
        recommendation = Recommendation.objects.create(
            action_plan=plan, letter=parsed.letter, position=position, text=parsed.text
        )
        if parsed.parts:
            for part_position, part in enumerate(parsed.parts, start=1):
                RecommendationPart.objects.create(
                    recommendation=recommendation,
                    numeral=part.numeral,
                    position=part_position,
                    text=part.text,
                )
        else:
            RecommendationPart.objects.create(recommendation=recommendation, numeral="")
    ReviewActionPlan.objects.create(review=review, action_plan=plan, created_by=created_by)
    return plan
