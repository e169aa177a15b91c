"""Committee meetings: scheduling one, the items due at it with both statuses, and the update
pack as a page and as a tagged PDF."""

import datetime
import io

import docx
import pytest
from django.urls import reverse
from docx.oxml.ns import qn
from pypdf import PdfReader

from scraip.common.word import DOCX
from scraip.councils.models import Meeting
from scraip.followup import services
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.plans.models import ReportBack

pytestmark = pytest.mark.django_db


def test_officer_schedules_a_meeting_and_an_impossible_date_is_refused(client, officer, committee):
    client.force_login(officer)
    url = reverse("followup:meeting_create")
    body = {"committee": committee.pk, "place": "Town Hall", "status": "scheduled"}
    page = client.post(url, {**body, "date_0": "31", "date_1": "2", "date_2": "2027"})
    assert "Enter a real date" in page.content.decode()
    assert not Meeting.objects.exists()
    response = client.post(url, {**body, "date_0": "4", "date_1": "3", "date_2": "2027"})
    meeting = Meeting.objects.get()
    assert response.url == meeting.get_absolute_url()
    assert (meeting.date, meeting.place, meeting.status) == (
        datetime.date(2027, 3, 4),
        "Town Hall",
        "scheduled",
    )


def test_a_second_meeting_of_a_committee_on_one_day_is_refused_with_a_link_to_the_first(
    client, officer, committee
):
    first = Meeting.objects.create(committee=committee, date=datetime.date(2027, 3, 4))
    client.force_login(officer)
    body = {"committee": committee.pk, "status": "scheduled"}
    page = client.post(
        reverse("followup:meeting_create"), {**body, "date_0": "4", "date_1": "3", "date_2": "2027"}
    ).content.decode()
    assert f"{committee} already has a meeting on 4 March 2027" in page
    assert f'href="{first.get_absolute_url()}"' in page
    assert Meeting.objects.count() == 1
    # The rule is the model's: the service (and so the admin and imports) refuse it too.
    with pytest.raises(services.WorkflowError, match="already has a meeting"):
        services.meeting_save(
            meeting=Meeting(committee=committee, date=first.date), loaded_version=None
        )
    # Editing the meeting itself is not a clash with itself.
    response = client.post(
        reverse("followup:meeting_edit", args=[first.pk]),
        {
            **body,
            "date_0": "4",
            "date_1": "3",
            "date_2": "2027",
            "place": "Town Hall",
            "loaded_version": first.version,
        },
    )
    assert response.status_code == 302


def test_meeting_page_lists_every_accepted_item_due_with_both_statuses(
    client, councillor, officer, followed
):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first, status="at_risk")
    services.verdict_record(
        subject=followed.item_g,
        meeting=followed.meeting,
        verdict="satisfied",
        report_back=followed.first,
        recorded_by=officer,
    )
    client.force_login(councillor)
    page = client.get(followed.meeting.get_absolute_url()).content.decode()
    assert followed.plan.title in page
    assert f'id="item-{followed.item_a.pk}"' in page
    assert f'id="item-{followed.item_g.pk}"' in page
    assert f'id="item-{followed.rejected.pk}"' not in page
    assert "2 items" in page
    # Self-reported beside committee-verified.
    assert "At risk" in page and "Satisfied" in page
    assert "Owed" in page and "Received" in page


def _pack_history(followed):
    """G reported twice with nothing new; A once, then again with a changed status."""
    for item, statuses in (
        (followed.item_g, ["on_track", "on_track"]),
        (
            followed.item_a,
            [
                "on_track",
                "at_risk",
            ],
        ),
    ):
        for day, status in zip((3, 10), statuses, strict=True):
            ProgressUpdateFactory(
                subject=item,
                status=status,
                narrative="Work has started and is on schedule.",
                report_back=followed.first if day == 10 else None,
                reported_on=datetime.date(2027, 1, day),
            )


