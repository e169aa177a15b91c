"""Dashboards for the scrutiny officer, the cabinet member and the lead officer, and the
private calendar feeds. Each view names the rules permission that guards it."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from rules.contrib.views import permission_required

from .followup import followed_items, needs_attention, owed_updates
from .ical import feed_calendar
from .models import ActionPlan, CalendarFeed, Committee, Meeting, Portfolio, RecommendationPart
from .progress import status_chart
from .progress_forms import MY_DATES, CalendarFeedForm
from .rules import person_of
from .views import authorities_for

SOON_DAYS = 14


@login_required
@permission_required("scraip.view_officer_dashboard", raise_exception=True)
@require_safe
def dashboard_officer(request):
    """Permission: scraip.view_officer_dashboard (scrutiny officers), for their own council."""
    today = timezone.localdate()
    authorities = authorities_for(request.user)
    responses_due = (
        ActionPlan.objects.for_authorities(authorities)
        .filter(
            status=ActionPlan.Status.AWAITING_RESPONSE,
            response_deadline__lte=today + datetime.timedelta(days=SOON_DAYS),
        )
        .select_related("committee")
        .annotate(
            awaiting=Count(
                "recommendations__parts",
                filter=Q(recommendations__parts__response__isnull=True),
            )
        )
        .order_by("response_deadline", "pk")
    )
    items = list(followed_items().filter(recommendation__action_plan__authority__in=authorities))
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
        "scraip/dashboard_officer.html",
        {
            "responses_due": responses_due,
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
@permission_required("scraip.view_cabinet_dashboard", raise_exception=True)
@require_safe
def dashboard_cabinet(request):
    """Permission: scraip.view_cabinet_dashboard (cabinet members): what awaits their response
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
    items = list(followed_items().filter(recommendation__portfolio__in=portfolio_ids))
    return render(
        request,
        "scraip/dashboard_cabinet.html",
        {
            "awaiting": awaiting,
            "items": items,
            "chart": status_chart(items, "My portfolios' accepted items by status"),
            "today": timezone.localdate(),
        },
    )


@login_required
@permission_required("scraip.view_lead_dashboard", raise_exception=True)
@require_safe
def dashboard_lead(request):
    """Permission: scraip.view_lead_dashboard (officers): the actions they lead."""
    person = person_of(request.user)
    items = list(followed_items().filter(response__lead_officer=person))
    return render(
        request,
        "scraip/dashboard_lead.html",
        {
            "items": items,
            "owed": owed_updates(items),
            "attention": needs_attention(items),
            "chart": status_chart(items, "The actions I lead, by status"),
            "today": timezone.localdate(),
        },
    )


@login_required
@permission_required("scraip.use_calendar_feeds", raise_exception=True)
def calendar_feeds(request):
    """Permission: scraip.use_calendar_feeds (anyone with a role at a council). Each person
    sees and revokes only their own feeds."""
    person = person_of(request.user)
    committees = Committee.objects.filter(authority__in=authorities_for(request.user))
    form = CalendarFeedForm(request.POST or None, committees=committees, person=person)
    if request.method == "POST" and form.is_valid():
        choice = form.cleaned_data["calendar"]
        CalendarFeed.objects.create(
            owner=request.user,
            person=person if choice == MY_DATES else None,
            committee=None if choice == MY_DATES else form.committees[choice],
        )
        messages.success(request, "Calendar address created. Copy it into your calendar.")
        return redirect("scraip:calendar_feeds")
    feeds = request.user.calendar_feeds.active().select_related("committee", "person")
    return render(request, "scraip/calendar_feeds.html", {"form": form, "feeds": feeds})


@login_required
@require_POST
def calendar_feed_revoke(request, pk):
    """Permission: the feed's owner only (404 for anyone else)."""
    feed = get_object_or_404(request.user.calendar_feeds.active(), pk=pk)
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    messages.success(request, "Calendar address revoked: it no longer shows anything.")
    return redirect("scraip:calendar_feeds")


@require_safe
def calendar_feed(request, token):
    """Permission: none but the token: public, read-only, this one feed. 404 once revoked."""
    feed = (
        CalendarFeed.objects.active()
        .select_related("committee", "person")
        .filter(token=token)
        .first()
    )
    if feed is None:
        raise Http404("No such calendar")
    response = HttpResponse(feed_calendar(feed), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
