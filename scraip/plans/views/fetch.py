"""Fetch helpers: each scopes by permission before anything else."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from scraip.common.prefetch import read_into_list
from scraip.councils.models import PortfolioTerm
from scraip.councils.rules import person_of, portfolios_held

from ..models import ActionPlan, RecommendationPart


def get_plan_for_user(request, pk, permission="plans.view_actionplan"):
    """A plan the user may see (404 otherwise), then 403 if they may not do `permission` to it."""
    plan = get_object_or_404(ActionPlan.objects.select_related("authority", "committee"), pk=pk)
    if not request.user.has_perm("plans.view_actionplan", plan):
        raise Http404("No action plan found")
    if not request.user.has_perm(permission, plan):
        raise PermissionDenied
    return plan


def get_part_for_user(request, pk):
    part = get_object_or_404(
        RecommendationPart.objects.select_related(
            "recommendation__action_plan__authority",
            "recommendation__action_plan__committee",
            "recommendation__portfolio",
        ),
        pk=pk,
    )
    if not request.user.has_perm("plans.view_actionplan", part.recommendation.action_plan):
        raise Http404("No recommendation found")
    if not request.user.has_perm("plans.respond_to_part", part):
        raise PermissionDenied
    return part


def held_portfolio_ids(user) -> frozenset[int]:
    person = person_of(user)
    return portfolios_held(person) if person else frozenset()


def plan_detail_queryset(plan):
    """Everything the plan page and PDF print, in a fixed number of queries. The rows' lists are
    read into plain lists (scraip.common.prefetch: Recommendation.sub_parts,
    Response.supporting, Portfolio.holder_on), so that no query object is built for each row."""
    parts = RecommendationPart.objects.select_related(
        "response__lead_officer", "response__responded_by", "response__entered_by__person"
    ).prefetch_related(read_into_list("response__supporting_officers"))
    terms = PortfolioTerm.objects.select_related("holder")
    recommendations = plan.recommendations.select_related(
        "portfolio", "addressee_officer"
    ).prefetch_related(
        read_into_list("parts", parts),
        read_into_list("portfolio__terms", terms),
    )
    return recommendations, plan.report_backs.select_related("meeting__committee")
