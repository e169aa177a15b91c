"""The rows of a partnership, each added, changed, removed and restored on its own page: partners,
representatives, contributions, benefits, annual reports, outcomes and actions, risks and the
committee's reviews. One set of views serves every kind; the kind is part of the URL."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST, require_safe

from scraip.common.history import history_entries
from scraip.common.uploads import safe_download_response
from scraip.common.views import done, saved, submitted

from .. import forms, services
from ..models import ITEM_MODELS, AnnualReport
from .common import CHANGE, VIEW, get_partnership_for_user


@dataclass(frozen=True)
class ItemKind:
    form: type
    name: str  # "partner", as a sentence names one
    add_title: str


KINDS = {
    "partner": ItemKind(forms.PartnerForm, "partner", "Add a partner organisation"),
    "representative": ItemKind(
        forms.RepresentativeForm, "representative", "Add a council representative"
    ),
    "contribution": ItemKind(forms.ContributionForm, "contribution", "Record a contribution"),
    "benefit": ItemKind(forms.BenefitForm, "benefit", "Record a benefit"),
    "report": ItemKind(forms.AnnualReportForm, "annual report", "Upload an annual report"),
    "outcome": ItemKind(forms.OutcomeForm, "outcome or action", "Add an outcome or action"),
    "risk": ItemKind(forms.RiskForm, "risk", "Add a risk"),
    "review": ItemKind(forms.CommitteeReviewForm, "committee review", "Record a committee review"),
}
assert set(KINDS) == set(ITEM_MODELS)


def _get_item_for_user(request, kind, pk, permission=VIEW, deleted=False):
    """A row of a partnership the user may see (404 otherwise), then 403 without `permission`.
    The partnership itself must not be deleted: its rows went with it, and a row deleted on
    its own before is restored only once the partnership is back."""
    model = ITEM_MODELS[kind]
    rows = model.deleted_objects.all() if deleted else model.objects.all()
    item = get_object_or_404(rows.select_related("partnership__authority"), pk=pk)
    item.partnership = get_partnership_for_user(request, item.partnership_id, permission)
    return item


def _item_form(request, kind, partnership, item=None):
    kind_info = KINDS[kind]
    form = kind_info.form(
        request.POST or None, request.FILES or None, instance=item, partnership=partnership
    )
    row = form.instance
    if isinstance(row, AnnualReport) and row.pk is None:
        row.uploaded_by = request.user
    if submitted(request, form) and saved(
        form,
        lambda: services.item_save(
            item=form.save(commit=False), loaded_version=form.loaded_version
        ),
    ):
        verb = "updated" if item else "added"
        messages.success(request, f"{kind_info.name.capitalize()} {verb}: {row}.")
        return redirect(row)
    title = f"Change the {kind_info.name}" if item else kind_info.add_title
    return render(
        request,
        "partnerships/item_form.html",
        {"form": form, "partnership": partnership, "title": title, "item": item},
    )


@login_required
def item_add(request, pk, kind):
    """Permission: partnerships.change_partnership (the council's scrutiny officers and the
    partnership's lead officer)."""
    partnership = get_partnership_for_user(request, pk, CHANGE)
    return _item_form(request, kind, partnership)


@login_required
def item_edit(request, kind, pk):
    """Permission: partnerships.change_partnership on the row's partnership."""
    item = _get_item_for_user(request, kind, pk, CHANGE)
    return _item_form(request, kind, item.partnership, item)


@login_required
def item_delete(request, kind, pk):
    """Permission: partnerships.change_partnership. Soft delete: it can be restored."""
    item = _get_item_for_user(request, kind, pk, CHANGE)
    if request.method == "POST":
        services.item_delete(item=item)
        messages.success(request, f"{item} removed. You can restore it from Deleted items.")
        return redirect(item.partnership)
    return render(
        request,
        "partnerships/confirm_delete.html",
        {"record": item, "partnership": item.partnership, "back_url": item.get_absolute_url()},
    )


@login_required
@require_POST
def item_restore(request, kind, pk):
    """Permission: partnerships.change_partnership on the (live) partnership of the deleted
    row; 404 for a row that is not deleted."""
    item = _get_item_for_user(request, kind, pk, CHANGE, deleted=True)
    if not done(request, lambda: services.item_restore(item=item), f"{item} cannot be restored."):
        return redirect("partnerships:deleted")
    messages.success(request, f"{item} restored.")
    return redirect(item)


@login_required
@require_safe
def item_history(request, kind, pk):
    """Permission: partnerships.view_partnership on the row's partnership."""
    item = _get_item_for_user(request, kind, pk)
    return render(
        request,
        "common/history.html",
        {
            "record": item,
            "title": f"History of {item}",
            "caption": item.partnership.name,
            "back_url": item.get_absolute_url(),
            "back_text": "Back to the partnership",
            "entries": history_entries(item),
        },
    )


@login_required
@require_safe
def report_download(request, pk):
    """Permission: partnerships.view_partnership. Sent as an attachment under a safe name."""
    report = _get_item_for_user(request, "report", pk)
    return safe_download_response(report.file, report.original_name or report.title)
