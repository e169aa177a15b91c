"""The one reader and writer of spreadsheets (XLSX and CSV) for every import and export.

Reading, for an import:

    with read_spreadsheet(upload, max_rows=5000) as sheet:
        sheet.header                      # the column names of the first row that is not empty
        for row in sheet.rows():          # each row below it that is not empty, streaming
            row.number, row.values, row.text("Item ID")

A form takes the upload with SpreadsheetField (an Excel workbook or a CSV file, up to the
upload cap). A file that cannot be used at all raises SpreadsheetRefused, whose message says
what is wrong and is fit to show on the form. An XLSX is checked before any row is parsed
(guard.py): its zip directory (at most MAX_ZIP_PARTS parts, declaring at most
SCRAIP_MAX_SPREADSHEET_BYTES unpacked, 30 MB unless set); then every part is unpacked in chunks
and counted as it comes, so a zip that lies about its sizes stops at the cap too; every XML part
is parsed once by expat, refusing any DOCTYPE or entity declaration, with its elements counted
against a budget that grows with max_rows, so no part can make openpyxl build millions of
objects; then the sheet's rows, cells and rows holding a value are counted in its bytes and its
declared dimension compared with max_rows, so a file one row too long is refused before its
shared strings or any row is parsed (a CSV file's records are counted by csv before any is read
into values, the same way). Only then is the sheet parsed, streaming, by openpyxl with
defusedxml underneath;
every row its XML holds is read, whatever its <dimension> says, with the number a spreadsheet
program shows beside it. A CSV is read as UTF-8 (with or without Excel's byte order mark).

Writing, for an export: `xlsx_response` (openpyxl's write-only workbook, saved to a temporary
file that is then streamed) and `csv_response` (a StreamingHttpResponse). Both take the header
and an iterable of rows, so a queryset read in chunks is never held whole, and make every text
safe for the format (`cell_text`): control characters XML cannot hold are replaced (a vertical
tab, Word's manual line break, becomes a line break) or removed, and a text a spreadsheet
program would run as a formula is quoted with an apostrophe. Reading takes that quote off
again, so an export imports back unchanged.
"""

import openpyxl
from django.core.exceptions import ImproperlyConfigured

from .cells import SpreadsheetRefused, as_text, cell_text, clean_text, looks_like_formula
from .guard import max_spreadsheet_bytes
from .reader import Row, Spreadsheet, SpreadsheetField, read_spreadsheet, read_text_rows
from .writer import (
    CSV_CONTENT_TYPE,
    XLSX_CONTENT_TYPE,
    csv_lines,
    csv_response,
    write_xlsx,
    xlsx_response,
)

if not openpyxl.DEFUSEDXML:
    raise ImproperlyConfigured(
        "openpyxl must parse spreadsheets through defusedxml: install defusedxml and leave "
        "OPENPYXL_DEFUSEDXML unset."
    )

__all__ = [
    "CSV_CONTENT_TYPE",
    "XLSX_CONTENT_TYPE",
    "Row",
    "Spreadsheet",
    "SpreadsheetField",
    "SpreadsheetRefused",
    "as_text",
    "cell_text",
    "clean_text",
    "csv_lines",
    "csv_response",
    "looks_like_formula",
    "max_spreadsheet_bytes",
    "read_spreadsheet",
    "read_text_rows",
    "write_xlsx",
    "xlsx_response",
]
