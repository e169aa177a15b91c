"""Spreadsheets in: the header and rows of an uploaded XLSX or CSV file, read as they are
needed, or a refusal that says what is wrong with the file."""

import csv
import io
import logging
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pyexpat import ExpatError
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from openpyxl.reader.excel import ExcelReader
from openpyxl.styles.stylesheet import apply_stylesheet
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

# The row parser of openpyxl's read-only worksheets, used directly: the read-only worksheet
# trusts the sheet's <dimension> and pads the gaps between the rows it finds, which a hostile
# file turns into a sheet cut short or a billion empty rows. (openpyxl is held below 3.2.)
from openpyxl.worksheet._reader import WorkSheetParser

from ..uploads import CheckedFileField
from .cells import SpreadsheetRefused, as_text, ooxml_unescape, read_value
from .guard import (
    DAMAGED_ZIP,
    ENTITIES,
    EXCEL_MAX_COLUMNS,
    Limits,
    check_archive,
    count_rows_and_cells,
)

logger = logging.getLogger(__name__)

EXCEL_MAX_ROWS = 1_048_576


class SpreadsheetField(CheckedFileField):
    """An upload to import: an Excel workbook or a CSV file, checked by content and size
    (uploads.CheckedFileField). Its input is marked `data-spreadsheet-import`, by which
    tests/test_fuzz_forms.py finds every import page and posts hostile files to it."""

    def __init__(self, **kwargs):
        kwargs.setdefault("extensions", ["xlsx", "csv"])
        super().__init__(**kwargs)
        self.widget.attrs["data-spreadsheet-import"] = True


@dataclass(frozen=True)
class Row:
    """A row below the header: its number as a spreadsheet program shows it, and its values by
    column name (None for an empty cell)."""

    number: int
    values: dict

    def text(self, column: str) -> str:
        return as_text(self.values.get(column))


class Spreadsheet:
    """An open spreadsheet: its header, then its rows, read once, as they are needed."""

    def __init__(self, kind: str, raw_rows: Iterator, max_rows: int):
        self.kind = kind
        self.max_rows = max_rows
        self._raw = raw_rows
        for number, cells in self._raw:
            if cells:
                self.header_row = number
                self.header = self._names(number, cells)
                return
        raise SpreadsheetRefused("The spreadsheet is empty: its first sheet has no rows.")

    def _names(self, number: int, cells: dict) -> list[str]:
        names = [""] * max(cells)
        for column, value in cells.items():
            names[column - 1] = as_text(value)
        seen = set()
        for name in filter(None, names):
            if name in seen:
                raise SpreadsheetRefused(
                    f"Two columns are called “{name}” (row {number}, the header row): give "
                    "each column its own name."
                )
            seen.add(name)
        self._columns = [(column, name) for column, name in enumerate(names, start=1) if name]
        return names

    def column_letter(self, name: str) -> str:
        """Where a column of the header is, as a spreadsheet program labels it (A, B… AA)."""
        return get_column_letter(self.header.index(name) + 1)

    def rows(self) -> Iterator[Row]:
        """Each row below the header with a value in a named column, in order."""
        data_rows = 0
        for number, cells in self._raw:
            values = {name: cells.get(column) for column, name in self._columns}
            if all(value is None for value in values.values()):
                continue
            data_rows += 1
            if data_rows > self.max_rows:
                raise SpreadsheetRefused(
                    f"The spreadsheet has more than {self.max_rows:,} rows below its header "
                    f"(row {number} is one too many): split it into files of at most "
                    f"{self.max_rows:,} rows."
                )
            yield Row(number, values)


@contextmanager
def read_spreadsheet(file, *, max_rows: int) -> Iterator[Spreadsheet]:
    """Open an uploaded XLSX or CSV file (told apart by the name's extension, which the upload
    check has matched to the content) to read its header and at most `max_rows` rows."""
    name = (getattr(file, "name", "") or "").lower()
    kind = "csv" if name.endswith(".csv") else "xlsx"
    limits = Limits(max_rows)
    with ExitStack() as stack:
        if kind == "csv":
            raw = _csv_rows(file, limits, stack)
        else:
            raw = _guarded(_xlsx_rows(file, limits, stack))
        yield Spreadsheet(kind, raw, max_rows)


def read_text_rows(file, *, max_rows: int) -> tuple[list[str], list[dict]]:
    """The header and every row with a value, as {"row": its number, column: text} (the text
    trimmed): for imports that check a whole file before saving any of it. SpreadsheetRefused
    for a file that cannot be used."""
    with read_spreadsheet(file, max_rows=max_rows) as sheet:
        header = list(sheet.header)
        rows = []
        for row in sheet.rows():
            values = {column: as_text(row.values.get(column)).strip() for column in header}
            if any(values.values()):
                rows.append({"row": row.number, **values})
    return header, rows


def _guarded(rows: Iterator) -> Iterator:
    """The rows of an XLSX, with whatever the parser raises on a broken file as a refusal."""
    try:
        yield from rows
    except SpreadsheetRefused:
        raise
    except DefusedXmlException:
        raise SpreadsheetRefused(ENTITIES) from None
    except (ParseError, ExpatError) as error:
        raise SpreadsheetRefused(
            f"The file is damaged: its XML cannot be read ({error})."
        ) from None
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise SpreadsheetRefused(DAMAGED_ZIP) from None
    except KeyError as error:
        part = re.search(r"named '([^']*)'", str(error))
        name = f"its part “{part[1]}”" if part else "one of its parts"
        raise SpreadsheetRefused(f"The file is damaged: {name} is missing.") from None
    except InvalidFileException:
        raise SpreadsheetRefused("The file is not an Excel workbook (.xlsx).") from None
    except Exception as error:  # a hostile file can make a parser fail in ways of its own
        logger.warning("Spreadsheet refused: %s: %s", type(error).__name__, error)
        raise SpreadsheetRefused(
            "The file could not be read as an Excel spreadsheet: some of its cells or rows hold "
            "values Excel never writes. Open it in Excel, save it again as an Excel Workbook "
            "(.xlsx) and upload that."
        ) from None


