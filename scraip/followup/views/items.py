"""The follow-up engine's pages for one tracked item of any kind: its progress, updates, the
committee's verdicts and target date changes. Each page reads the item only through the
tracked-item interface (scraip.followup.models.TrackedItem), names the permission the item's
kind declares for it, and gets its kind's route names as `pages` (scraip.followup.routes)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe

from scraip.common.uploads import safe_download_response
from scraip.common.views import saved, submitted
from scraip.councils.models import Meeting, Person
from scraip.councils.rules import person_of

from .. import services
from ..forms import ProgressForm, TargetDateForm, VerdictForm
from ..models import ProgressUpdate
from ..progress import prefetch_progress

RECENT_MEETINGS = 6


def _get_item_for_user(request, pages, pk, permission=None):
    """An item the committee follows and the user may see (404 otherwise), then 403 without
    `permission`: "report", "target" or "verdict", named by the kind's progress_permissions."""
    item = get_object_or_404(prefetch_progress(pages.model.for_progress_pages()), pk=pk)
    permissions = item.progress_permissions
    if not item.takes_progress or not request.user.has_perm(permissions.view, item.tracked_parent):
        raise Http404("No item found")
    if permission and not request.user.has_perm(getattr(permissions, permission), item):
        raise PermissionDenied
    return item


def _get_update_for_user(request, pages, pk, permission=None) -> ProgressUpdate:
    """An update of an item the user may see (404 otherwise), then 403 without the kind's
    edit_update permission when `permission` is "edit_update"."""
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("reported_by", "report_back"),
        pk=pk,
        content_type=ContentType.objects.get_for_model(pages.model),
    )
    update.subject = item = _get_item_for_user(request, pages, update.object_id)
    if permission and not request.user.has_perm(
        getattr(item.progress_permissions, permission), update
    ):
        raise PermissionDenied
    return update


def _meetings_of(item):
    return Meeting.objects.for_authorities([item.tracked_authority_id]).select_related("committee")


@login_required
@require_safe
def progress_item(request, pk, pages):
    """Permission: the kind's view permission on the item's parent (the action plan, the
    partnership). Self-reported progress and the committee's verdicts side by side, with every
    update and target date change."""
    item = _get_item_for_user(request, pages, pk)
    user, permissions = request.user, item.progress_permissions
    meetings = []
    if not item.on_meeting_agenda and user.has_perm(permissions.verdict, item):
        meetings = _meetings_of(item).order_by("-date")[:RECENT_MEETINGS]
    return render(
        request,
        "followup/progress_item.html",
        {
            "item": item,
            "pages": pages,
            "can_report": user.has_perm(permissions.report, item) and not item.is_closed,
            "can_move_target": user.has_perm(permissions.target, item) and not item.is_closed,
            "meetings": meetings,
        },
    )


def _progress_form(request, pages, item, update=None):
    person = person_of(request.user)
    author = update.reported_by if update else item.progress_lead()
    report_backs = item.report_backs_open(update)
    initial = {}
    if update is None and report_backs is not None:
        first_open = report_backs.first()
        initial["report_back"] = first_open.pk if first_open else None
    form = ProgressForm(
        request.POST or None,
        request.FILES or None,
        instance=update,
        initial=initial,
        subject=item,
        report_backs=report_backs,
        on_behalf=not (person and author and person.pk == author.pk),
        reporters=Person.objects.officers().filter(authority=item.tracked_authority_id),
    )
    if submitted(request, form) and saved(
        form, lambda: form.record(person=person, entered_by=request.user, update=update)
    ):
        messages.success(request, f"Progress update on {item} saved.")
        return redirect(pages.item, item.pk)
    return render(
        request,
        "followup/progress_form.html",
        {"form": form, "item": item, "pages": pages, "update": update},
    )


@login_required
def progress_add(request, pk, pages):
    """Permission: the kind's report permission (the item's lead officer, or a scrutiny
    officer of the council writing on someone's behalf)."""
    item = _get_item_for_user(request, pages, pk, "report")
    if item.is_closed:
        # Said before anyone types an update the service would refuse (its rule still holds).
        messages.info(request, f"The committee has closed {item}: it takes no further updates.")
        return redirect(pages.item, item.pk)
    return _progress_form(request, pages, item)


@login_required
def progress_edit(request, pk, pages):
    """Permission: the kind's edit_update permission (who reported or typed the update, or a
    scrutiny officer of the council). Every earlier wording stays in the update's history."""
    update = _get_update_for_user(request, pages, pk, "edit_update")
    return _progress_form(request, pages, update.subject, update)


@login_required
@require_safe
def progress_evidence(request, pk, pages):
    """Permission: the kind's view permission. Sent as an attachment under a safe name."""
    update = _get_update_for_user(request, pages, pk)
    if not update.evidence_file:
        raise Http404("No evidence file")
    return safe_download_response(update.evidence_file, update.evidence_name or "evidence")


@login_required
def verdict_record(request, pk, meeting_pk, pages):
    """Permission: the kind's verdict permission (scrutiny officers of the council, recording
    what the committee decided at one of its meetings)."""
    item = _get_item_for_user(request, pages, pk, "verdict")
    meeting = get_object_or_404(_meetings_of(item), pk=meeting_pk)
    verdict = item.verdict_at(meeting)
    form = VerdictForm(request.POST or None, instance=verdict, subject=item, meeting=meeting)
    if submitted(request, form) and saved(
        form,
        lambda: services.verdict_record(
            subject=item,
            meeting=meeting,
            verdict=form.cleaned_data["verdict"],
            invited_back=form.cleaned_data["invited_back"],
            note=form.cleaned_data["note"],
            report_back=item.report_back_at(meeting),
            recorded_by=request.user,
            instance=verdict,
            loaded_version=form.loaded_version,
        ),
    ):
        messages.success(request, f"The committee's verdict on {item} saved.")
        if item.on_meeting_agenda:
            return redirect(f"{meeting.get_absolute_url()}#item-{item.pk}")
        return redirect(pages.item, item.pk)
    return render(
        request,
        "followup/progress_verdict.html",
        {"form": form, "item": item, "pages": pages, "meeting": meeting},
    )


@login_required
def target_date_change(request, pk, pages):
    """Permission: the kind's target permission (the lead officer, or a scrutiny officer). A
    moved target date needs a reason; the old date stays in the item's history."""
    item = _get_item_for_user(request, pages, pk, "target")
    form = TargetDateForm(request.POST or None, subject=item)
    if submitted(request, form) and saved(
        form,
        lambda: services.target_date_change(
            subject=item,
            new_date=form.cleaned_data["new_target"][0],
            new_precision=form.cleaned_data["new_target"][1],
            new_end=form.cleaned_data["new_target"].end,
            reason=form.cleaned_data["reason"],
            changed_by=request.user,
            loaded_version=form.loaded_version,
        ),
    ):
        messages.success(request, f"Target date of {item} changed.")
        return redirect(pages.item, item.pk)
    return render(
        request,
        "followup/progress_target.html",
        {"form": form, "item": item, "pages": pages},
    )
