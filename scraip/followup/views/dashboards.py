"""Dashboards for the scrutiny officer, the cabinet member and the lead officer. Each view names
the rules permission that guards it."""

import datetime

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from rules.contrib.views import permission_required

from scraip.councils.models import Meeting, Portfolio
from scraip.councils.rules import authorities_for, person_of
from scraip.plans.models import RecommendationPart

from ..agenda import needs_attention, owed_updates, responses_due
from ..models import FollowedPart
from ..progress import status_chart

SOON = datetime.timedelta(days=14)


@login_required
@permission_required("followup.view_officer_dashboard", raise_exception=True)
@require_safe
def dashboard_officer(request):
    """Permission: followup.view_officer_dashboard (scrutiny officers), for their own council."""
    today = timezone.localdate()
    authorities = authorities_for(request.user)
    items = list(FollowedPart.objects.followed().of_authorities(authorities))
    owed = owed_updates(items)
    next_meetings = {}
    for meeting in (
        Meeting.objects.for_authorities(authorities).upcoming(today).select_related("committee")
    ):
        next_meetings.setdefault(meeting.committee_id, meeting)
    before_meetings = [
        (meeting, [entry for entry in owed if _due_before(entry, meeting)])
        for meeting in next_meetings.values()
    ]
    return render(
        request,
        "followup/dashboard_officer.html",
        {
            "responses_due": responses_due(authorities, today + SOON),
            "before_meetings": before_meetings,
            "attention": needs_attention(items, today),
            "chart": status_chart(items, "Accepted items by status"),
            "today": today,
        },
    )


def _due_before(owed, meeting) -> bool:
    plan = owed.item.recommendation.action_plan
    return plan.committee_id == meeting.committee_id and owed.due <= meeting.date


@login_required
@permission_required("followup.view_cabinet_dashboard", raise_exception=True)
@require_safe
def dashboard_cabinet(request):
    """Permission: followup.view_cabinet_dashboard (cabinet members): what awaits their response
    and how their portfolios' accepted items stand."""
    person = person_of(request.user)
    portfolios = Portfolio.objects.held_by(person) if person else Portfolio.objects.all()
    portfolio_ids = list(portfolios.values_list("pk", flat=True))
    awaiting = (
        RecommendationPart.objects.awaiting_response()
        .for_portfolios(portfolio_ids)
        .with_plan()
        .order_by("recommendation__action_plan__response_deadline", "recommendation__position")
    )
    items = list(FollowedPart.objects.followed().for_portfolios(portfolio_ids))
    return render(
        request,
        "followup/dashboard_cabinet.html",
        {
            "awaiting": awaiting,
            "items": items,
            "chart": status_chart(items, "My portfolios' accepted items by status"),
            "today": timezone.localdate(),
        },
    )


@login_required
@permission_required("followup.view_lead_dashboard", raise_exception=True)
@require_safe
def dashboard_lead(request):
    """Permission: followup.view_lead_dashboard (officers): the actions they lead."""
    person = person_of(request.user)
    items = list(FollowedPart.objects.followed().led_by(person))
    return render(
        request,
        "followup/dashboard_lead.html",
        {
            "items": items,
            "owed": owed_updates(items),
            "attention": needs_attention(items),
            "chart": status_chart(items, "The actions I lead, by status"),
            "today": timezone.localdate(),
        },
    )
