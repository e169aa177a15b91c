"""Bringing a council's existing tracker in (scraip.followup.imports): upload it, match its
columns and words to SCRAIP's, see every problem or what will be created, then import it all
at once. Between the steps the file's rows wait in the person's session as plain text, never
the file itself. Each view names the rules permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from scraip.councils.rules import authorities_for

from .. import import_rows, imports
from ..forms import ExistingTrackerForm, TrackerMappingForm
from ..models import CouncilStatus

SESSION_KEY = "tracker-import"


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"


def _stored(request):
    """The tracker, its council and mapping waiting in the session, or None."""
    data = request.session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    authority = get_object_or_404(authorities_for(request.user), pk=data.get("authority"))
    tracker = imports.Tracker(data["filename"], data["header"], data["rows"])
    mapping = imports.Mapping.from_session(data["mapping"])
    return authority, tracker, mapping


@login_required
@permission_required("plans.add_actionplan", raise_exception=True)
def tracker_upload(request):
    """Permission: plans.add_actionplan (scrutiny officers), for their own councils."""
    form = ExistingTrackerForm(
        request.POST or None, request.FILES or None, authorities=authorities_for(request.user)
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["spreadsheet"]
        try:
            tracker = imports.read_tracker(upload)
        except imports.TrackerRefused as refusal:
            form.add_error("spreadsheet", str(refusal))
        else:
            authority = form.cleaned_data["authority"]
            mapping = imports.guess_mapping(tracker, authority)
            request.session[SESSION_KEY] = {
                "authority": authority.pk,
                "filename": (upload.name or "tracker").rsplit("/", 1)[-1][:80],
                "header": tracker.header,
                "rows": tracker.rows,
                "mapping": mapping.as_session(),
            }
            return redirect("followup:tracker_map")
    return render(request, "followup/tracker_import_upload.html", {"form": form})


@login_required
@permission_required("plans.add_actionplan", raise_exception=True)
@require_safe
def tracker_template(request, fmt):
    """Permission: plans.add_actionplan. A tracker in SCRAIP's own column names."""
    if fmt not in ("xlsx", "csv"):
        raise Http404("No such format")
    return imports.template_response(fmt)


@login_required
@permission_required("plans.add_actionplan", raise_exception=True)
def tracker_map(request):
    """Permission: plans.add_actionplan. Match the columns and words, then see the check."""
    stored = _stored(request)
    if stored is None:
        messages.error(request, "Upload the tracker first.")
        return redirect("followup:tracker_upload")
    authority, tracker, mapping = stored
    statuses = CouncilStatus.objects.offered(authority.pk)
    form = TrackerMappingForm(
        request.POST or None, tracker=tracker, mapping=mapping, statuses=statuses
    )
    checked = None
    if request.method == "POST" and form.is_valid():
        mapping = form.mapping()
        request.session[SESSION_KEY] = {
            **request.session[SESSION_KEY],
            "mapping": mapping.as_session(),
        }
        words_from = ("decision", "status")
        if any(mapping.columns.get(key) != stored[2].columns.get(key) for key in words_from):
            # Other columns chosen: their words are offered to be matched first.
            return redirect("followup:tracker_map")
        checked = import_rows.check(tracker, mapping, authority=authority, by=request.user)
    return render(
        request,
        "followup/tracker_import_map.html",
        {"form": form, "authority": authority, "tracker": tracker, "checked": checked},
    )


@login_required
@permission_required("plans.add_actionplan", raise_exception=True)
@require_POST
def tracker_confirm(request):
    """Permission: plans.add_actionplan. Imports everything checked, or nothing."""
    stored = _stored(request)
    if stored is None:
        messages.error(request, "There is nothing to import: upload the tracker again.")
        return redirect("followup:tracker_upload")
    authority, tracker, mapping = stored
    try:
        counts = import_rows.import_tracker(
            tracker=tracker, mapping=mapping, authority=authority, by=request.user
        )
    except imports.RowsRefused:
        messages.error(request, "The council’s records changed since the check: check again.")
        return redirect("followup:tracker_map")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        f"Imported {_count(counts['plans'], 'action plan')} with "
        f"{_count(counts['recommendations'], 'recommendation')}, "
        f"{_count(counts['responses'], 'response')} and "
        f"{_count(counts['updates'], 'progress update')} from {tracker.filename}.",
    )
    return redirect("plans:plan_list")
