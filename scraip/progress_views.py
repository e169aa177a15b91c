"""Pages for following up an action plan's accepted items: progress updates, the committee's
verdicts, target date changes, the updates people owe, and the tracker with its spreadsheet
round trip. Each view names the rules permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe

from . import services, tracker
from .followup import followed_items, needs_attention, next_report_back, owed_updates
from .models import Committee, Meeting, Person, ProgressUpdate, RecommendationPart
from .progress import prefetch_progress, status_chart
from .progress_forms import ProgressForm, TargetDateForm, TrackerImportForm, VerdictForm
from .rules import person_of
from .uploads import safe_download_response
from .views import _get_plan_for_user, authorities_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _get_item_for_user(request, pk, permission=None):
    """An accepted item the user may see (404 otherwise), then 403 without `permission`."""
    part = get_object_or_404(
        prefetch_progress(
            RecommendationPart.objects.alive().select_related(
                "recommendation__action_plan__authority",
                "recommendation__action_plan__committee",
                "recommendation__portfolio",
                "response__lead_officer",
            )
        ),
        pk=pk,
    )
    plan = part.recommendation.action_plan
    if not part.is_trackable or not request.user.has_perm("scraip.view_actionplan", plan):
        raise Http404("No accepted recommendation found")
    if permission and not request.user.has_perm(permission, part):
        raise PermissionDenied
    return part


def _get_update_for_user(request, pk, permission=None):
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("content_type", "report_back"), pk=pk
    )
    if update.content_type.model_class() is not RecommendationPart:
        raise Http404("No progress update found")
    update.subject = _get_item_for_user(request, update.object_id)
    if permission and not request.user.has_perm(permission, update):
        raise PermissionDenied
    return update


@login_required
@require_safe
def progress_item(request, pk):
    """Permission: scraip.view_actionplan on the item's plan. Self-reported progress and the
    committee's verdicts side by side, with every update and target date change."""
    part = _get_item_for_user(request, pk)
    user = request.user
    return render(
        request,
        "scraip/progress_item.html",
        {
            "item": part,
            "plan": part.recommendation.action_plan,
            "can_report": user.has_perm("scraip.report_progress", part) and not part.is_closed,
            "can_move_target": user.has_perm("scraip.change_target_date", part)
            and not part.is_closed,
            "evidence_url_name": "scraip:progress_evidence",
        },
    )


def _progress_form(request, part, update=None):
    plan = part.recommendation.action_plan
    person = person_of(request.user)
    author = update.reported_by if update else part.progress_lead()
    on_behalf = not (person and author and person.pk == author.pk)
    open_report_backs = plan.report_backs.filter(
        Q(completed=False) | Q(pk=update.report_back_id if update else None)
    ).select_related("meeting")
    initial = {}
    if update is None:
        first_open = open_report_backs.first()
        initial["report_back"] = first_open.pk if first_open else None
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        instance=update,
        initial=initial,
        subject=part,
        report_backs=open_report_backs,
        on_behalf=on_behalf,
        reporters=Person.objects.officers().filter(authority=plan.authority_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            form.record(person=person, entered_by=request.user, update=update)
        except services.StaleEdit as stale:
            form.report_stale_edit(stale.current)
        except services.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Progress update on {part} saved.")
            return redirect("scraip:progress_item", part.pk)
    return render(
        request,
        "scraip/progress_form.html",
        {"form": form, "item": part, "plan": plan, "update": update},
    )


@login_required
def progress_add(request, pk):
    """Permission: scraip.report_progress (the item's lead officer, or a scrutiny officer of
    the council writing on someone's behalf)."""
    part = _get_item_for_user(request, pk, "scraip.report_progress")
    return _progress_form(request, part)


@login_required
def progress_edit(request, pk):
    """Permission: scraip.change_progressupdate (who reported or typed it, or a scrutiny
    officer of the council). Every earlier wording stays in the update's history."""
    update = _get_update_for_user(request, pk, "scraip.change_progressupdate")
    return _progress_form(request, update.subject, update)


@login_required
@require_safe
def progress_evidence(request, pk):
    """Permission: scraip.view_actionplan on the item's plan. Sent as an attachment."""
    update = _get_update_for_user(request, pk)
    if not update.evidence_file:
        raise Http404("No evidence file")
    return safe_download_response(update.evidence_file, update.evidence_name or "evidence")


@login_required
def verdict_record(request, pk, meeting_pk):
    """Permission: scraip.record_verdict (scrutiny officers of the council, recording what
    the committee decided at the meeting)."""
    part = _get_item_for_user(request, pk, "scraip.record_verdict")
    plan = part.recommendation.action_plan
    meeting = get_object_or_404(
        Meeting.objects.select_related("committee"),
        pk=meeting_pk,
        committee__authority=plan.authority_id,
    )
    verdict = part.verdict_at(meeting)
    form = VerdictForm(request.POST or None, instance=verdict, subject=part)
    if request.method == "POST" and form.is_valid():
        try:
            services.verdict_record(
                subject=part,
                meeting=meeting,
                verdict=form.cleaned_data["verdict"],
                invited_back=form.cleaned_data["invited_back"],
                note=form.cleaned_data["note"],
                report_back=plan.report_backs.filter(meeting=meeting).first(),
                recorded_by=request.user,
                instance=verdict,
                loaded_version=form.loaded_version,
            )
        except services.StaleEdit as stale:
            form.report_stale_edit(stale.current)
        except services.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"The committee's verdict on {part} saved.")
            return redirect(f"{meeting.get_absolute_url()}#item-{part.pk}")
    return render(
        request,
        "scraip/progress_verdict.html",
        {"form": form, "item": part, "plan": plan, "meeting": meeting},
    )


