"""The action plan as a PDF document (scraip.common.pdf) and as a Word document
(scraip.common.word). Its views check who may read the plan; this builds the PDF from the plan's
id, in the request or in the background (scraip.common.pdfjobs), and the Word copy in the
request."""

from django.shortcuts import get_object_or_404
from django.utils import formats

from scraip.common.pdf import PdfDocument, pdf_filename
from scraip.common.text import ordinal
from scraip.common.word import Details, Heading, Table, WordReport, word_filename

from .models import ActionPlan, Addressee, RecommendationPart
from .views.fetch import plan_detail_queryset


def action_plan(plan_id: int) -> PdfDocument:
    """The SCRAIP laid out as the committee papers show it; its size is its answerable parts."""
    plans = ActionPlan.objects.select_related("authority", "committee")
    plan = get_object_or_404(plans, pk=plan_id)

    def context() -> dict:
        recommendations, report_backs = plan_detail_queryset(plan)
        return {"plan": plan, "recommendations": recommendations, "report_backs": report_backs}

    return PdfDocument(
        template="plans/pdf/action_plan.html",
        context=context,
        filename=pdf_filename("scraip", plan.title),
        title=f"SCRAIP: {plan.title}",
        items=RecommendationPart.objects.filter(recommendation__action_plan=plan).count(),
    )


def action_plan_word(plan: ActionPlan) -> WordReport:
    """The SCRAIP as a Word document, for the committee report: the same heading details,
    report-back dates and recommendation table as the PDF (plans/pdf/action_plan.html)."""
    recommendations, report_backs = plan_detail_queryset(plan)
    details = [
        ("Report title", plan.title),
        ("Report of", f"{plan.committee.name}, {plan.authority.name}"),
        ("Date of publication", formats.date_format(plan.publication_date, "DATE_FORMAT")),
    ]
    if plan.response_deadline and not plan.is_draft:
        details.append(
            ("Response due by", formats.date_format(plan.response_deadline, "DATE_FORMAT"))
        )
    return WordReport(
        title=f"SCRAIP: {plan.title}",
        author=f"{plan.committee.name}, {plan.authority.name}",
        filename=word_filename("scraip", plan.title),
        draft=plan.is_draft,
        landscape=True,
        blocks=[
            Heading("Scrutiny Committee Recommendation Action and Implementation Plan (SCRAIP)"),
            Details(details),
            Heading("Dates to report back on action taken to the committee", level=2),
            Table(
                headers=["Update", "Date", "Completed?", "Note"],
                rows=[
                    [
                        ordinal(report_back.sequence),
                        report_back.due_display,
                        "Yes" if report_back.completed else "No",
                        report_back.note,
                    ]
                    for report_back in report_backs
                ],
                empty="No report-back dates set.",
            ),
            Heading("Recommendations and responses", level=2),
            Table(
                headers=[
                    "Recommendation",
                    "Cabinet member",
                    "Response",
                    "Timetable",
                    "Lead officer",
                ],
                rows=[
                    _recommendation_row(plan, recommendation) for recommendation in recommendations
                ],
                empty="No recommendations yet.",
            ),
        ],
    )


def _recommendation_row(plan, recommendation) -> list[list[str]]:
    """One row per recommendation, as the PDF sets it out: its sub-parts, whom it is addressed
    to, and each answer (once, when one answer covers every sub-part) numbered by sub-part."""
    parts = recommendation.sub_parts()
    shared = recommendation.shared_response
    wording = [f"Recommendation {recommendation.letter}"]
    if recommendation.note:
        wording.append(f"({recommendation.note})")
    wording.append(recommendation.text)
    wording += [f"({part.numeral}) {part.text}" for part in parts if part.numeral]
    if recommendation.addressed_to != Addressee.PORTFOLIO:
        addressee = [recommendation.addressee_display]
    elif recommendation.portfolio:
        holder = recommendation.portfolio.holder_on()
        addressee = [recommendation.portfolio.title, *([str(holder)] if holder else [])]
    else:
        addressee = []
    answers = (
        [(recommendation.numerals, shared)]
        if shared
        else [
            (f"({part.numeral})" if part.numeral else "", part.current_response) for part in parts
        ]
    )
    responses, timetables, leads = [], [], []
    for label, response in answers:
        prefix = f"{label} " if label else ""
        if response is None:
            responses.append(f"{prefix}Awaiting response.")
            continue
        responses.append(f"{prefix}{response.get_decision_display()}. {response.explanation}")
        if response.action:
            responses.append(f"Action: {response.action}")
        if response.timetable:
            timetables.append(f"{prefix}{response.timetable_display}")
        if response.lead_officer_id or response.supporting():
            leads.append(f"{prefix}{response.leads_display}")
    if plan.is_draft:
        responses = []
    return [wording, addressee, responses, timetables, leads]
