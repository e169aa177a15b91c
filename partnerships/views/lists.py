"""Pages across the whole register: the priority list and its line, the partnerships due for the
committee's review, the risks flagged for the corporate risk register, compliance with the
protocol checklist, what the council gives year by year, the register as a PDF, and deleted
records. Each view names the rules permission that guards it."""

import datetime
from collections import Counter

from dateutil.relativedelta import relativedelta
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Max, Prefetch
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_safe
from rules.contrib.views import permission_required

from scraip.common.pdf import render_pdf
from scraip.common.versioning import StaleEdit

from .. import services
from ..forms import PriorityForm
from ..models import (
    ITEM_MODELS,
    ChecklistAnswer,
    ChecklistItem,
    Contribution,
    Partnership,
    Risk,
    financial_year_label,
)
from ..totals import register_totals, totals_by_partnership
from .common import MANAGE, partnership_queryset, register_authority, register_settings_for

READ = "partnerships.view_register"
DUE_WITHIN = {"0": "Overdue only", "1": "1 month", "3": "3 months", "6": "6 months"}


def _register(authority):
    """The council's register: its partnerships meeting the definition, in priority order."""
    return (
        partnership_queryset()
        .filter(authority=authority)
        .qualifying()
        .with_priority_line()
        .in_priority_order()
    )


@login_required
@permission_required(READ, raise_exception=True)
@require_safe
def priority(request):
    """Permission: partnerships.view_register. The ranked list with the line drawn: reviews
    start with the partnerships above it."""
    authority = register_authority(request)
    register_settings = register_settings_for(authority)
    partnerships = list(_register(authority))
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
    register_settings = register_settings_for(authority)
    form = PriorityForm(
        request.POST or None,
        register_settings=register_settings,
        partnerships=_register(authority),
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.priority_save(
                register_settings=register_settings,
                ranks=form.ranks(),
                above_the_line=form.cleaned_data["above_the_line"],
                loaded_version=form.loaded_version,
            )
        except StaleEdit as stale:
            form.report_stale_edit(stale.current)
        else:
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
    partnerships = (
        _register(authority)
        .due_for_review(by)
        .annotate(last_considered=Max("committee_reviews__considered_on"))
    )
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
    risks = sorted(
        Risk.objects.on_corporate_register()
        .filter(partnership__authority=authority)
        .select_related("partnership", "owner"),
        key=lambda risk: (-risk.score, risk.partnership.name, risk.pk),
    )
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
    items = list(ChecklistItem.objects.filter(authority=authority))
    answers = ChecklistAnswer.objects.filter(item__deleted_at__isnull=True)
    partnerships = list(
        _register(authority).prefetch_related(Prefetch("checklist_answers", queryset=answers))
    )
    by_item = {item.pk: Counter() for item in items}
    rows = []
    for partnership in partnerships:
        statuses = {answer.item_id: answer.status for answer in partnership.checklist_answers.all()}
        counts = Counter(statuses.get(item.pk, "unanswered") for item in items)
        for item in items:
            by_item[item.pk][statuses.get(item.pk, "unanswered")] += 1
        applicable = len(items) - counts["not_applicable"]
        rows.append((partnership, counts, applicable))
    return render(
        request,
        "partnerships/compliance.html",
        {
            "authority": authority,
            "items": [(item, by_item[item.pk]) for item in items],
            "rows": rows,
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
    register_settings = register_settings_for(authority)
    partnerships = list(_register(authority))
    contributions = Contribution.objects.filter(partnership__in=[p.pk for p in partnerships])
    by_year = register_totals(contributions, register_settings.hours_per_day)
    years = [total.year for total in by_year]
    chosen = request.GET.get("year", "")
    year = (
        int(chosen)
        if chosen.isascii() and chosen.isdigit() and int(chosen) in years
        else (years[0] if years else None)
    )
    shares = totals_by_partnership(contributions.filter(year=year), register_settings.hours_per_day)
    return render(
        request,
        "partnerships/totals.html",
        {
            "authority": authority,
            "by_year": by_year,
            "year": year,
            "year_label": financial_year_label(year),
            "years": [(y, financial_year_label(y)) for y in years],
            "rows": [(p, (shares.get(p.pk) or [None])[0]) for p in partnerships],
            "year_total": next((t for t in by_year if t.year == year), None),
        },
    )


@login_required
@permission_required(READ, raise_exception=True)
@require_safe
def register_pdf(request):
    """Permission: partnerships.view_register. The council's register for committee papers."""
    authority = register_authority(request)
    register_settings = register_settings_for(authority)
    partnerships = list(_register(authority).prefetch_related("partners"))
    contributions = Contribution.objects.filter(partnership__in=[p.pk for p in partnerships])
    by_year = register_totals(contributions, register_settings.hours_per_day)
    latest = by_year[0].year if by_year else None
    shares = totals_by_partnership(
        contributions.filter(year=latest), register_settings.hours_per_day
    )
    rows = [(p, (shares.get(p.pk) or [None])[0]) for p in partnerships]
    return render_pdf(
        request,
        "partnerships/pdf/register.html",
        {
            "authority": authority,
            "register_settings": register_settings,
            "rows": rows,
            "by_year": by_year,
            "latest_label": financial_year_label(latest),
            "today": timezone.localdate(),
        },
        filename=f"partnership-register-{slugify(authority.name)[:60]}.pdf",
    )


@login_required
@permission_required(MANAGE, raise_exception=True)
@require_safe
def deleted(request):
    """Permission: partnerships.manage_register (scrutiny officers), for their own council."""
    authority = register_authority(request)
    partnerships = Partnership.deleted_objects.all().filter(authority=authority)
    items = []
    for kind, model in ITEM_MODELS.items():
        rows = model.deleted_objects.all().filter(
            partnership__authority=authority, partnership__deleted_at__isnull=True
        )
        items += [(kind, row) for row in rows.select_related("partnership")]
    items.sort(key=lambda pair: pair[1].deleted_at, reverse=True)
    return render(
        request,
        "partnerships/deleted.html",
        {"partnerships": partnerships.order_by("-deleted_at"), "items": items},
    )
