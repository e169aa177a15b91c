"""The tracker as a spreadsheet: exported as XLSX and CSV, progress imported from the XLSX,
every row checked first and all or nothing."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from scraip.followup.models import ProgressUpdate
from scraip.followup.tracker import COLUMNS

pytestmark = pytest.mark.django_db

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export(client, plan, fmt="xlsx"):
    response = client.get(reverse("followup:plan_tracker_export", args=[plan.pk, fmt]))
    assert response.status_code == 200
    return response


def upload(client, plan, content: bytes, name="tracker.xlsx"):
    return client.post(
        reverse("followup:plan_tracker_import", args=[plan.pk]),
        {"spreadsheet": SimpleUploadedFile(name, content)},
    )


def fill(content: bytes, news: dict[int, tuple]) -> bytes:
    """The exported workbook with New status, New update and Evidence link filled in."""
    workbook = load_workbook(io.BytesIO(content))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        values = news.get(row[0].value)
        if values:
            for column, value in zip(
                ("New status", "New update", "Evidence link"), values, strict=False
            ):
                row[header.index(column)].value = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_export_has_the_officers_columns_and_one_row_per_accepted_item(client, officer, followed):
    client.force_login(officer)
    response = export(client, followed.plan)
    assert response["Content-Type"] == XLSX
    assert 'filename="tracker-review-of-partnerships.xlsx"' in response["Content-Disposition"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert list(rows[0]) == COLUMNS
    assert [(row[0], row[2], row[9]) for row in rows[1:]] == [
        (followed.item_a.pk, "Recommendation A (i)", "No update yet"),
        (followed.item_g.pk, "Recommendation G", "No update yet"),
    ]
    text = export(client, followed.plan, "csv").content.decode()
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
    sheet = load_workbook(io.BytesIO(export(client, followed.plan).content)).active
    assert sheet.cell(row=3, column=7).value == '\'=HYPERLINK("http://evil")'


def test_filled_in_export_imports_updates_as_the_lead_officers_entered_by_me(
    client, officer, lead_officer_person, followed
):
    client.force_login(officer)
    content = fill(
        export(client, followed.plan).content,
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


def test_one_bad_row_imports_nothing_and_every_bad_row_is_listed(client, officer, followed):
    client.force_login(officer)
    content = fill(
        export(client, followed.plan).content,
        {
            followed.item_a.pk: ("On track", "Fine.", None),
            followed.item_g.pk: ("Nearly there", "", "not a link"),
        },
    )
    workbook = load_workbook(io.BytesIO(content))
    workbook.active.append(
        [
            followed.rejected.pk,
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
            "On track",
            "Done",
            "",
        ]
    )
    workbook.active.append([999999, *[""] * 13, "On track", "Done", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    page = upload(client, followed.plan, buffer.getvalue()).content.decode()
    assert "Nothing was imported: 3 rows need correcting" in page
    assert "Row 3: “Nearly there” is not a status" in page
    assert "the new update is empty; the evidence link is not a web address" in page
    assert f"Row 4: There is no item {followed.rejected.pk} in this tracker" in page
    assert "Row 5: There is no item 999999 in this tracker" in page
    assert not ProgressUpdate.objects.exists()


def test_an_item_id_of_unusual_digits_is_a_bad_row(client, officer, followed):
    """Superscript two passes str.isdigit() but not int()."""
    client.force_login(officer)
    workbook = load_workbook(io.BytesIO(export(client, followed.plan).content))
    workbook.active.append(["\u00b2", *[""] * 13, "On track", "Done", ""])
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = upload(client, followed.plan, buffer.getvalue())
    assert response.status_code == 200
    assert "There is no item \u00b2 in this tracker" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_a_spreadsheet_without_the_tracker_columns_is_refused(client, officer, followed):
    workbook = Workbook()
    workbook.active.append(["Item", "Status", "Notes"])
    workbook.active.append([followed.item_g.pk, "On track", "Fine"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(officer)
    page = upload(client, followed.plan, buffer.getvalue()).content.decode()
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


def test_committee_tracker_covers_every_plan_of_the_committee(client, councillor, followed):
    client.force_login(councillor)
    url = reverse("followup:committee_tracker_export", args=[followed.plan.committee_id, "csv"])
    rows = list(csv.reader(io.StringIO(client.get(url).content.decode())))
    assert {row[0] for row in rows[1:]} == {str(followed.item_a.pk), str(followed.item_g.pk)}