def test_update_pack_page_shows_response_latest_update_and_what_changed(
    client, councillor, followed
):
    _pack_history(followed)
    client.force_login(councillor)
    page = client.get(reverse("followup:meeting_pack", args=[followed.meeting.pk])).content.decode()
    assert "<svg" in page and 'role="img"' in page
    assert "Carry out Recommendation G" in page  # the cabinet's response
    assert "No change since last update" in page  # G
    assert "Status changed from On track to At risk" in page  # A


def test_update_pack_pdf_is_tagged_with_cover_chart_and_every_item(client, councillor, followed):
    _pack_history(followed)
    client.force_login(councillor)
    response = client.get(reverse("followup:meeting_pack_pdf", args=[followed.meeting.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Update pack" in text
    assert "14 January 2027" in text
    # The SVG chart is drawn into the PDF: its bar labels are text on the page.
    assert "Closed by the committee" in text and "No update yet" in text
    assert "No change since last update" in text
    assert "Status changed from On track to At risk" in text
    assert "Carry out Recommendation G" in text
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]


def test_update_pack_word_copy_holds_the_cover_counts_and_every_item(client, councillor, followed):
    _pack_history(followed)
    client.force_login(councillor)
    meeting_page = client.get(followed.meeting.get_absolute_url()).content.decode()
    url = reverse("followup:meeting_pack_docx", args=[followed.meeting.pk])
    assert url in meeting_page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    document = docx.Document(io.BytesIO(response.content))
    styled = [(p.style.name, p.text) for p in document.paragraphs if p.style.name != "Normal"]
    assert styled[:3] == [
        ("Title", f"Update pack: {followed.meeting.committee.name}, 14 January 2027"),
        ("Heading 1", "Update pack: progress on scrutiny recommendations"),
        ("Heading 2", "Summary of statuses"),
    ]
    assert ("Heading 2", f"1. {followed.plan.title}") in styled
    counts, items = document.tables
    assert [cell.text for cell in counts.rows[0].cells] == ["Status", "Items"]
    by_status = {row.cells[0].text: row.cells[1].text for row in counts.rows[1:]}
    assert by_status["At risk"] == "1" and by_status["On track"] == "1"
    text = "\n".join(cell.text for row in items.rows for cell in row.cells)
    assert "Carry out Recommendation G" in text
    assert "No change since last update" in text
    assert "Status changed from On track to At risk" in text
    assert items.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None


def test_an_item_is_listed_once_at_a_meeting_its_plan_is_tied_to_twice(client, officer, followed):
    """Two report-backs of one plan at one meeting: the plan is heard once, at the first."""
    ReportBack.objects.filter(pk=followed.second.pk).update(
        meeting=followed.meeting, due_on=followed.meeting.date
    )
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    client.force_login(officer)
    page = client.get(followed.meeting.get_absolute_url()).content.decode()
    assert page.count(f'id="item-{followed.item_a.pk}"') == 1
    assert page.count(f'id="item-{followed.item_g.pk}"') == 1
    assert "1 action plan, 2 items" in page
    assert page.count(f'id="plan-{followed.plan.pk}"') == 1
    assert "1st update" in page and "2nd update" not in page


def test_an_item_closed_at_the_meeting_owes_no_update_for_it(client, officer, followed):
    ProgressUpdateFactory(subject=followed.item_g, status="implemented")  # before the schedule
    services.verdict_record(
        subject=followed.item_g,
        meeting=followed.meeting,
        verdict="closed",
        report_back=followed.first,
        recorded_by=officer,
    )
    client.force_login(officer)
    page = client.get(followed.meeting.get_absolute_url()).content.decode()
    row = page.split(f'id="item-{followed.item_g.pk}"')[1].split("</tr>")[0]
    assert "None needed: closed" in row and "Owed" not in row
    assert "Closed" in row


def test_the_second_report_back_is_not_completed_before_the_first(client, officer, followed):
    client.force_login(officer)
    page = client.post(
        reverse("followup:report_back_complete", args=[followed.second.pk]),
        {"note": "Heard out of turn."},
    )
    assert "The 1st report-back (14 January 2027) must be completed first." in (
        page.content.decode()
    )
    followed.second.refresh_from_db()
    assert not followed.second.completed
