"""Spreadsheets out: the rows of an export as an XLSX or CSV download, written one at a time."""

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator

import openpyxl
from django.http import FileResponse, StreamingHttpResponse
from django.utils import timezone
from django.utils.http import content_disposition_header
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Font

from .cells import EXCEL_MAX_CELL_TEXT, cell_text, clean_text, ooxml_escape

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"


def write_xlsx(
    target,
    *,
    header: list[str],
    rows: Iterable,
    title: str = "",
    sheet: str = "Sheet1",
    freeze: str | None = "A2",
) -> None:
    """Write the header (in bold) and the rows to `target` (a file or path) as an XLSX, one row
    at a time: openpyxl's write-only workbook keeps no row in memory once written."""
    workbook = openpyxl.Workbook(write_only=True)
    if title:
        workbook.properties.title = clean_text(title)[:255]
    worksheet = workbook.create_sheet(sheet)
    worksheet.freeze_panes = freeze
    bold = Font(bold=True)
    worksheet.append([_xlsx_cell(worksheet, name, font=bold) for name in header])
    for row in rows:
        worksheet.append([_xlsx_cell(worksheet, value) for value in row])
    workbook.save(target)


def _xlsx_cell(worksheet, value, font=None):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.make_naive(value)  # Excel has no time zones: London time
    value = cell_text(value, limit=EXCEL_MAX_CELL_TEXT)
    if isinstance(value, str):
        value = ooxml_escape(value)
    if font is None and value not in ERROR_CODES:
        return value
    cell = WriteOnlyCell(worksheet, value)
    if value in ERROR_CODES:
        cell.data_type = "s"  # text such as "#N/A" stays text, not an error
    if font is not None:
        cell.font = font
    return cell


def xlsx_response(
    *,
    filename: str,
    header: list[str],
    rows: Iterable,
    title: str = "",
    sheet: str = "Sheet1",
    freeze: str | None = "A2",
) -> FileResponse:
    """The rows as an XLSX download, built in a temporary file and streamed from it."""
    # Not a context manager: FileResponse closes the file once it has been sent.
    file = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        write_xlsx(file, header=header, rows=rows, title=title, sheet=sheet, freeze=freeze)
        file.seek(0)
    except BaseException:
        file.close()
        raise
    response = FileResponse(
        file, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )
    response["Cache-Control"] = "no-store"
    return response


class _Line:
    """A file that hands back what csv.writer writes to it."""

    def write(self, text: str) -> str:
        return text


def csv_lines(
    *, header: list[str], rows: Iterable, byte_order_mark: bool = True
) -> Iterator[bytes]:
    """The header and rows as UTF-8 CSV lines, one row at a time, starting with the byte order
    mark Excel needs to read UTF-8 (not for a file meant for programs: `byte_order_mark`)."""
    writer = csv.writer(_Line())
    mark = "\ufeff" if byte_order_mark else ""
    yield (mark + writer.writerow([cell_text(name) for name in header])).encode()
    for row in rows:
        yield writer.writerow([cell_text(value) for value in row]).encode()


def csv_response(*, filename: str, header: list[str], rows: Iterable) -> StreamingHttpResponse:
    """The rows as a CSV download, streamed as they are read."""
    response = StreamingHttpResponse(
        csv_lines(header=header, rows=rows), content_type=CSV_CONTENT_TYPE
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    response["Cache-Control"] = "no-store"
    return response
