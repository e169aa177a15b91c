"""The tracker of an action plan or a committee and its spreadsheet round trip. Each view
names the rules permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_safe

from scraip.councils.models import Committee
from scraip.councils.rules import authorities_for
from scraip.plans.views.fetch import get_plan_for_user

from .. import tracker
from ..agenda import needs_attention, next_report_back
from ..forms import TrackerImportForm
from ..models import FollowedPart
from ..models.state import attach_latest
from ..progress import status_chart

FORMATS = ("xlsx", "csv")


@login_required
@require_safe
def plan_tracker(request, pk):
    """Permission: plans.view_actionplan. Every accepted item's self-reported status beside
    the committee's verdict."""
    plan = get_plan_for_user(request, pk)
    items = list(FollowedPart.objects.listed().of_plan(plan))
    attach_latest(items)  # the page prints each item's latest update and verdict, no more
    return render(
        request,
        "followup/progress_tracker.html",
        {
            "plan": plan,
            "items": items,
            "attention": needs_attention(items),
            "chart": status_chart(items, f"Progress on {plan.title}"),
            "can_import": request.user.has_perm("plans.change_actionplan", plan),
            "next_report_back": next_report_back(plan),
        },
    )


def _spreadsheet(items, title: str, fmt: str):
    if fmt not in FORMATS:
        raise Http404("No such format")
    return tracker.export_response(items, title=title, fmt=fmt)


@login_required
@require_safe
def plan_tracker_export(request, pk, fmt):
    """Permission: plans.view_actionplan. The tracker as XLSX or CSV, streamed."""
    plan = get_plan_for_user(request, pk)
    return _spreadsheet(FollowedPart.objects.listed().of_plan(plan), plan.title, fmt)


@login_required
@require_safe
def council_tracker_export(request, pk, fmt):
    """Permission: plans.list_actionplans, for the user's own council. Every followed item of
    every plan the council has sent to its cabinet, in one spreadsheet."""
    authority = get_object_or_404(authorities_for(request.user), pk=pk)
    if not request.user.has_perm("plans.list_actionplans"):
        raise PermissionDenied
    items = FollowedPart.objects.listed().of_authorities([authority.pk])
    return _spreadsheet(items, f"{authority.name} tracker", fmt)


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
    return FollowedPart.objects.listed().of_committee(committee)


@login_required
@require_safe
def committee_tracker_export(request, pk, fmt):
    """Permission: plans.list_actionplans, for a committee of the user's own council."""
    committee = _get_committee_for_user(request, pk)
    return _spreadsheet(_committee_items(committee), committee.name, fmt)


def _import(request, items, back_url, title):
    form = TrackerImportForm(request.POST or None, request.FILES or None)
    row_errors = []
    if request.method == "POST" and form.is_valid():
        try:
            imported = tracker.tracker_import(
                file=form.cleaned_data["spreadsheet"], items=items, entered_by=request.user
            )
        except tracker.ImportRefused as refusal:
            form.add_error("spreadsheet", str(refusal))
        except tracker.RowsRefused as refused:
            row_errors = refused.errors
        else:
            messages.success(
                request, f"{imported} progress update{'s' if imported != 1 else ''} imported."
            )
            return redirect(back_url)
    return render(
        request,
        "followup/progress_import.html",
        {"form": form, "row_errors": row_errors, "back_url": back_url, "title": title},
    )


@login_required
def plan_tracker_import(request, pk):
    """Permission: plans.change_actionplan. All rows are checked first; all or nothing."""
    plan = get_plan_for_user(request, pk, "plans.change_actionplan")
    items = FollowedPart.objects.listed().of_plan(plan)
    back_url = reverse("followup:plan_tracker", args=[plan.pk])
    return _import(request, items, back_url, plan.title)


@login_required
def committee_tracker_import(request, pk):
    """Permission: plans.add_actionplan (scrutiny officers) of the committee's council."""
    committee = _get_committee_for_user(request, pk, "plans.add_actionplan")
    back_url = reverse("followup:meeting_list") + f"?committee={committee.pk}"
    return _import(request, _committee_items(committee), back_url, committee.name)
