"""Dashboards for the scrutiny officer, the cabinet member and the lead officer, and the updates
people owe. Each view names the rules permission that guards it.

The database decides which items are owed, off track or past their target
(FollowedPart.objects.listed()); a chart counts by status in one aggregate query (over the
items' kept rows, models.facts.PartFacts, for a council's or portfolios' charts), and each
list is counted and read a page at a time, so a page reads the rows it shows and no more,
whatever the years of history behind it."""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe
from rules.contrib.views import permission_required

from scraip.councils.models import Meeting, Portfolio
from scraip.councils.rules import authority_ids_for, person_of, portfolios_held
from scraip.plans.models import RecommendationPart

from ..agenda import responses_due
from ..models import FollowedPart, PartFacts
from ..models.state import attach_latest, attention_q
from ..progress import chart_from_counts
from ..reminders import people_not_reached
from .paging import page_of, pages_of

SOON = datetime.timedelta(days=14)
LIST_PAGE = 20  # rows of a dashboard list
OWED_BEFORE_MEETING = 10  # owed updates listed under each meeting (all of them: updates owed)
OWED_PAGE = 25  # rows of the updates owed page, as the other long lists


@login_required
@permission_required("followup.view_officer_dashboard", raise_exception=True)
@require_safe
def dashboard_officer(request):
    """Permission: followup.view_officer_dashboard (scrutiny officers), for their own council."""
    today = timezone.localdate()
    authorities = authority_ids_for(request.user)
    items = FollowedPart.objects.of_authorities(authorities).listed(today)
    standings, totals = (
        PartFacts.objects.following()
        .of_authorities(authorities)
        .counts(attention=attention_q(today))
    )
    attention = page_of(
        request,
        items.needing_attention(today),
        per_page=LIST_PAGE,
        param="attention",
        read=FollowedPart.objects.shown(today),
        total=totals["attention"],
    )
    attach_latest(attention)
    return render(
        request,
        "followup/dashboard_officer.html",
        {
            "responses_due": page_of(
                request,
                responses_due(authorities, today + SOON),
                per_page=LIST_PAGE,
                param="responses",
            ),
            "before_meetings": _owed_before_next_meetings(items, authorities, today),
            "attention": attention,
            "chart": chart_from_counts(standings, "Accepted items by status"),
            "not_reached": people_not_reached(authorities, today),
            "today": today,
        },
    )


def _owed_before_next_meetings(items, authorities, today) -> list[tuple]:
    """Each committee's next meeting with the updates owed by its date: how many, and the first
    OWED_BEFORE_MEETING of them, soonest due first. Three queries for every committee at once:
    the meetings, the first few owed of each committee with how many it owes, and those rows."""
    next_meetings = {}
    for meeting in (
        Meeting.objects.for_authorities(authorities).upcoming(today).select_related("committee")
    ):
        next_meetings.setdefault(meeting.committee_id, meeting)
    if not next_meetings:
        return []
    first = items.first_owed_by_meetings(next_meetings.values(), OWED_BEFORE_MEETING)
    counts = {committee_id: count for _, committee_id, count in first}
    first_ids = [pk for pk, _, _ in first]
    # What each row prints (the item, its plan, its lead, whether the update is late), no more.
    shown = FollowedPart.objects.select_related(
        "recommendation__action_plan", "response__lead_officer"
    ).with_next_report_back(today)
    rows = shown.in_bulk(first_ids) if first_ids else {}
    by_committee: dict[int, list] = {}
    for pk in first_ids:
        item = rows[pk]
        by_committee.setdefault(item.recommendation.action_plan.committee_id, []).append(item)
    return [
        (meeting, by_committee.get(committee_id, []), counts.get(committee_id, 0))
        for committee_id, meeting in next_meetings.items()
    ]


@login_required
@permission_required("followup.view_cabinet_dashboard", raise_exception=True)
@require_safe
def dashboard_cabinet(request):
    """Permission: followup.view_cabinet_dashboard (cabinet members): what awaits their response
    and how their portfolios' accepted items stand."""
    person = person_of(request.user)
    portfolio_ids = (
        list(portfolios_held(person))
        if person
        else list(Portfolio.objects.values_list("pk", flat=True))
    )
    awaiting = (
        RecommendationPart.objects.awaiting_response()
        .for_portfolios(portfolio_ids)
        .with_plan()
        .order_by(
            "recommendation__action_plan__response_deadline", "recommendation__position", "pk"
        )
    )
    items = FollowedPart.objects.for_portfolios(portfolio_ids).listed()
    standings = PartFacts.objects.following().for_portfolios(portfolio_ids).standing_counts()
    shown = page_of(
        request,
        items,
        per_page=LIST_PAGE,
        param="items",
        read=FollowedPart.objects.shown(),
        total=sum(standings.values()),
    )
    attach_latest(shown)
    return render(
        request,
        "followup/dashboard_cabinet.html",
        {
            "awaiting": page_of(request, awaiting, per_page=LIST_PAGE, param="awaiting"),
            "items": shown,
            "chart": chart_from_counts(standings, "My portfolios' accepted items by status"),
            "today": timezone.localdate(),
        },
    )


@login_required
@permission_required("followup.view_lead_dashboard", raise_exception=True)
@require_safe
def dashboard_lead(request):
    """Permission: followup.view_lead_dashboard (officers): the actions they lead."""
    led = FollowedPart.objects.led_by(person_of(request.user))
    items = led.listed()
    lists = pages_of(
        request,
        FollowedPart.objects.shown(),
        per_page=LIST_PAGE,
        few=True,  # one officer's, among the whole network's (see paging._by_row_number)
        items=items,
        owed=items.owing_updates(),
        attention=items.needing_attention(),
    )
    attach_latest(lists["attention"])
    return render(
        request,
        "followup/dashboard_lead.html",
        {
            **lists,
            "chart": chart_from_counts(
                led.tallied().standing_counts(),
                "The actions I lead, by status",
            ),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_safe
def updates_owed(request):
    """Permission: followup.list_updates_owed (officers). A lead officer sees the updates they
    owe; a scrutiny officer, everyone's at their council."""
    if not request.user.has_perm("followup.list_updates_owed"):
        raise PermissionDenied
    items = FollowedPart.objects.listed().of_authorities(authority_ids_for(request.user))
    everyone = request.user.has_perm("plans.add_actionplan")
    if not everyone:
        items = items.led_by(person_of(request.user))
    return render(
        request,
        "followup/progress_owed.html",
        {
            "owed": page_of(
                request,
                items.owing_updates(),
                per_page=OWED_PAGE,
                read=FollowedPart.objects.shown(),
                few=not everyone,
            ),
            "everyone": everyone,
            "today": timezone.localdate(),
        },
    )
