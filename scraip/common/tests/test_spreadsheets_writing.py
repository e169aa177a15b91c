"""The one spreadsheet writer: every character a person can type survives an export (or is
replaced by what it stood for), formulas never run, and rows are written as they come."""

import csv
import datetime
import io
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook

from scraip.common.spreadsheets import (
    clean_text,
    csv_lines,
    csv_response,
    read_spreadsheet,
    write_xlsx,
    xlsx_response,
)

TRICKY = [
    "Line one\x0bline two",  # Word's manual line break
    "Page\x0cbreak",
    "Bell\x07 and NUL\x00 and escape\x1b",
    "lone surrogate \ud800 here",
    "non-characters \ufffe\uffff",
    '=HYPERLINK("http://evil")',
    "+44 1622 602000",
    "-1",
    "@SUM(A1:A2)",
    "\tTabbed",
    "\r\nstarts with a break",
    "'=already quoted",
    "#N/A",
    "_x000B_ looks like an escape",
    "ünïcödé, emoji 🙂 and “quotes”",
]


def xlsx_of(rows) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(buffer, header=["Text"], rows=rows, title="Tricky\x0btitle")
    return buffer.getvalue()


def read_back(content: bytes, name: str) -> list:
    with read_spreadsheet(SimpleUploadedFile(name, content), max_rows=100) as sheet:
        return [row.values["Text"] for row in sheet.rows()]


def csv_of(rows) -> bytes:
    return b"".join(csv_lines(header=["Text"], rows=rows))


def test_characters_xml_cannot_hold_are_replaced_or_removed():
    sheet = load_workbook(io.BytesIO(xlsx_of([[text] for text in TRICKY[:5]]))).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Line one\nline two",
        "Page\nbreak",
        "Bell and NUL and escape",
        "lone surrogate  here",
        "non-characters ",
    ]
    lines = list(
        csv.reader(io.StringIO(csv_of([[text] for text in TRICKY[:3]]).decode("utf-8-sig")))
    )
    assert [line[0] for line in lines[1:]] == [
        "Line one\nline two",
        "Page\nbreak",
        "Bell and NUL and escape",
    ]


def test_formula_looking_cells_are_quoted_and_errors_stay_text():
    rows = [[text] for text in TRICKY[5:13]]
    sheet = load_workbook(io.BytesIO(xlsx_of(rows))).active
    cells = [row[0] for row in sheet.iter_rows(min_row=2)]
    assert [cell.value for cell in cells] == [
        '\'=HYPERLINK("http://evil")',
        "'+44 1622 602000",
        "'-1",
        "'@SUM(A1:A2)",
        "'\tTabbed",
        "\nstarts with a break",
        "''=already quoted",
        "#N/A",
    ]
    assert {cell.data_type for cell in cells} == {"s"}
    lines = list(csv.reader(io.StringIO(csv_of(rows).decode("utf-8-sig"))))
    assert [line[0] for line in lines[1:5]] == [
        '\'=HYPERLINK("http://evil")',
        "'+44 1622 602000",
        "'-1",
        "'@SUM(A1:A2)",
    ]


def test_every_tricky_text_reads_back_as_it_was_cleaned():
    rows = [[text] for text in TRICKY]
    expected = [clean_text(text).strip() for text in TRICKY]
    assert read_back(xlsx_of(rows), "t.xlsx") == expected
    assert read_back(csv_of(rows), "t.csv") == expected


@given(st.text(min_size=1, max_size=60).filter(lambda text: clean_text(text).strip()))
def test_any_text_survives_a_round_trip(text):
    """The number of examples comes from the Hypothesis profile (conftest.py)."""
    assert read_back(xlsx_of([[text]]), "t.xlsx") == [clean_text(text).strip()]
    assert read_back(csv_of([[text]]), "t.csv") == [clean_text(text).strip()]


def test_a_text_longer_than_an_excel_cell_is_cut_with_a_note():
    sheet = load_workbook(io.BytesIO(xlsx_of([["x" * 40_000]]))).active
    value = sheet.cell(row=2, column=1).value
    assert len(value) == 32_767
    assert value.endswith("[…the rest is cut: an Excel cell holds 32,767 characters]")
    assert b"x" * 40_000 in csv_of([["x" * 40_000]])  # a CSV has no such limit


def test_times_are_written_in_london_time():
    moment = datetime.datetime(2026, 7, 1, 9, 30, tzinfo=ZoneInfo("UTC"))
    sheet = load_workbook(io.BytesIO(xlsx_of([[moment]]))).active
    assert sheet.cell(row=2, column=1).value == datetime.datetime(2026, 7, 1, 10, 30)


def test_downloads_stream_rows_as_they_are_read():
    taken = []

    def rows():
        for number in range(3):
            taken.append(number)
            yield [number]

    response = csv_response(filename="rows.csv", header=["Number"], rows=rows())
    assert taken == []  # nothing read until the response is sent
    assert response["Content-Disposition"] == 'attachment; filename="rows.csv"'
    assert response["Cache-Control"] == "no-store"
    assert b"".join(response.streaming_content) == "\ufeffNumber\r\n0\r\n1\r\n2\r\n".encode()
    assert taken == [0, 1, 2]
    response = xlsx_response(
        filename="rows.xlsx", header=["Number"], rows=rows(), title="Rows\x0bof numbers"
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert workbook.properties.title == "Rows\nof numbers"
    assert [row[0] for row in workbook.active.iter_rows(values_only=True)] == ["Number", 0, 1, 2]