def _first_worksheet(file, stack: ExitStack) -> tuple[ExcelReader, str]:
    """openpyxl's reading of a workbook's manifest and sheet list (the first steps of
    ExcelReader.read), and the part holding the first worksheet. Read-only openpyxl would size
    every sheet that declares no dimension (as its own write-only exports) by parsing the whole
    of it first."""
    reader = ExcelReader(file, read_only=True, data_only=True, keep_links=False)
    stack.callback(reader.archive.close)
    reader.read_manifest()
    reader.read_workbook()
    for _sheet, relationship in reader.parser.find_sheets():
        if relationship.target in reader.valid_files and relationship.Type.endswith("/worksheet"):
            return reader, relationship.target
    raise SpreadsheetRefused("The workbook has no worksheet: its first sheet is missing.")


def _xlsx_rows(file, limits: Limits, stack: ExitStack) -> Iterator[tuple[int, dict]]:
    """(row number, {column number: value}) for each row of the first worksheet."""
    check_archive(file, limits)
    reader, part = _first_worksheet(file, stack)
    with reader.archive.open(part) as source:
        count_rows_and_cells(source, limits)
    # Only for a sheet within its limits: the text of its cells (most of the time a long sheet
    # takes to read), and which number formats are dates.
    reader.read_strings()
    apply_stylesheet(reader.archive, reader.wb)
    parser = WorkSheetParser(
        stack.enter_context(reader.archive.open(part)),
        reader.shared_strings,
        data_only=True,
        epoch=reader.wb.epoch,
        date_formats=reader.wb._date_formats,
        timedelta_formats=reader.wb._timedelta_formats,
    )
    previous = 0
    for number, cells in parser.parse():
        if not previous < number <= EXCEL_MAX_ROWS:
            raise SpreadsheetRefused(
                f"The file is damaged: its rows are misnumbered (row {number} comes after row "
                f"{previous}). Save it again from Excel and upload that."
            )
        previous = number
        values = {}
        for cell in cells:
            value = cell["value"]
            if isinstance(value, str):
                value = ooxml_unescape(value)
            value = read_value(value)
            if value is not None and value != "":
                values[cell["column"]] = value
        yield number, values


_NOT_UTF8 = (
    "The CSV file is not UTF-8 text: in Excel, save it as “CSV UTF-8 (Comma delimited)” and "
    "upload that."
)


def _csv_rows(file, limits: Limits, stack: ExitStack) -> Iterator[tuple[int, dict]]:
    """(record number, {column number: value}) for each record of a UTF-8 CSV file, split at
    the delimiter its first line uses most: a comma, semicolon or tab."""
    file.seek(0)
    text = io.TextIOWrapper(getattr(file, "file", file), encoding="utf-8-sig", newline="")
    stack.callback(text.detach)  # the upload stays open for whoever owns it
    try:
        first = text.readline()
    except UnicodeDecodeError:
        raise SpreadsheetRefused(_NOT_UTF8) from None
    delimiter = max(",;\t", key=first.count)
    _count_csv_records(text, delimiter, limits)
    lines = _narrow_lines(text, delimiter)
    return _csv_records(csv.reader(lines, delimiter=delimiter), limits)


def _count_csv_records(text: io.TextIOWrapper, delimiter: str, limits: Limits) -> None:
    """Refuse a CSV file with more records, or more holding a value, than allowed, counted by
    csv's own splitting (so a line break inside a quoted cell is not a record) before any
    record is read into values; then go back to the start."""
    text.seek(0)
    records = csv.reader(_narrow_lines(text, delimiter), delimiter=delimiter)
    number = valued = 0
    with _csv_errors(lambda: number):
        for number, record in enumerate(records, start=1):
            if number > limits.rows_in_sheet:
                raise limits.too_many_rows(f"more than {limits.rows_in_sheet:,}")
            if "".join(record).strip():
                valued += 1
                limits.check_rows_with_values(valued)
    text.seek(0)


def _narrow_lines(lines, delimiter: str) -> Iterator[str]:
    """The lines of a CSV file, refusing one with more delimiters than Excel has columns
    before csv splits it into a list of millions of cells."""
    for number, line in enumerate(lines, start=1):
        if line.count(delimiter) >= EXCEL_MAX_COLUMNS:
            raise SpreadsheetRefused(
                f"Line {number} of the CSV file has more than {EXCEL_MAX_COLUMNS:,} cells, more "
                "than a spreadsheet can hold."
            )
        yield line


def _csv_records(records, limits: Limits) -> Iterator[tuple[int, dict]]:
    number = 0
    with _csv_errors(lambda: number):
        for number, record in enumerate(records, start=1):
            if number > limits.rows_in_sheet:
                raise limits.too_many_rows(f"more than {limits.rows_in_sheet:,}")
            values = {}
            for column, value in enumerate(record[:EXCEL_MAX_COLUMNS], start=1):
                value = read_value(value)
                if value:
                    values[column] = value
            yield number, values


@contextmanager
def _csv_errors(records_read):
    """A CSV file that is not UTF-8 or that csv cannot split, as a refusal naming the record
    after the `records_read()` read well."""
    try:
        yield
    except UnicodeDecodeError:
        raise SpreadsheetRefused(_NOT_UTF8) from None
    except csv.Error as error:
        raise SpreadsheetRefused(
            f"Row {records_read() + 1} of the CSV file cannot be read ({error})."
        ) from None
