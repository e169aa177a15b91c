"""Review workflows that touch several rows at once. Each runs in one transaction."""

import datetime

from django.db import transaction
from django.utils import timezone

from scraip.common.versioning import StaleEdit, WorkflowError, save_versioned
from scraip.councils.models import Committee
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart

from .models import Review, ReviewActionPlan, ReviewStatusChange
from .recommendation_text import ParsedRecommendation

STATUS_ORDER = list(Review.Status.values)


@transaction.atomic
def review_create(*, review: Review, participants, committees, created_by) -> Review:
    """Save a proposed review with its councils and committees, and date its first status."""
    review.status = Review.Status.PROPOSED
    review.save()
    review.participating_authorities.set({*participants, review.lead_authority})
    review.commissioning_committees.set(committees)
    ReviewStatusChange.objects.create(
        review=review,
        to_status=Review.Status.PROPOSED,
        changed_on=timezone.localdate(),
        changed_by=created_by,
    )
    return review


@transaction.atomic
def review_save(*, review: Review, participants, committees, loaded_version: int) -> Review:
    save_versioned(review, loaded_version=loaded_version)
    review.participating_authorities.set({*participants, review.lead_authority})
    review.commissioning_committees.set(committees)
    return review


def is_step_back(from_status: str, to_status: str) -> bool:
    return STATUS_ORDER.index(to_status) < STATUS_ORDER.index(from_status)


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
    if is_step_back(current.status, to_status) and not note.strip():
        raise WorkflowError("Give the reason for moving the review back.")
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
