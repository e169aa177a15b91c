"""A meeting's update pack as a PDF document (scraip.common.pdf). Its view checks who may read
the meeting; this builds the document from the meeting's id, in the request or in the
background (scraip.common.pdfjobs)."""

from django.shortcuts import get_object_or_404

from scraip.common.pdf import PdfDocument, pdf_filename
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
