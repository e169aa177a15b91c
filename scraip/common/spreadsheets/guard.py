"""What is checked in an XLSX before openpyxl parses any of it, so that no file, however
hostile, costs more than its limits: the zip's size, every XML part's form and size, and the
rows and cells of the sheet that will be read."""

import re
import zipfile
import zlib
from dataclasses import dataclass
from pyexpat import ExpatError, ParserCreate

from django.conf import settings
from openpyxl.utils.cell import range_boundaries

from ..uploads import MAX_ZIP_PARTS, zip_part_count
from .cells import SpreadsheetRefused

DEFAULT_MAX_SPREADSHEET_BYTES = 30 * 1024 * 1024
# A sheet may hold this many cells a row on average, and this many empty rows (spreadsheet
# programs keep some for their formatting) besides the rows allowed.
MAX_COLUMNS = 100
EMPTY_ROW_ALLOWANCE = 1000
# XML elements in the whole workbook for each row allowed: a tracker row saved by Excel takes
# about 60 (its cells, their values, shared strings and formatting runs).
ELEMENTS_PER_ROW = 120
ELEMENTS_BASE = 20_000
EXCEL_MAX_COLUMNS = 16_384
CHUNK_BYTES = 64 * 1024

ENTITIES = (
    "The file contains XML declarations (a DOCTYPE or entities) that spreadsheets never use, "
    "so it was not read. Save it again from Excel and upload that."
)
DAMAGED_ZIP = (
    "The file is damaged: it ends early or its compressed data is broken. Save it again from "
    "Excel and upload that."
)


def max_spreadsheet_bytes() -> int:
    """How much all the parts of an XLSX may add up to once unpacked."""
    return getattr(settings, "SCRAIP_MAX_SPREADSHEET_BYTES", DEFAULT_MAX_SPREADSHEET_BYTES)


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"


@dataclass(frozen=True)
class Limits:
    """What a sheet may hold when at most `max_rows` rows below its header are wanted."""

    max_rows: int

    @property
    def rows_in_sheet(self) -> int:
        return self.max_rows + 1 + EMPTY_ROW_ALLOWANCE

    @property
    def cells(self) -> int:
        return self.rows_in_sheet * MAX_COLUMNS

    @property
    def elements(self) -> int:
        return ELEMENTS_BASE + self.rows_in_sheet * ELEMENTS_PER_ROW

    def check_rows_with_values(self, rows: int) -> None:
        """Refuse a sheet with more rows holding a value than the header and `max_rows` rows
        below it: counted before the rows are read (a row whose values are all blank, or all
        in columns without a name, is counted here though the import would pass over it)."""
        if rows > self.max_rows + 1:
            raise SpreadsheetRefused(
                f"The spreadsheet has more than {self.max_rows:,} rows below its header: split "
                f"it into files of at most {self.max_rows:,} rows."
            )

    def too_many_rows(self, count: str) -> SpreadsheetRefused:
        return SpreadsheetRefused(
            f"The spreadsheet has {count} rows: at most {self.max_rows:,} below the header can "
            "be imported at once. Split it into smaller files, or delete any empty rows below "
            "your data."
        )


def check_archive(file, limits: Limits) -> None:
    """Refuse a zip that lists too many parts or unpacks to too much (declared or found while
    unpacking), or any of whose XML parts is broken, declares entities or holds too many
    elements, before openpyxl reads any of it."""
    parts = zip_part_count(file)
    if parts is None:
        raise SpreadsheetRefused(DAMAGED_ZIP)
    if parts > MAX_ZIP_PARTS:
        raise SpreadsheetRefused(f"The file has {parts:,} parts; an Excel workbook has far fewer.")
    budget = _Budget(max_spreadsheet_bytes(), limits.elements)
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            budget.declare(sum(info.file_size for info in infos))
            for info in infos:
                _check_part(archive, info, budget)
    except SpreadsheetRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError):
        raise SpreadsheetRefused(DAMAGED_ZIP) from None
    except (NotImplementedError, RuntimeError):
        raise SpreadsheetRefused(
            "The file is password-protected or compressed in a way Excel does not use: save it "
            "again from Excel, without a password, and upload that."
        ) from None
    finally:
        file.seek(0)


class _Budget:
    """Bytes unpacked and XML elements seen so far, refused as soon as either passes its cap."""

    def __init__(self, cap: int, elements: int):
        self.cap, self.unpacked = cap, 0
        self.elements_allowed, self.elements = elements, 0

    def _too_big(self, size: int) -> SpreadsheetRefused:
        return SpreadsheetRefused(
            f"The spreadsheet is too big: it unpacks to more than {_megabytes(size)}, and a "
            f"spreadsheet may unpack to at most {_megabytes(self.cap)}."
        )

    def declare(self, size: int) -> None:
        if size > self.cap:
            raise self._too_big(size)

    def add(self, chunk: bytes, xml: bool) -> None:
        self.unpacked += len(chunk)
        if self.unpacked > self.cap:
            raise self._too_big(self.unpacked)
        if xml:
            # Every element starts with "<" not followed by "/", "?" or "!": counted in the
            # bytes, exact for UTF-8 and erring only towards refusing (comments, CDATA).
            self.elements += chunk.count(b"<") - sum(map(chunk.count, (b"</", b"<?", b"<!")))
            if self.elements > self.elements_allowed:
                raise SpreadsheetRefused(
                    f"The spreadsheet is too big: it holds more than {self.elements_allowed:,} "
                    "pieces of XML, far more than its rows need."
                )


