"""The tracker as a spreadsheet: exported as XLSX and CSV (streamed), progress imported from
either, every row checked first and all or nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from scraip.followup.models import ProgressUpdate
from scraip.followup.tests.factories import ProgressUpdateFactory, VerdictFactory
from scraip.followup.tracker import COLUMNS, NEWS_AT

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NEWS = ("New status", "New update", "Evidence link")


def export(client, plan, fmt="xlsx") -> bytes:
    response = client.get(reverse("followup:plan_tracker_export", args=[plan.pk, fmt]))
    assert response.status_code == 200
    assert response.streaming
    return b"".join(response.streaming_content)


def upload(client, plan, content: bytes, name="tracker.xlsx"):
    return client.post(
        reverse("followup:plan_tracker_import", args=[plan.pk]),
        {"spreadsheet": SimpleUploadedFile(name, content)},
    )


def saved(workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def fill(content: bytes, news: dict[int, tuple]) -> bytes:
    """The exported workbook with New status, New update and Evidence link filled in."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        for column, value in zip(NEWS, news.get(row[0].value, ()), strict=False):
            row[header.index(column)].value = value
    return saved(workbook)


def fill_csv(content: bytes, news: dict[int, tuple]) -> bytes:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    for row in rows[1:]:
        for offset, value in enumerate(news.get(int(row[0]), ())):
            row[COLUMNS.index(NEWS[offset])] = value or ""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return "\ufeff".encode() + buffer.getvalue().encode()


def test_export_has_the_officers_columns_and_one_row_per_accepted_item(client, officer, followed):
    client.force_login(officer)
    response = client.get(reverse("followup:plan_tracker_export", args=[followed.plan.pk, "xlsx"]))
    assert response["Content-Type"] == XLSX
    assert 'filename="tracker-review-of-partnerships.xlsx"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    content = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS
    assert [(row[0], row[2], row[9]) for row in rows[1:]] == [
        (followed.item_a.pk, "Recommendation A (i)", "No update yet"),
        (followed.item_g.pk, "Recommendation G", "No update yet"),
    ]
    text = export(client, followed.plan, "csv").decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text)))[2][:3] == [
        str(followed.item_g.pk),
        "Review of Partnerships",
        "Recommendation G",
    ]


def test_cells_that_would_run_as_formulas_are_defused(client, officer, followed):
    response = followed.item_g.response
    response.action = '=HYPERLINK("http://evil")'
    response.save()
    client.force_login(officer)
    sheet = load_workbook(io.BytesIO(export(client, followed.plan))).active
    assert sheet.cell(row=3, column=7).value == '\'=HYPERLINK("http://evil")'
    rows = list(csv.reader(io.StringIO(export(client, followed.plan, "csv").decode("utf-8-sig"))))
    assert rows[2][6] == '\'=HYPERLINK("http://evil")'


def test_an_update_with_a_vertical_tab_exports_as_a_line_break(client, officer, followed):
    """Word's manual line break is a vertical tab, which XML cannot hold: the export failed."""
    ProgressUpdateFactory(
        subject=followed.item_g, narrative="First line\x0bsecond line\x01", status="at_risk"
    )
    client.force_login(officer)
    sheet = load_workbook(io.BytesIO(export(client, followed.plan))).active
    assert sheet.cell(row=3, column=11).value == "First line\nsecond line"
    rows = list(csv.reader(io.StringIO(export(client, followed.plan, "csv").decode("utf-8-sig"))))
    assert rows[2][10] == "First line\nsecond line"


def test_filled_in_export_imports_updates_as_the_lead_officers_entered_by_me(
    client, officer, lead_officer_person, followed
):
    client.force_login(officer)
    content = fill(
        export(client, followed.plan),
        {
            followed.item_a.pk: ("On track", "Drafted.", "https://example.gov.uk/a"),
            followed.item_g.pk: ("implemented", "Live since May.", None),
        },
    )
    response = upload(client, followed.plan, content)
    assert response.status_code == 302
    updates = {update.object_id: update for update in ProgressUpdate.objects.all()}
    assert updates[followed.item_a.pk].status == "on_track"
    assert updates[followed.item_a.pk].evidence_link == "https://example.gov.uk/a"
    assert updates[followed.item_g.pk].status == "implemented"
    for update in updates.values():
        assert (update.reported_by, update.entered_by) == (lead_officer_person, officer)
        assert update.report_back == followed.first
        assert update.reported_on.isoformat() == "2026-11-23"
        history = list(update.history.all())
        assert [(row.history_type, row.history_user) for row in history] == [("+", officer)]


