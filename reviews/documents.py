"""A review's scoping report as a PDF document (scraip.common.pdf) and as a Word document
(scraip.common.word). Its views check who may read the review; this builds the PDF from the
review's id (scraip.common.pdfjobs) and the Word copy in the request."""

from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.utils import formats

from scraip.common.pdf import PdfDocument, pdf_filename
from scraip.common.word import Details, Heading, Paragraph, Table, WordReport, word_filename

from .models import Review
from .templatetags.reviews import committee_names, councillor_names, days, names_list, short_name
from .views.common import scoping_context


def scoping_report(review_id: int) -> PdfDocument:
    """Seed 002's sections; its size is its evidence plan's steps and its cost lines."""
    review = get_object_or_404(Review.objects.with_people(), pk=review_id)
    return PdfDocument(
        template="reviews/pdf/scoping_report.html",
        context=lambda: scoping_context(review),
        filename=pdf_filename("scoping-report", review.title),
        title=f"Scoping report: {review.title}",
        items=review.activities.count() + review.cost_items.count(),
    )


def scoping_report_word(review) -> WordReport:
    """The scoping report as a Word document, for the committee report that agrees the
    review: seed 002's eight sections, as the PDF prints them (reviews/pdf/scoping_report.html)."""
    context = scoping_context(review)
    councils = names_list(review.councils_taking_part())
    if review.is_joint:
        heading = f"Joint task and finish group of {councils}: scoping report"
    else:
        heading = f"Task and finish group, {review.lead_authority}: scoping report"
    blocks = [
        Heading(heading),
        Details(
            [
                ("Review", review.title),
                ("Lead council", str(review.lead_authority)),
                ("Work programme", review.programme_year_label),
                ("Status", review.get_status_display()),
            ]
        ),
        Heading("1. Aim of the review", level=2),
        Paragraph(review.aim),
        Heading("2. Why has this review been selected?", level=2),
        Paragraph(review.reason_selected or "To be agreed."),
    ]
    if context["committees"]:
        blocks.append(Paragraph(f"Commissioned by {committee_names(context['committees'])}."))
    if review.report_due_display:
        to = f"{review.reports_to_description}, " if review.reports_to_description else ""
        blocks.append(Paragraph(f"Reports back: {to}{review.report_due_display}."))
    blocks += [Heading("3. Who will carry out the review?", level=2), *_members(context)]
    blocks += [Heading("4. Officer support", level=2), *_officers(review, context["chair"])]
    blocks += [Heading("5. How the review will be carried out", level=2), *_steps(review, context)]
    blocks += [Heading("6. Cost and community implications", level=2)]
    if review.cost_implications:
        blocks.append(Paragraph(review.cost_implications))
    if context["costs"].lines:
        blocks.append(_cost_table(context["costs"]))
    if review.community_implications:
        blocks.append(Paragraph(review.community_implications))
    blocks += [
        Heading("7. What are the expected outputs?", level=2),
        Paragraph(review.expected_outputs or "To be agreed."),
        Heading("8. Timescale", level=2),
        Paragraph(review.timescale or "To be agreed."),
    ]
    return WordReport(
        title=f"Scoping report: {review.title}",
        author=councils,
        filename=word_filename("scoping-report", review.title),
        draft=review.stage == "planned",
        blocks=blocks,
    )


def _members(context) -> list[Paragraph]:
    if not context["councils"]:
        return [Paragraph("Members are still to be named.")]
    lines = []
    for authority, members, substitutes in context["councils"]:
        line = f"{short_name(authority)} – {councillor_names(members)}"
        if substitutes:
            line += (
                f" with substitute{pluralize(len(substitutes))} "
                f"{councillor_names(substitutes, 'and/or')}"
            )
        lines.append(Paragraph(line))
    if context["chair"]:
        lines.append(Paragraph(f"{context['chair'].councillor} chairs the group."))
    return lines


def _officers(review, chair) -> list[Paragraph]:
    lead = review.lead_officer
    if lead:
        sentence = f"The main officer support will be {lead.name}"
        if lead.job_title:
            sentence += f", {lead.job_title}"
        sentence += f", {lead.authority}"
        if chair and chair.councillor.authority_id == lead.authority_id:
            sentence += ", the council of the group's chair"
        lines = [Paragraph(sentence + ".")]
    else:
        lines = [
            Paragraph(
                "The main officer support will be the scrutiny officer of the council that "
                "chairs the group."
            )
        ]
    supporting = [
        f"{officer.name} ({short_name(officer.authority)})"
        for officer in review.officers_supporting()
    ]
    if supporting:
        lines.append(Paragraph(f"{names_list(supporting)} will help when and where needed."))
    return lines


def _steps(review, context) -> list[Paragraph]:
    lines = []
    activities = context["activities"]
    for activity in activities:
        title = f"{activity.step}. {activity.label}"
        if activity.planned_display:
            title += f" – {activity.planned_display}"
        if activity.held:
            held_on = (
                f" {formats.date_format(activity.held_on, 'DATE_FORMAT')}"
                if activity.held_on
                else ""
            )
            title += f" (held{held_on})"
        lines.append(Paragraph(title))
        if activity.description:
            lines.append(Paragraph(activity.description))
        for part in activity.parts.all():
            label = f"{part.letter}. {part.heading_display}" if part.heading_display else ""
            lines.append(Paragraph(part.description, bold_start=label or f"{part.letter}."))
            if part.aim:
                lines.append(Paragraph(f"The aim of this part: {part.aim}"))
            witnesses = [_witness(witness) for witness in part.witnesses.all()]
            if witnesses:
                lines.append(Paragraph("; ".join(witnesses), bold_start="Witnesses:"))
    if review.report_due_display:
        to = f": {review.reports_to_description}" if review.reports_to_description else ""
        lines += [
            Paragraph(f"{len(activities) + 1}. Report back{to} – {review.report_due_display}"),
            Paragraph("The group presents its final report and recommendations."),
        ]
    if not activities and not review.report_due_display:
        lines.append(Paragraph("No sessions planned yet."))
    return lines


def _witness(witness) -> str:
    text = witness.name
    if witness.role:
        text += f", {witness.role}"
    if witness.organisation_display and witness.organisation_display != witness.name:
        text += f" ({witness.organisation_display})"
    return text


def _cost_table(costs) -> Table:
    rows = [
        [
            str(line.item.activity),
            days(line.item.support_days),
            line.arithmetic,
            line.payers_display,
            line.item.comments,
        ]
        for line in costs.lines
    ]
    rows += [
        [f"Cost to {short_name(cost.authority)}", "", cost.arithmetic, "", ""]
        for cost in costs.per_authority
    ]
    rows.append(["Total", days(costs.total_days), costs.lines_arithmetic, "", ""])
    return Table(headers=["Activity", "Support time", "Cost", "Paid by", "Comments"], rows=rows)