def _refuse_declarations(*args):
    raise SpreadsheetRefused(ENTITIES)


def _xml_checker():
    """expat, refusing a DOCTYPE (and so any entity) the moment it starts."""
    parser = ParserCreate()
    parser.StartDoctypeDeclHandler = _refuse_declarations
    parser.EntityDeclHandler = _refuse_declarations
    return parser


def _is_xml(head: bytes) -> bool:
    """Whether a part is XML, from its first bytes; XML not in UTF-8 (as Excel writes it) is
    refused, as its elements could not be counted in its bytes."""
    head = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if head[:2] in (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<"):
        raise SpreadsheetRefused(
            "The file's XML is not written as UTF-8, as Excel writes it: save it again from "
            "Excel and upload that."
        )
    return head.startswith(b"<")


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget) -> None:
    checker = None
    with archive.open(info) as member:
        for index, chunk in enumerate(iter(lambda: member.read(CHUNK_BYTES), b"")):
            if index == 0 and _is_xml(chunk):
                checker = _xml_checker()
            budget.add(chunk, xml=checker is not None)
            if checker is not None:
                _parse(checker, chunk, info.filename)
    if checker is not None:
        _parse(checker, b"", info.filename, final=True)


def _parse(checker, chunk: bytes, name: str, final: bool = False) -> None:
    try:
        checker.Parse(chunk, final)
    except ExpatError as error:
        raise SpreadsheetRefused(
            f"The file is damaged: its part “{name}” is not well-formed XML ({error}). Save it "
            "again from Excel and upload that."
        ) from None


# A row or cell element, or the sheet's declared dimension (with or without a namespace
# prefix); or a value that is not blank: a cell's <v> or the <t> of text written in the cell.
_SCANNED = re.compile(
    rb"<(?:[A-Za-z_][\w.-]{0,40}:)?(?:(row|c|dimension)[\s/>](?:\s*ref=[\"']([A-Z0-9:]{1,30}))?"
    rb"|[vt](?:\s[^<>]{0,200})?>\s{0,64}[^\s<])"
)
# Bytes kept back at the end of each chunk, so that no match above is cut in two.
_TOKEN_BYTES = 512


def _declared_rows(reference: bytes | None) -> int:
    try:
        return range_boundaries(reference.decode())[3] or 0
    except (AttributeError, ValueError, TypeError):
        return 0


class _SheetCount:
    """Rows, cells and rows holding a value, counted in a sheet's XML as it streams past."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.rows = self.cells = self.in_row = self.valued_rows = 0
        self.row_valued = False

    def scan(self, data: bytes, final: bool) -> bytes:
        """Count what starts in `data` (all of it if `final`, else all but the last few bytes,
        which are returned to be scanned again with the next chunk)."""
        end = len(data) if final else max(0, len(data) - _TOKEN_BYTES)
        for match in _SCANNED.finditer(data):
            if match.start() >= end:
                break
            kind = match[1]
            if kind is None:
                self._value()
            elif kind == b"c":
                self._cell()
            elif kind == b"row":
                self._row()
            else:
                declared = _declared_rows(match[2])
                if declared > self.limits.rows_in_sheet:
                    raise self.limits.too_many_rows(f"{declared:,} (as its dimension says)")
        return data[end:]

    def _row(self) -> None:
        self.rows, self.in_row, self.row_valued = self.rows + 1, 0, False
        if self.rows > self.limits.rows_in_sheet:
            raise self.limits.too_many_rows(f"more than {self.limits.rows_in_sheet:,}")

    def _cell(self) -> None:
        self.cells, self.in_row = self.cells + 1, self.in_row + 1
        if self.in_row > EXCEL_MAX_COLUMNS or self.cells > self.limits.cells:
            raise SpreadsheetRefused(
                f"The spreadsheet has too many cells: at most {self.limits.cells:,} (and "
                f"{EXCEL_MAX_COLUMNS:,} in a row) can be read."
            )

    def _value(self) -> None:
        if self.row_valued or not self.rows:
            return
        self.row_valued = True
        self.valued_rows += 1
        self.limits.check_rows_with_values(self.valued_rows)


def count_rows_and_cells(source, limits: Limits) -> None:
    """Refuse a sheet that declares (in its <dimension>) or holds more rows or cells than
    allowed, a row wider than Excel's, or more rows holding a value than the header and
    `max_rows` rows below it, by counting them in its XML before any of it is parsed: a scan of
    the bytes, so a file one row too long is refused in a fraction of the time parsing it
    would take. Whatever its <dimension> says, every row is counted."""
    count = _SheetCount(limits)
    pending = b""
    for chunk in iter(lambda: source.read(CHUNK_BYTES), b""):
        pending = count.scan(pending + chunk, final=False)
    count.scan(pending, final=True)