def test_an_exported_csv_imports_back(client, officer, followed):
    client.force_login(officer)
    content = fill_csv(
        export(client, followed.plan, "csv"),
        {followed.item_g.pk: ("Off track", "=Delayed, by the budget\nSee the report.", "")},
    )
    response = upload(client, followed.plan, content, name="tracker.csv")
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.object_id, update.status) == (followed.item_g.pk, "off_track")
    assert update.narrative == "=Delayed, by the budget\nSee the report."


def test_text_round_trips_through_an_export_and_an_import(client, officer, followed):
    """A narrative that looks like a formula is quoted on the way out and unquoted on the way
    in; a vertical tab comes back as the line break it stood for."""
    narrative = "=SUM(A1)\x0bnext line, 'quoted' and ünïcödé 🙂"
    client.force_login(officer)
    ProgressUpdateFactory(subject=followed.item_g, narrative=narrative)
    for fmt in ("xlsx", "csv"):
        content = export(client, followed.plan, fmt)
        if fmt == "xlsx":
            workbook = load_workbook(io.BytesIO(content))
            latest = workbook.active.cell(row=3, column=11).value
            workbook.active.cell(row=3, column=NEWS_AT + 1).value = "On track"
            workbook.active.cell(row=3, column=NEWS_AT + 2).value = latest
            content = saved(workbook)
        else:
            rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
            content = fill_csv(content, {followed.item_g.pk: ("On track", rows[2][10])})
        assert upload(client, followed.plan, content, name=f"t.{fmt}").status_code == 302
        assert (
            ProgressUpdate.objects.first().narrative
            == "=SUM(A1)\nnext line, 'quoted' and ünïcödé 🙂"
        )


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed(client, officer, followed):
    client.force_login(officer)
    content = fill(
        export(client, followed.plan),
        {
            followed.item_a.pk: ("On track", "Fine.", None),
            followed.item_g.pk: ("Nearly there", "", "not a link"),
        },
    )
    workbook = load_workbook(io.BytesIO(content))
    workbook.active.append([followed.rejected.pk, *[""] * (NEWS_AT - 1), "On track", "Done", ""])
    workbook.active.append([999999, *[""] * (NEWS_AT - 1), "On track", "Done", ""])
    workbook.active.append([followed.item_a.pk, *[""] * (NEWS_AT - 1), "On track", "Again", ""])
    page = upload(client, followed.plan, saved(workbook)).content.decode()
    assert "Nothing was imported: 4 rows need correcting" in page
    assert "Row 3: “Nearly there” is not a status" in page
    assert "the new update is empty; the evidence link is not a web address" in page
    assert f"Row 4: There is no item {followed.rejected.pk} in this tracker" in page
    assert "Row 5: There is no item 999999 in this tracker" in page
    assert f"Row 6: Item {followed.item_a.pk} is also on row 2" in page
    assert not ProgressUpdate.objects.exists()


def test_an_item_the_committee_closed_is_a_bad_row(client, officer, followed):
    ProgressUpdateFactory(subject=followed.item_g)
    VerdictFactory(subject=followed.item_g, meeting=followed.meeting, verdict="closed")
    client.force_login(officer)
    content = fill(export(client, followed.plan), {followed.item_g.pk: ("On track", "More.")})
    page = upload(client, followed.plan, content).content.decode()
    assert "Row 3: Recommendation G has been closed by the committee" in page
    assert ProgressUpdate.objects.count() == 1


def test_an_item_id_of_unusual_digits_is_a_bad_row(client, officer, followed):
    """Superscript two passes str.isdigit() but not int(); 5,000 digits pass both but are
    refused by int() itself."""
    client.force_login(officer)
    workbook = load_workbook(io.BytesIO(export(client, followed.plan)))
    workbook.active.append(["\u00b2", *[""] * (NEWS_AT - 1), "On track", "Done", ""])
    workbook.active.append(["9" * 5000, *[""] * (NEWS_AT - 1), "On track", "Done", ""])
    response = upload(client, followed.plan, saved(workbook))
    assert response.status_code == 200
    assert "There is no item \u00b2 in this tracker" in response.content.decode()
    assert "Row 5: There is no item 999" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_spreadsheet_without_the_tracker_columns_is_refused(client, officer, followed):
    workbook = Workbook()
    workbook.active.append(["Item", "Status", "Notes"])
    workbook.active.append([followed.item_g.pk, "On track", "Fine"])
    client.force_login(officer)
    page = upload(client, followed.plan, saved(workbook)).content.decode()
    assert "does not have the tracker&#x27;s columns: “Item ID”, “New status”" in page
    assert not ProgressUpdate.objects.exists()


