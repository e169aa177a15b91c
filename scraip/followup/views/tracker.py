"""The tracker of an action plan or a committee, its spreadsheet round trip, and the updates
people owe. Each view names the rules permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from scraip.councils.models import Committee
from scraip.councils.rules import authorities_for, person_of
from scraip.plans.views.fetch import get_plan_for_user

from .. import tracker
from ..agenda import needs_attention, next_report_back, owed_updates
from ..forms import (
    TrackerImportForm,
)
from ..models import FollowedPart
from ..progress import status_chart

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_safe
def updates_owed(request):
    """Permission: followup.list_updates_owed (officers). A lead officer sees the updates they
    owe; a scrutiny officer, everyone's at their council."""
    if not request.user.has_perm("followup.list_updates_owed"):
        raise PermissionDenied
    person = person_of(request.user)
    items = FollowedPart.objects.followed().of_authorities(authorities_for(request.user))
    everyone = request.user.has_perm("plans.add_actionplan")
    if not everyone:
        items = items.led_by(person)
    return render(
        request,
        "followup/progress_owed.html",
        {"owed": owed_updates(items), "everyone": everyone, "today": timezone.localdate()},
    )


@login_required
@require_safe
def plan_tracker(request, pk):
    """Permission: plans.view_actionplan. Every accepted item's self-reported status beside
    the committee's verdict."""
    plan = get_plan_for_user(request, pk)
    items = list(FollowedPart.objects.followed().of_plan(plan))
    return render(
        request,
        "followup/progress_tracker.html",
        {
            "plan": plan,
            "items": items,
            "attention": needs_attention(items),
            "chart": status_chart(items, f"Progress on {plan.title}"),
            "can_import": request.user.has_perm("plans.change_actionplan", plan),
            "next_report_back": next_report_back(items[0]) if items else None,
        },
    )


def _spreadsheet(items, title: str, fmt: str) -> HttpResponse:
    filename = f"tracker-{slugify(title)[:60]}.{fmt}"
    if fmt == "xlsx":
        response = HttpResponse(tracker.export_xlsx(items, title), content_type=XLSX)
    elif fmt == "csv":
        response = HttpResponse(tracker.export_csv(items), content_type="text/csv; charset=utf-8")
    else:
        raise Http404("No such format")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def plan_tracker_export(request, pk, fmt):
    """Permission: plans.view_actionplan. The tracker as XLSX or CSV."""
    plan = get_plan_for_user(request, pk)
    items = FollowedPart.objects.followed().of_plan(plan)
    return _spreadsheet(items, plan.title, fmt)


def _get_committee_for_user(request, pk, permission="plans.list_actionplans"):
    committee = get_object_or_404(
        Committee.objects.select_related("authority"),
        pk=pk,
        authority__in=authorities_for(request.user),
    )
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return committee


def _committee_items(committee):
    return FollowedPart.objects.followed().of_committee(committee)


@login_required
@require_safe
def committee_tracker_export(request, pk, fmt):
    """Permission: plans.list_actionplans, for a committee of the user's own council."""
    committee = _get_committee_for_user(request, pk)
    return _spreadsheet(_committee_items(committee), committee.name, fmt)


def _import(request, items, back_url, title):
    form = TrackerImportForm(request.POST or None, request.FILES or None)
    errors, imported = [], None
    if request.method == "POST" and form.is_valid():
        items_by_id = {item.pk: item for item in items}
        try:
            rows, errors = tracker.check_rows(form.cleaned_data["spreadsheet"], items_by_id)
            if not errors:
                imported = tracker.tracker_import(rows=rows, entered_by=request.user)
        except tracker.ImportRefused as refusal:
            form.add_error("spreadsheet", str(refusal))
        if imported is not None:
            messages.success(
                request, f"{imported} progress update{'s' if imported != 1 else ''} imported."
            )
            return redirect(back_url)
    return render(
        request,
        "followup/progress_import.html",
        {"form": form, "row_errors": errors, "back_url": back_url, "title": title},
    )


@login_required
def plan_tracker_import(request, pk):
    """Permission: plans.change_actionplan. All rows are checked first; all or nothing."""
    plan = get_plan_for_user(request, pk, "plans.change_actionplan")
    items = FollowedPart.objects.followed().of_plan(plan)
    back_url = reverse("followup:plan_tracker", args=[plan.pk])
    return _import(request, items, back_url, plan.title)


@login_required
def committee_tracker_import(request, pk):
    """Permission: plans.add_actionplan (scrutiny officers) of the committee's council."""
    committee = _get_committee_for_user(request, pk, "plans.add_actionplan")
    back_url = reverse("followup:meeting_list") + f"?committee={committee.pk}"
    return _import(request, _committee_items(committee), back_url, committee.name)
