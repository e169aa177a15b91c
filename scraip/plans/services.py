"""Workflows of an action plan that touch several rows at once. Each runs in one transaction."""

import datetime

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from scraip.common.versioning import StaleEdit, WorkflowError, save_versioned

from .models import ActionPlan, Recommendation, RecommendationPart, Response


@transaction.atomic
def recommendation_save(
    *, recommendation: Recommendation, part_formset, loaded_version: int | None
) -> Recommendation:
    """Save a recommendation and its sub-parts, keeping exactly one answerable whole when none.

    Sub-parts and the unnumbered whole never coexist: numbering a recommendation's parts replaces
    the whole, and removing every sub-part brings the whole back.
    """
    _make_room_at(recommendation)
    save_versioned(recommendation, loaded_version=loaded_version)
    part_formset.instance = recommendation
    part_formset.save()
    parts = recommendation.parts.all()
    whole = parts.filter(numeral="").first()
    numbered = parts.exclude(numeral="").exists()
    if numbered and whole:
        if hasattr(whole, "response"):
            raise WorkflowError(
                "This recommendation has already been answered as a whole, so it cannot be "
                "split into sub-parts."
            )
        whole.delete()
    elif not numbered and not whole:
        RecommendationPart.objects.create(recommendation=recommendation, numeral="", position=0)
    return recommendation


def _make_room_at(recommendation: Recommendation) -> None:
    """Giving a recommendation the position another holds inserts it there, as the seed's G was
    moved up between B and C; the rest move down one place."""
    siblings = Recommendation.objects.filter(action_plan=recommendation.action_plan_id).exclude(
        pk=recommendation.pk
    )
    if siblings.filter(position=recommendation.position).exists():
        siblings.filter(position__gte=recommendation.position).update(position=F("position") + 1)


@transaction.atomic
def action_plan_send_for_response(*, plan: ActionPlan, received_on: datetime.date) -> None:
    if not plan.is_draft:
        raise WorkflowError("This action plan has already been sent for a response.")
    if not RecommendationPart.objects.filter(recommendation__action_plan=plan).exists():
        raise WorkflowError("Add at least one recommendation before sending the plan.")
    if plan.recommendations.filter(portfolio__isnull=True).exists():
        raise WorkflowError(
            "Give every recommendation a cabinet portfolio before sending the plan."
        )
    plan.set_received_on(received_on)
    plan.status = ActionPlan.Status.AWAITING_RESPONSE
    plan.save()


@transaction.atomic
def response_record(*, response: Response, entered_by, loaded_version: int | None) -> Response:
    """Save a response and, when it is the plan's last answer, mark the plan as responded.

    A first answer locks its part, so two people answering the same part at once cannot both
    create one: the second sees the first's answer as a stale edit.
    """
    response.entered_by = entered_by
    response.responded_on = response.responded_on or timezone.localdate()
    if response.pk is None:
        RecommendationPart.objects.select_for_update().get(pk=response.part_id)
        existing = Response.objects.filter(part=response.part_id).first()
        if existing:
            raise StaleEdit(existing)
    save_versioned(response, loaded_version=loaded_version)
    plan = ActionPlan.objects.select_for_update().get(
        pk=response.part.recommendation.action_plan_id
    )
    unanswered = RecommendationPart.objects.filter(
        recommendation__action_plan=plan, response__isnull=True
    )
    if plan.awaits_response and not unanswered.exists():
        plan.status = ActionPlan.Status.RESPONDED
        plan.save(update_fields=["status", "updated_at"])
    return response
