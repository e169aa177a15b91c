"""Private calendar feeds: each person makes, reads and revokes only their own."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST, require_safe
from rules.contrib.views import permission_required

from scraip.councils.models import Committee
from scraip.councils.rules import authorities_for, person_of

from ..forms import (
    MY_DATES,
    CalendarFeedForm,
)
from ..ical import feed_calendar
from ..models import CalendarFeed


@login_required
@permission_required("followup.use_calendar_feeds", raise_exception=True)
def calendar_feeds(request):
    """Permission: followup.use_calendar_feeds (anyone with a role at a council). Each person
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
        return redirect("followup:calendar_feeds")
    feeds = request.user.calendar_feeds.active().select_related("committee", "person")
    return render(request, "followup/calendar_feeds.html", {"form": form, "feeds": feeds})


@login_required
@require_POST
def calendar_feed_revoke(request, pk):
    """Permission: the feed's owner only (404 for anyone else)."""
    feed = get_object_or_404(request.user.calendar_feeds.active(), pk=pk)
    feed.revoked_at = timezone.now()
    feed.save(update_fields=["revoked_at"])
    messages.success(request, "Calendar address revoked: it no longer shows anything.")
    return redirect("followup:calendar_feeds")


@require_safe
def calendar_feed(request, token):
    """Permission: none but the token: public, read-only, this one feed. 404 once revoked, and
    while its owner's sign-in is deactivated (someone who left takes no feed with them)."""
    feed = (
        CalendarFeed.objects.active()
        .select_related("committee", "person")
        .filter(token=token, owner__is_active=True)
        .first()
    )
    if feed is None:
        raise Http404("No such calendar")
    response = HttpResponse(feed_calendar(feed), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response
