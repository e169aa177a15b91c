"""A meeting's update pack as a PDF document (scraip.common.pdf) and as a Word document
(scraip.common.word). Its views check who may read the meeting; this builds the PDF from the
meeting's id, in the request or in the background (scraip.common.pdfjobs), and the Word copy in
the request."""

from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.utils import formats

from scraip.common.pdf import PdfDocument, pdf_filename
from scraip.common.text import ordinal
from scraip.common.word import Details, Heading, Paragraph, Table, WordReport, word_filename
from scraip.councils.models import Meeting
from scraip.plans.models import ActionPlan, RecommendationPart

from .agenda import meeting_agenda
from .progress import status_chart


def pack_context(meeting: Meeting) -> dict:
    """What the pack prints: every plan reporting back, its items due with what changed since
    the update before, and the chart of their statuses."""
    agenda = meeting_agenda(meeting)
    items = [item for entry in agenda for item in entry.items]
    return {
        "meeting": meeting,
        "agenda": agenda,
        "chart": status_chart(items, f"Status of the {len(items)} items due at this meeting"),
        "item_count": len(items),
        "no_change_count": sum(1 for item in items if item.updated_for_this and not item.changes),
    }


def update_pack(meeting_id: int) -> PdfDocument:
    """Its size: the accepted items of the sent plans reporting back at the meeting (those
    closed at an earlier report-back included, which the pack lists no more: an upper bound
    counted without reading them)."""
    meetings = Meeting.objects.select_related("committee__authority")
    meeting = get_object_or_404(meetings, pk=meeting_id)
    items = (
        RecommendationPart.objects.trackable()
        .filter(recommendation__action_plan__report_backs__meeting=meeting)
        .exclude(recommendation__action_plan__status=ActionPlan.Status.DRAFT)
        .distinct()
        .count()
    )
    return PdfDocument(
        template="followup/pdf/update_pack.html",
        context=lambda: pack_context(meeting),
        filename=pdf_filename("update-pack", meeting.committee.name, str(meeting.date)),
        title=f"Update pack: {meeting.committee.name}, {meeting.date:%-d %B %Y}",
        items=items,
    )


def update_pack_word(meeting: Meeting) -> WordReport:
    """The update pack as a Word document, for the committee report: the cover's details and
    contents, the statuses' counts (the chart's numbers) and a table per plan of its items, as
    the PDF prints them (followup/pdf/update_pack.html)."""
    context = pack_context(meeting)
    agenda, chart = context["agenda"], context["chart"]
    day = formats.date_format(meeting.date, "DATE_FORMAT")
    blocks = [
        Heading("Update pack: progress on scrutiny recommendations"),
        Details(
            [
                ("Committee", f"{meeting.committee.name}, {day}"),
                ("Council", meeting.committee.authority.name),
                ("Meeting", f"{day}, {meeting.place}" if meeting.place else day),
                (
                    "Items due",
                    f"{context['item_count']} from {len(agenda)} action "
                    f"plan{pluralize(len(agenda))}",
                ),
            ]
        ),
        Paragraph(
            "Progress is as the lead officers report it; the committee's status is its own "
            "verdict. Only the committee closes an item."
        ),
        Heading("Summary of statuses", level=2),
        Table(
            headers=["Status", "Items"],
            rows=[[bar.label, str(bar.count)] for bar in chart.bars],
        ),
    ]
    if context["no_change_count"]:
        count = context["no_change_count"]
        blocks.append(
            Paragraph(
                f"{count} item{pluralize(count)} report{pluralize(count, 's,')} no change since "
                "the last update.",
                bold_start="No change:",
            )
        )
    for number, entry in enumerate(agenda, start=1):
        plan = entry.plan
        blocks += [
            Heading(f"{number}. {plan.title}", level=2),
            Paragraph(
                f"Report of {plan.committee.name}, published "
                f"{formats.date_format(plan.publication_date, 'DATE_FORMAT')}. "
                f"{ordinal(entry.report_back.sequence)} update, "
                f"{entry.report_back.due_display}."
            ),
            Table(
                headers=["Recommendation and response", "Progress"],
                rows=[[_item_cell(item), _progress_cell(item)] for item in entry.items],
                empty="No items are due from this plan.",
            ),
        ]
    return WordReport(
        title=f"Update pack: {meeting.committee.name}, {day}",
        author=f"{meeting.committee.name}, {meeting.committee.authority.name}",
        filename=word_filename("update-pack", meeting.committee.name, str(meeting.date)),
        landscape=True,
        blocks=blocks,
    )


def _item_cell(item) -> list[str]:
    response = item.current_response
    return [
        str(item),
        item.text or item.recommendation.text,
        f"{response.get_decision_display()}. {response.action}",
        f"Target: {item.target_display}. Lead: {response.lead_officer or ''}",
    ]


def _progress_cell(item) -> list[str]:
    latest, verdict = item.latest_update, item.latest_verdict
    standing = latest.status_label if latest else "No update"
    judged = (
        f"{verdict.get_verdict_display()} (committee, "
        f"{formats.date_format(verdict.meeting.date, 'DATE_FORMAT')})"
        if verdict
        else "Not yet judged (committee)"
    )
    lines = [f"{standing} (self-reported); {judged}"]
    if latest:
        lines += [
            f"Latest update: {formats.date_format(latest.reported_on, 'DATE_FORMAT')}, "
            f"{latest.reported_by}",
            latest.narrative,
        ]
    else:
        lines.append("No update yet")
    if latest and not item.updated_for_this:
        lines.append("No update for this meeting")
    elif item.changes:
        lines += [str(change) for change in item.changes]
    elif latest:
        lines.append("No change since last update")
    return lines


def impact_word(report) -> WordReport:
    """The impact report (scraip.followup.impact) as a Word copy, for the annual report to full
    Council: the headline figures, then a table per breakdown, as the page and PDF show them."""
    blocks = [
        Heading(f"Impact report: {report.authority.name}, {report.scope}"),
        Paragraph(
            "How the cabinet answered the scrutiny recommendations of the plans sent to it, and "
            "what became of them. Each recommendation answered as a whole counts once, and "
            f"each sub-part once. Figures as on "
            f"{formats.date_format(report.today, 'DATE_FORMAT')}."
        ),
        Details(report.headline),
    ]
    for breakdown, rows in report.tables:
        blocks += [
            Heading(breakdown.heading, level=2),
            Table(
                headers=breakdown.headings,
                rows=[rates.cells for rates in rows],
                empty="No recommendations yet.",
            ),
        ]
    return WordReport(
        title=f"Impact report: {report.authority.name}, {report.scope}",
        author=report.authority.name,
        filename=word_filename("impact-report", report.authority.short_name, report.scope),
        landscape=True,
        blocks=blocks,
    )
