"""Bulk setup pages: upload a spreadsheet of people, committees or portfolios, see every bad row
or what will be created, then confirm. Between the preview and the confirmation the checked
rows wait in the person's session (plain text, never the file); the confirmation checks them
again and saves all or nothing. Each view names the rules permission that guards it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST, require_safe

from scraip.common import spreadsheets

from .. import bulk
from ..forms import BulkUploadForm
from .fetch import get_authority_for_setup

FORMATS = ("xlsx", "csv")
LISTS = {
    "people": "councils:person_list",
    "committees": "councils:committee_list",
    "portfolios": "councils:portfolio_list",
}


def _layout(kind: str) -> bulk.Layout:
    if kind not in bulk.LAYOUTS:
        raise Http404("No such spreadsheet")
    return bulk.LAYOUTS[kind]


def _session_key(authority, kind: str) -> str:
    return f"setup-bulk-{authority.pk}-{kind}"


def _page(request, authority, layout, form, problems=(), created=None):
    return render(
        request,
        "councils/bulk_upload.html",
        {
            "authority": authority,
            "layout": layout,
            "form": form,
            "problems": problems,
            "created": created,
            "columns": [(column, layout.notes.get(column, "")) for column in layout.columns],
            "back_url": reverse(LISTS[layout.kind], args=[authority.pk]),
        },
    )


@login_required
def bulk_upload(request, authority, kind):
    """Permission: councils.administer_authority. Checks the file; nothing is saved here."""
    authority = get_authority_for_setup(request, authority)
    layout = _layout(kind)
    form = BulkUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            rows = bulk.read_rows(form.cleaned_data["spreadsheet"], layout)
        except bulk.BulkRefused as refusal:
            form.add_error("spreadsheet", str(refusal))
        else:
            checked = bulk.check(authority=authority, kind=kind, rows=rows)
            if checked.problems:
                return _page(request, authority, layout, form, problems=checked.problems)
            request.session[_session_key(authority, kind)] = rows
            return _page(request, authority, layout, BulkUploadForm(), created=checked.created)
    return _page(request, authority, layout, form)


@login_required
@require_POST
def bulk_confirm(request, authority, kind):
    """Permission: councils.administer_authority. Saves the checked rows, all or nothing."""
    authority = get_authority_for_setup(request, authority)
    layout = _layout(kind)
    rows = request.session.get(_session_key(authority, kind))
    if not isinstance(rows, list) or not rows:
        messages.error(request, "There is nothing to save: upload the spreadsheet again.")
        return redirect("councils:bulk_upload", authority.pk, kind)
    try:
        created = bulk.bulk_save(authority=authority, kind=kind, rows=rows, by=request.user)
    except bulk.BulkRowsRefused as refused:
        # The council's records changed since the preview; nothing was saved.
        return _page(request, authority, layout, BulkUploadForm(), problems=refused.problems)
    request.session.pop(_session_key(authority, kind), None)
    messages.success(request, f"{created} record{'s' if created != 1 else ''} created.")
    return redirect(LISTS[kind], authority.pk)


@login_required
@require_safe
def bulk_template(request, authority, kind, fmt):
    """Permission: councils.administer_authority. The empty spreadsheet with an example row."""
    authority = get_authority_for_setup(request, authority)
    layout = _layout(kind)
    if fmt not in FORMATS:
        raise Http404("No such format")
    filename = f"scraip-{kind}.{fmt}"
    header, rows = list(layout.columns), bulk.template_rows(layout)
    if fmt == "csv":
        return spreadsheets.csv_response(filename=filename, header=header, rows=rows)
    return spreadsheets.xlsx_response(
        filename=filename, header=header, rows=rows, title=layout.title.capitalize()
    )
