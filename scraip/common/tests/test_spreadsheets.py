"""The one spreadsheet reader: every row of a sheet read with its number, whatever the sheet
declares, and every broken or hostile file refused with a message before it costs more than its
limits. The writer's side is in test_spreadsheets_writing.py."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from scraip.common.spreadsheets import SpreadsheetRefused, read_spreadsheet
from scraip.common.tests import workbooks as w

HEADER = w.HEADER
NEWS = [1, "On track", "Done.", None]


def read(content: bytes, name="tracker.xlsx", max_rows=50) -> list[tuple[int, dict]]:
    with read_spreadsheet(SimpleUploadedFile(name, content), max_rows=max_rows) as sheet:
        return [(row.number, row.values) for row in sheet.rows()]


def refusal(content: bytes, name="tracker.xlsx", max_rows=50) -> str:
    with pytest.raises(SpreadsheetRefused) as refused:
        read(content, name, max_rows)
    return str(refused.value)


def test_rows_come_by_column_name_with_their_numbers():
    rows = read(w.workbook([["Title"], HEADER, NEWS, [], [2, "at risk", "Late.", "x"]]))
    # The first row that is not empty is the header; the empty row keeps its number.
    assert rows == [
        (2, {"Title": "Item ID"}),
        (3, {"Title": 1}),
        (5, {"Title": 2}),
    ]
    rows = read(w.workbook([HEADER, NEWS, [2, "at risk", "Late.", "https://x.gov.uk"]]))
    assert rows == [
        (2, {"Item ID": 1, "New status": "On track", "New update": "Done.", "Evidence link": None}),
        (
            3,
            {
                "Item ID": 2,
                "New status": "at risk",
                "New update": "Late.",
                "Evidence link": "https://x.gov.uk",
            },
        ),
    ]


def test_rows_past_the_declared_dimension_are_read():
    """openpyxl's read-only sheet stops at the <dimension> the file declares."""
    rows = read(
        w.workbook([HEADER, *[[n, "On track", "x", None] for n in range(6)]], dimension="A1:D2")
    )
    assert [number for number, _ in rows] == [2, 3, 4, 5, 6, 7]


def test_rows_far_apart_keep_their_numbers_without_filling_the_gap():
    rows = read(w.workbook([HEADER, NEWS, NEWS], numbers=[1, 2, 1_048_576]))
    assert [number for number, _ in rows] == [2, 1_048_576]


@pytest.mark.parametrize(
    ("numbers", "said"),
    [
        ([1, 5, 3], "row 3 comes after row 5"),
        ([1, 2, 2], "row 2 comes after row 2"),
        ([1, 2, 1_048_577], "row 1048577 comes after row 2"),
    ],
)
def test_misnumbered_rows_are_refused(numbers, said):
    assert said in refusal(w.workbook([HEADER, NEWS, NEWS], numbers=numbers))


def test_a_huge_declared_dimension_is_refused_before_any_row_is_read():
    message = refusal(w.workbook([HEADER, NEWS], dimension="A1:XFD1048576"))
    assert message.startswith("The spreadsheet has 1,048,576 (as its dimension says) rows")


def test_more_rows_than_allowed_are_refused_whatever_the_dimension_says():
    rows = [HEADER, *[NEWS] * 51]
    for dimension in (None, "A1:A1"):
        assert "more than 50 rows below its header: split it" in refusal(
            w.workbook(rows, dimension=dimension)
        )
    # Counted in the XML before parsing: empty rows too, beyond the allowance for them.
    empty = w.workbook([HEADER, *[[]] * 1100], dimension="A1:D1")
    assert refusal(empty).startswith("The spreadsheet has more than 1,051 rows")


def test_a_row_wider_than_excel_allows_is_refused():
    sheet = w.sheet_xml([HEADER]).replace(
        "</sheetData>", "<row>" + "<c/>" * 16_385 + "</row></sheetData>"
    )
    message = refusal(w.xlsx({**w.parts_for([HEADER]), w.SHEET: sheet}), max_rows=5000)
    assert "too many cells" in message


def test_a_zip_bomb_is_refused_by_its_declared_size():
    assert refusal(w.zip_bomb(100)) == (
        "The spreadsheet is too big: it unpacks to more than 100 MB, and a spreadsheet may "
        "unpack to at most 30 MB."
    )


def test_a_zip_that_lies_about_its_size_is_refused_without_unpacking_more():
    """Python's zipfile never unpacks more of a part than the directory declares (the reader
    counts what it unpacks as well): a bomb declaring small parts is refused as damaged."""
    assert refusal(w.with_declared_sizes(w.zip_bomb(100), 1000)).startswith(
        "The file is damaged: it ends early or its compressed data is broken."
    )
    assert "unpacks to more than 20,480 MB" in refusal(
        w.with_declared_sizes(w.workbook([HEADER]), 2**32 - 1)
    )


