"""A spreadsheet longer than an import takes is refused before any of its rows is read: its rows
are counted in the file's bytes (an XLSX sheet's XML, a CSV file's records) and the file refused
if more of them hold a value than the header and the rows allowed. Rows that hold nothing, and
line breaks inside a CSV cell, are not counted against it; a sheet whose <dimension> says less
than it holds is counted all the same."""

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl.worksheet._reader import WorkSheetParser

from scraip.common.spreadsheets import SpreadsheetRefused, read_spreadsheet, reader
from scraip.common.tests import workbooks as w
from scraip.followup.models import ProgressUpdate

NEWS = [1, "On track", "Done.", None]
TOO_LONG = "more than 50 rows below its header: split it into files of at most 50 rows"


@pytest.fixture
def parsed(monkeypatch):
    """How many rows openpyxl parsed and how many cell values the reader made (XLSX or CSV):
    the real functions, counted as they are called."""
    counts = {"rows": 0, "values": 0}
    parse_row, read_value = WorkSheetParser.parse_row, reader.read_value

    def counted_row(self, element):
        counts["rows"] += 1
        return parse_row(self, element)

    def counted_value(value):
        counts["values"] += 1
        return read_value(value)

    monkeypatch.setattr(WorkSheetParser, "parse_row", counted_row)
    monkeypatch.setattr(reader, "read_value", counted_value)
    return counts


def read(content: bytes, name: str, max_rows: int = 50) -> list:
    with read_spreadsheet(SimpleUploadedFile(name, content), max_rows=max_rows) as sheet:
        return [row.number for row in sheet.rows()]


def csv_of(rows) -> bytes:
    return b"".join(w.csv_lines(header=w.HEADER, rows=rows))


@pytest.mark.parametrize("dimension", [None, "A1:A1", "A1:D52"])
def test_a_sheet_one_row_too_long_is_refused_before_a_row_is_parsed(parsed, dimension):
    content = w.workbook([w.HEADER, *[NEWS] * 51], dimension=dimension)
    with pytest.raises(SpreadsheetRefused, match=TOO_LONG):
        read(content, "t.xlsx")
    assert parsed == {"rows": 0, "values": 0}
    # One row fewer is read whole, each row parsed once.
    assert len(read(w.workbook([w.HEADER, *[NEWS] * 50], dimension=dimension), "t.xlsx")) == 50
    assert parsed["rows"] == 51


def test_a_csv_file_one_record_too_long_is_refused_before_a_record_is_read(parsed):
    with pytest.raises(SpreadsheetRefused, match=TOO_LONG):
        read(csv_of([NEWS] * 51), "t.csv")
    assert parsed["values"] == 0
    assert len(read(csv_of([NEWS] * 50), "t.csv")) == 50
    assert parsed["values"] == 51 * 4


def test_a_sheet_declaring_one_cell_but_holding_thousands_of_rows_is_refused(parsed):
    content = w.workbook([w.HEADER, *[NEWS] * 10_000], dimension="A1:A1")
    with pytest.raises(SpreadsheetRefused, match="more than 5,000 rows below its header"):
        read(content, "t.xlsx", max_rows=5000)
    assert parsed == {"rows": 0, "values": 0}


def test_rows_holding_nothing_are_not_counted_against_the_file():
    """Excel keeps formatted rows, and a formula copied down gives "" below the data: such rows
    are passed over, up to the allowance for empty rows, as the import passes over them."""
    sheet = w.sheet_xml([w.HEADER, *[NEWS] * 50]).replace(
        "</sheetData>",
        "".join(
            f'<row r="{n}"><c r="A{n}" t="str"><f>IF(B{n}="","",1)</f><v></v></c>'
            f'<c r="B{n}" t="inlineStr"><is><t xml:space="preserve">  </t></is></c></row>'
            for n in range(52, 952)
        )
        + "</sheetData>",
    )
    assert len(read(w.xlsx({**w.parts_for([]), w.SHEET: sheet}), "t.xlsx")) == 50
    assert len(read(csv_of([NEWS] * 50) + b",,,\r\n" * 900, "t.csv")) == 50


def test_line_breaks_inside_csv_cells_are_not_records():
    rows = [[n, "On track", "First line.\nSecond line.\nThird.", None] for n in range(50)]
    assert len(read(csv_of(rows), "t.csv")) == 50


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["t.xlsx", "t.csv"])
def test_a_tracker_of_5001_rows_is_refused_on_the_form(client, officer, followed, parsed, name):
    rows = [[followed.item_g.pk, "On track", "Done.", None]] * 5001
    content = csv_of(rows) if name == "t.csv" else w.workbook([w.HEADER, *rows])
    client.force_login(officer)
    url = reverse("followup:plan_tracker_import", args=[followed.plan.pk])
    response = client.post(url, {"spreadsheet": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "There is a problem" in page
    assert "The spreadsheet has more than 5,000 rows below its header: split it" in page
    assert parsed == {"rows": 0, "values": 0}
    assert not ProgressUpdate.objects.exists()