def test_a_20_mb_file_is_refused(client, officer, followed):
    client.force_login(officer)
    page = upload(client, followed.plan, b"PK\x03\x04" + b"\x00" * (20 * 1024 * 1024))
    assert "The file must be smaller than 10 MB" in page.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_file_that_is_not_a_spreadsheet_is_refused(client, officer, followed):
    client.force_login(officer)
    page = upload(client, followed.plan, b"Item ID,New status\n1,On track\n", name="t.xlsx")
    assert "The file is not a real Excel spreadsheet" in page.content.decode()
    page = upload(client, followed.plan, b"%PDF-1.4", name="t.pdf")
    assert "The file must be a CSV file or an Excel spreadsheet" in page.content.decode()


def test_committee_tracker_covers_every_plan_of_the_committee(client, councillor, followed):
    client.force_login(councillor)
    url = reverse("followup:committee_tracker_export", args=[followed.plan.committee_id, "csv"])
    response = client.get(url)
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert {row[0] for row in rows[1:]} == {str(followed.item_a.pk), str(followed.item_g.pk)}


def test_an_unknown_format_is_not_found(client, officer, followed):
    client.force_login(officer)
    url = reverse("followup:plan_tracker_export", args=[followed.plan.pk, "ods"])
    assert client.get(url).status_code == 404


def test_the_whole_councils_export_carries_every_column_and_imports_back(
    client, officer, followed, lead_officer_person
):
    """Issue 10.5: reference, committee, municipal year, dates, addressee, who answered, the
    explanation, lead officer, lifecycle state and RAG go out; the CSV and the XLSX both come
    back in as updates."""
    client.force_login(officer)
    url = reverse("followup:council_tracker_export", args=[followed.plan.authority_id, "xlsx"])
    response = client.get(url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    rows = list(load_workbook(io.BytesIO(content)).active.iter_rows(values_only=True))
    header = list(rows[0])
    row = dict(zip(header, next(r for r in rows[1:] if r[0] == followed.item_a.pk), strict=True))
    assert (row["Reference"], row["Municipal year"], row["Date of publication"]) == (
        "A (i)",
        "2026/27",
        "17 September 2026",
    )
    assert row["Committee"] == followed.plan.committee.name
    assert row["Addressed to"] == "Leader of the Council"
    assert row["Response given by"] == "Cllr Alice Leader"
    assert row["Lead officer"] == str(lead_officer_person)
    assert (row["Latest status"], row["Lifecycle state"], row["RAG"]) == (
        "No update yet",
        None,
        None,
    )
    for fmt in ("xlsx", "csv"):
        exported = b"".join(
            client.get(
                reverse("followup:council_tracker_export", args=[followed.plan.authority_id, fmt])
            ).streaming_content
        )
        news = {followed.item_a.pk: ("At risk", f"Slipping ({fmt}).")}
        filled = fill(exported, news) if fmt == "xlsx" else fill_csv(exported, news)
        assert upload(client, followed.plan, filled, name=f"t.{fmt}").status_code == 302
    assert [u.narrative for u in ProgressUpdate.objects.order_by("pk")] == [
        "Slipping (xlsx).",
        "Slipping (csv).",
    ]
    again = dict(
        zip(
            header,
            next(
                r
                for r in load_workbook(
                    io.BytesIO(b"".join(client.get(url).streaming_content))
                ).active.iter_rows(values_only=True)
                if r[0] == followed.item_a.pk
            ),
            strict=True,
        )
    )
    assert (again["Latest status"], again["Lifecycle state"], again["RAG"]) == (
        "At risk",
        "At risk",
        "Amber",
    )


def test_the_plans_tracker_names_its_next_report_back_and_moves_on_when_it_is_done(
    client, officer, followed
):
    """The tracker prints the plan's next report-back (the one the database keeps), with its
    meeting, and the one after it once the first is completed."""
    client.force_login(officer)
    url = reverse("followup:plan_tracker", args=[followed.plan.pk])
    first = client.get(url).content.decode()
    assert "Next report-back: 1st update, 14 January 2027" in first
    assert "meeting of 14 January 2027" in first
    followed.first.completed = True
    followed.first.save()
    second = client.get(url).content.decode()
    assert "Next report-back: 2nd update, 1 June 2027." in second