def test_a_zip_of_thousands_of_parts_is_refused_before_its_directory_is_read():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, part in w.parts_for([HEADER]).items():
            archive.writestr(name, part)
        for number in range(1001):
            archive.writestr(f"x/{number}", "")
    assert (
        refusal(buffer.getvalue()) == "The file has 1,006 parts; an Excel workbook has far fewer."
    )


def test_a_flood_of_tiny_xml_elements_is_refused():
    flood = f'<?xml version="1.0"?><sst xmlns="{w.MAIN}">' + "<si/>" * 200_000 + "</sst>"
    message = refusal(w.xlsx({**w.parts_for([HEADER]), "xl/sharedStrings.xml": flood}))
    assert message.startswith("The spreadsheet is too big: it holds more than 146,120 pieces")


@pytest.mark.parametrize(
    ("sheet", "message"),
    [
        (w.ENTITY_BOMB, "The file contains XML declarations (a DOCTYPE or entities)"),
        (w.EXTERNAL_ENTITY, "The file contains XML declarations (a DOCTYPE or entities)"),
        (w.BROKEN_SHEETS[2], "is not well-formed XML (reference to invalid character number"),
        (w.BROKEN_SHEETS[3], "is not well-formed XML (reference to invalid character number"),
        (w.BROKEN_SHEETS[4], "is not well-formed XML (no element found"),
        (w.BROKEN_SHEETS[5], "is not well-formed XML (mismatched tag"),
        (w.BROKEN_SHEETS[6], "The file is damaged: its XML cannot be read (syntax error"),
        (w.BROKEN_SHEETS[8], "some of its cells or rows hold values Excel never writes"),
        (w.BROKEN_SHEETS[9], "some of its cells or rows hold values Excel never writes"),
        (w.BROKEN_SHEETS[12], "The file's XML is not written as UTF-8"),
    ],
)
def test_broken_sheets_are_refused_naming_what_is_wrong(sheet, message):
    assert message in refusal(w.xlsx({**w.parts_for([HEADER]), w.SHEET: sheet}))


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        (w.SHEET, "The workbook has no worksheet: its first sheet is missing."),
        ("xl/workbook.xml", "The file is damaged: its part “xl/workbook.xml” is missing."),
        ("xl/_rels/workbook.xml.rels", "its part “xl/_rels/workbook.xml.rels” is missing"),
    ],
)
def test_a_workbook_with_a_part_missing_is_refused(missing, message):
    parts = {name: part for name, part in w.parts_for([HEADER]).items() if name != missing}
    assert message in refusal(w.xlsx(parts))


def test_a_cut_short_file_is_refused_as_damaged():
    content = w.workbook([HEADER, NEWS])
    for length in (10, len(content) // 2, len(content) - 10):
        assert refusal(content[:length]).startswith("The file is damaged")


def test_text_is_cleaned_and_unquoted_as_it_is_read():
    rows = read(
        w.workbook([HEADER, [1, "'=SUM(A1)", "Line_x000B_break_x0000_", "  _x005F_x0041_ "]])
    )
    assert rows[0][1] == {
        "Item ID": 1,
        "New status": "=SUM(A1)",
        "New update": "Line\nbreak",
        "Evidence link": "_x0041_",
    }


def test_duplicate_and_missing_header_rows_are_refused():
    assert "Two columns are called “New status”" in refusal(
        w.workbook([["New status", "New status"]])
    )
    assert refusal(w.workbook([])) == "The spreadsheet is empty: its first sheet has no rows."


# CSV


def test_csv_rows_come_with_their_record_numbers():
    content = '\ufeffItem ID,New update\r\n1,"Two\r\nlines, and a comma"\r\n\r\n2,\'+44\r\n'
    assert read(content.encode(), "t.csv") == [
        (2, {"Item ID": "1", "New update": "Two\nlines, and a comma"}),
        (4, {"Item ID": "2", "New update": "+44"}),
    ]


def test_csv_with_semicolons_or_tabs_is_read():
    assert read(b"Item ID;New status\n7;On track\n", "t.csv") == [
        (2, {"Item ID": "7", "New status": "On track"})
    ]
    assert read(b"Item ID\tNew status\n7\tOn track\n", "t.csv")[0][1]["New status"] == "On track"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Item ID\n1\n".encode("utf-16"), "The CSV file is not UTF-8 text"),
        (b"Item ID\n\xff\xfe\n", "The CSV file is not UTF-8 text"),
        (
            b"Item ID," + b"x" * 200_000 + b"\n",
            "Row 1 of the CSV file cannot be read (field larger",
        ),
        (b"," * 20_000, "Line 1 of the CSV file has more than 16,384 cells"),
        (b"Item ID\n" + b"1\n" * 51, "more than 50 rows below its header: split it"),
        (b"\n" * 2000, "The spreadsheet has more than 1,051 rows"),
        (b"", "The spreadsheet is empty"),
    ],
)
def test_broken_csv_files_are_refused(content, message):
    assert message in refusal(content, "t.csv")