@login_required
def target_date_change(request, pk):
    """Permission: scraip.change_target_date (the lead officer, or a scrutiny officer)."""
    part = _get_item_for_user(request, pk, "scraip.change_target_date")
    form = TargetDateForm(request.POST or None, subject=part)
    if request.method == "POST" and form.is_valid():
        new_date, precision = form.cleaned_data["new_target"]
        try:
            services.target_date_change(
                subject=part,
                new_date=new_date,
                new_precision=precision,
                reason=form.cleaned_data["reason"],
                changed_by=request.user,
                loaded_version=form.loaded_version,
            )
        except services.StaleEdit as stale:
            form.report_stale_edit(stale.current)
        except services.WorkflowError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Target date of {part} changed.")
            return redirect("scraip:progress_item", part.pk)
    return render(
        request,
        "scraip/progress_target.html",
        {"form": form, "item": part, "plan": part.recommendation.action_plan},
    )


@login_required
@require_safe
def updates_owed(request):
    """Permission: scraip.list_updates_owed (officers). A lead officer sees the updates they
    owe; a scrutiny officer, everyone's at their council."""
    if not request.user.has_perm("scraip.list_updates_owed"):
        raise PermissionDenied
    person = person_of(request.user)
    items = followed_items().filter(
        recommendation__action_plan__authority__in=authorities_for(request.user)
    )
    everyone = request.user.has_perm("scraip.add_actionplan")
    if not everyone:
        items = items.filter(response__lead_officer=person)
    return render(
        request,
        "scraip/progress_owed.html",
        {"owed": owed_updates(items), "everyone": everyone, "today": timezone.localdate()},
    )


@login_required
@require_safe
def plan_tracker(request, pk):
    """Permission: scraip.view_actionplan. Every accepted item's self-reported status beside
    the committee's verdict."""
    plan = _get_plan_for_user(request, pk)
    items = list(followed_items().filter(recommendation__action_plan=plan))
    return render(
        request,
        "scraip/progress_tracker.html",
        {
            "plan": plan,
            "items": items,
            "attention": needs_attention(items),
            "chart": status_chart(items, f"Progress on {plan.title}"),
            "can_import": request.user.has_perm("scraip.change_actionplan", plan),
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
    """Permission: scraip.view_actionplan. The tracker as XLSX or CSV."""
    plan = _get_plan_for_user(request, pk)
    items = followed_items().filter(recommendation__action_plan=plan)
    return _spreadsheet(items, plan.title, fmt)


def _get_committee_for_user(request, pk, permission="scraip.list_actionplans"):
    committee = get_object_or_404(
        Committee.objects.select_related("authority"),
        pk=pk,
        authority__in=authorities_for(request.user),
    )
    if not request.user.has_perm(permission):
        raise PermissionDenied
    return committee


def _committee_items(committee):
    return followed_items().filter(recommendation__action_plan__committee=committee)


@login_required
@require_safe
def committee_tracker_export(request, pk, fmt):
    """Permission: scraip.list_actionplans, for a committee of the user's own council."""
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
        "scraip/progress_import.html",
        {"form": form, "row_errors": errors, "back_url": back_url, "title": title},
    )


@login_required
def plan_tracker_import(request, pk):
    """Permission: scraip.change_actionplan. All rows are checked first; all or nothing."""
    plan = _get_plan_for_user(request, pk, "scraip.change_actionplan")
    items = followed_items().filter(recommendation__action_plan=plan)
    back_url = reverse("scraip:plan_tracker", args=[plan.pk])
    return _import(request, items, back_url, plan.title)


@login_required
def committee_tracker_import(request, pk):
    """Permission: scraip.add_actionplan (scrutiny officers) of the committee's council."""
    committee = _get_committee_for_user(request, pk, "scraip.add_actionplan")
    back_url = reverse("scraip:meeting_list") + f"?committee={committee.pk}"
    return _import(request, _committee_items(committee), back_url, committee.name)
