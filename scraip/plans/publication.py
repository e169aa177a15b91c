"""Whether an action plan can be read by anyone, without signing in.

Which plans are public is decided in the database (ActionPlanQuerySet.published): sent to the
cabinet, not withdrawn, and published by hand or by the council's setting
(Authority.publishes_plans: when the cabinet has answered every recommendation, by default; as
soon as the plan is sent; or only by hand). This module says so in words on the officers' plan
page, and is the one way a plan's publication changes, so the page, the admin and the demo meet
the same rules. A change is kept in the plan's history, with the reason for a withdrawal.
"""

from dataclasses import dataclass

from django.db import transaction

from scraip.common.versioning import WorkflowError, save_versioned
from scraip.councils.models import Authority

from .models import ActionPlan

Publication = ActionPlan.Publication


@dataclass(frozen=True)
class PublicationState:
    """Whether the plan is public now, and why, in the words of the officers' plan page."""

    public: bool
    reason: str


def is_published(plan: ActionPlan) -> bool:
    """Asked of the database, by the same rule as every public page (one query)."""
    return ActionPlan.objects.published().filter(pk=plan.pk).exists()


def publication_state(plan: ActionPlan) -> PublicationState:
    public = is_published(plan)
    setting = plan.authority.publishes_plans
    if plan.is_draft:
        return PublicationState(False, "Not public: drafts never are.")
    if plan.publication == Publication.WITHDRAWN:
        return PublicationState(False, f"Withdrawn from publication: {plan.withdrawal_reason}")
    if plan.publication == Publication.PUBLISHED:
        return PublicationState(True, "Public: an officer published it.")
    if public:
        when = "once sent to the cabinet"
        if setting == Authority.PlanPublication.WHEN_ANSWERED:
            when = "once the cabinet had responded to every recommendation"
        return PublicationState(True, f"Public: the council publishes its plans {when}.")
    if setting == Authority.PlanPublication.BY_HAND:
        return PublicationState(False, "Not public: the council publishes plans by hand.")
    return PublicationState(
        False,
        "Not public yet: the council publishes its plans once the cabinet has responded to "
        "every recommendation.",
    )


@transaction.atomic
def plan_publication_set(
    *, plan: ActionPlan, publication: str, reason: str = "", loaded_version: int | None
) -> None:
    """Publish the plan by hand, withdraw it (with a reason), or leave it to the council's
    setting. The reason is kept only while it is withdrawn; its history keeps every one."""
    if publication not in Publication.values:
        raise WorkflowError("Choose whether the plan is public")
    plan.publication = publication
    plan.withdrawal_reason = reason.strip() if publication == Publication.WITHDRAWN else ""
    problem = plan.publication_problem()
    if problem:
        raise WorkflowError(problem[1])
    save_versioned(plan, loaded_version=loaded_version)
