"""The impact report (scraip.followup.impact): a page, a tagged PDF, a Word copy and the numbers
as CSV, for one council and one municipal year or every year. Each view names its permission."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.http import require_safe

from scraip.common.pdf import pdf_filename, pdf_response, print_html
from scraip.common.spreadsheets import csv_response
from scraip.common.text import download_name
from scraip.common.word import word_response
from scraip.common.years import municipal_year_label
from scraip.councils.rules import authorities_for
from scraip.plans.models import Response

from .. import documents
from ..impact import (
    BY_COUNCIL,
    COLUMNS,
    impact_report,
    network_comparison,
    network_years,
    years_reported,
)
from ..progress import bar_chart


def _year(request, years: list[int]) -> int | None:
    """The municipal year asked for, if it is one of `years`; else None, every year."""
    asked = request.GET.get("year", "")
    return int(asked) if asked.isascii() and asked.isdigit() and int(asked) in years else None


def _report(request, pk):
    """The report of a council of the user's (404 otherwise) for the year asked for: a year
    the council sent plans in, else every year."""
    authority = get_object_or_404(authorities_for(request.user), pk=pk)
    if not request.user.has_perm("plans.list_actionplans"):
        raise PermissionDenied
    years = years_reported(authority)
    return impact_report(authority, _year(request, years)), years


def decisions_chart(total, title: str):
    """The cabinet's decisions on a council's recommendations, as bars."""
    decisions = Response.Decision
    return bar_chart(
        [
            (decisions.ACCEPTED.label, total.accepted, decisions.ACCEPTED.hex),
            (
                decisions.PARTIALLY_ACCEPTED.label,
                total.partially_accepted,
                decisions.PARTIALLY_ACCEPTED.hex,
            ),
            (decisions.REJECTED.label, total.rejected, decisions.REJECTED.hex),
            ("Awaiting an answer", total.awaiting, "#505a5f"),
        ],
        title,
        noun="recommendation",
        heading="Decision",
        count_heading="Recommendations",
    )


def _context(report, years) -> dict:
    chart = decisions_chart(report.total, f"The cabinet's decisions, {report.scope}")
    return {"report": report, "years": years, "chart": chart}


@login_required
@require_safe
def impact(request, pk):
    """Permission: plans.list_actionplans, for the user's own council."""
    report, years = _report(request, pk)
    return render(request, "followup/impact.html", _context(report, years))


@login_required
@require_safe
def impact_pdf(request, pk):
    """Permission: plans.list_actionplans. The report as a tagged PDF (a few pages, whatever
    the years behind it: always made in the request)."""
    report, years = _report(request, pk)
    html = render_to_string("followup/pdf/impact.html", _context(report, years))
    filename = pdf_filename("impact-report", report.authority.short_name, report.scope)
    return pdf_response(print_html(html).pdf, filename)


@login_required
@require_safe
def impact_docx(request, pk):
    """Permission: plans.list_actionplans. The report as a Word copy."""
    report, _ = _report(request, pk)
    return word_response(documents.impact_word(report))


@login_required
@require_safe
def impact_csv(request, pk):
    """Permission: plans.list_actionplans. The report's numbers, a row per table row."""
    report, _ = _report(request, pk)
    rows = [
        [report.authority.name, report.scope, breakdown, rates.label]
        + [getattr(rates, field) for field, _ in COLUMNS]
        for breakdown, table in [
            ("Total", [report.total]),
            *((breakdown.name, rows) for breakdown, rows in report.tables),
        ]
        for rates in table
    ]
    return csv_response(
        filename=download_name(
            "impact-report", report.authority.short_name, report.scope, extension="csv"
        ),
        header=["Council", "Covering", "Breakdown", "Row", *(label for _, label in COLUMNS)],
        rows=rows,
    )


@login_required
@require_safe
def impact_network(request):
    """Permission: plans.list_actionplans (anyone signed in at a council of the network). The
    councils that share their impact report, side by side, for a municipal year or every year."""
    if not request.user.has_perm("plans.list_actionplans"):
        raise PermissionDenied
    years = network_years()
    year = _year(request, years)
    scope = municipal_year_label(year) if year else "All years"
    councils = network_comparison(year)
    charts = [
        (
            f"network-chart-{number}",
            decisions_chart(rates, f"The cabinet's decisions, {rates.label}, {scope}"),
        )
        for number, rates in enumerate(councils, start=1)
    ]
    return render(
        request,
        "followup/impact_network.html",
        {
            "councils": councils,
            "breakdown": BY_COUNCIL,
            "charts": charts,
            "years": years,
            "year": year,
            "scope": scope,
        },
    )
