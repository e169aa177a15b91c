"""Pages across the whole register: the priority list and its line, the partnerships due for the
committee's review, the risks flagged for the corporate risk register, compliance with the
protocol checklist, what the council gives year by year, the register as a PDF, and deleted
records. Each view names the rules permission that guards it."""

import datetime

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe
from rules.contrib.views import permission_required

from scraip.common import pdfjobs
from scraip.common.views import saved, submitted

from .. import documents, services
from ..compliance import register_compliance
from ..forms import PriorityForm
from ..models import (
    ChecklistAnswer,
    Partnership,
    RegisterSettings,
    Risk,
    deleted_items,
    financial_year_label,
)
from ..totals import register_given
from .common import MANAGE, register_authority

READ = "partnerships.view_register"
DUE_WITHIN = {"0": "Overdue only", "1": "1 month", "3": "3 months", "6": "6 months"}


@login_required
@permission_required(READ, raise_exception=True)
@require_safe
def priority(request):
    """Permission: partnerships.view_register. The ranked list with the line drawn: reviews
    start with the partnerships above it."""
    authority = register_authority(request)
    register_settings = RegisterSettings.for_authority(authority)
    partnerships = list(Partnership.objects.register_for(authority))
    return render(
        request,
        "partnerships/priority.html",
        {
            "authority": authority,
            "register_settings": register_settings,
            "above": [p for p in partnerships if p.above_the_line],
            "below": [p for p in partnerships if p.priority_rank and not p.above_the_line],
            "unranked": [p for p in partnerships if not p.priority_rank],
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
def priority_edit(request):
    """Permission: partnerships.manage_register (scrutiny officers). Rank the register and
    move the line."""
    authority = register_authority(request)
    register_settings = RegisterSettings.for_authority(authority)
    form = PriorityForm(
        request.POST or None,
        register_settings=register_settings,
        partnerships=Partnership.objects.register_for(authority),
    )
    if submitted(request, form) and saved(
        form,
        lambda: services.priority_save(
            register_settings=register_settings,
            ranks=form.ranks(),
            above_the_line=form.cleaned_data["above_the_line"],
            loaded_version=form.loaded_version,
        ),
    ):
        messages.success(request, "Priority list saved.")
        return redirect("partnerships:priority")
    return render(request, "partnerships/priority_form.html", {"form": form})


@login_required
@permission_required(READ, raise_exception=True)
@require_safe
def due_for_review(request):
    """Permission: partnerships.view_register. Partnerships whose six-monthly review by the
    committee is due, in priority order, so the committee starts above the line."""
    authority = register_authority(request)
    within = request.GET.get("within", "3")
    within = within if within in DUE_WITHIN else "3"
    today = timezone.localdate()
    by = (
        today - datetime.timedelta(days=1)
        if within == "0"
        else today + relativedelta(months=int(within))
    )
    partnerships = Partnership.objects.register_for(authority).due_for_review(by).with_last_review()
    return render(
        request,
        "partnerships/due_for_review.html",
        {
            "partnerships": partnerships,
            "within": within,
            "choices": DUE_WITHIN.items(),
            "today": today,
            "authority": authority,
        },
    )


@login_required
@permission_required(READ, raise_exception=True)
@require_safe
def corporate_risks(request):
    """Permission: partnerships.view_register. Risks flagged for the corporate risk register,
    highest score first."""
    authority = register_authority(request)
    risks = Risk.objects.corporate_register_of(authority)
    return render(
        request, "partnerships/corporate_risks.html", {"risks": risks, "authority": authority}
    )


@login_required
@permission_required(READ, raise_exception=True)
@require_safe
def compliance(request):
    """Permission: partnerships.view_register. How the register meets the model protocol
    checklist: each item across the partnerships, and each partnership across the items."""
    authority = register_authority(request)
    compliance = register_compliance(Partnership.objects.register_for(authority), authority)
    return render(
        request,
        "partnerships/compliance.html",
        {
            "authority": authority,
            "items": compliance.by_item,
            "rows": compliance.by_partnership,
            "statuses": ChecklistAnswer.Status.choices,
        },
    )


@login_required
@permission_required(READ, raise_exception=True)
@require_safe
def totals(request):
    """Permission: partnerships.view_register. Officer and councillor time and money given to
    the register's partnerships, by financial year, and each partnership's share in a year."""
    authority = register_authority(request)
    register_settings = RegisterSettings.for_authority(authority)
    chosen = request.GET.get("year", "")
    given = register_given(
        list(Partnership.objects.register_for(authority)),
        register_settings.hours_per_day,
        year=int(chosen) if chosen.isascii() and chosen.isdigit() and len(chosen) < 5 else None,
    )
    by_year, year = given.by_year, given.year
    return render(
        request,
        "partnerships/totals.html",
        {
            "authority": authority,
            "by_year": by_year,
            "year": year,
            "year_label": financial_year_label(year),
            "years": [(total.year, total.label) for total in by_year],
            "rows": given.rows,
            "year_total": next((t for t in by_year if t.year == year), None),
        },
    )


@login_required
@permission_required(READ, raise_exception=True)
@require_safe
def register_pdf(request, job=None, download=False):
    """Permission: partnerships.view_register. The council's register for committee papers (a
    long one made in the background: its progress page and download check the same)."""
    authority = register_authority(request)
    return pdfjobs.serve(request, documents.register, authority.pk, job=job, download=download)


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_safe
def deleted(request):
    """Permission: partnerships.manage_register (scrutiny officers), for their own council."""
    authority = register_authority(request)
    partnerships = Partnership.deleted_objects.filter(authority=authority)
    return render(
        request,
        "partnerships/deleted.html",
        {"partnerships": partnerships.latest_deleted_first(), "items": deleted_items(authority)},
    )
