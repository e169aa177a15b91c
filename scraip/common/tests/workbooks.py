"""Workbooks built part by part for tests: a small valid XLSX, and every way of breaking one
that a careless program or an attacker could send (hostile_spreadsheets, a Hypothesis
strategy of (file name, bytes) pairs)."""

import functools
import io
import struct
import zipfile
from html.parser import HTMLParser
from xml.sax.saxutils import escape

from hypothesis import strategies as st

from scraip.common.spreadsheets import csv_lines

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
XLSX_MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
SHEET = "xl/worksheets/sheet1.xml"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{XLSX_MAIN}"/>'
    f'<Override PartName="/{SHEET}" ContentType="{SHEET_TYPE}"/>'
    "</Types>"
)
PACKAGE_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
WORKBOOK = (
    f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{OFFICE_RELS}">'
    '<sheets><sheet name="Tracker" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELS}">'
    f'<Relationship Id="rId1" Type="{OFFICE_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def column_letter(number: int) -> str:
    letters = ""
    while number:
        number, remainder = divmod(number - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def cell_xml(reference: str, value) -> str:
    if value is None:
        return ""
    if isinstance(value, int | float):
        return f'<c r="{reference}"><v>{value}</v></c>'
    text = escape(str(value))
    return f'<c r="{reference}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'


def sheet_xml(rows, *, dimension: str | None = None, numbers=None) -> str:
    """A worksheet of `rows` (lists of values), numbered from 1 unless `numbers` says."""
    numbers = numbers or range(1, len(rows) + 1)
    body = "".join(
        f'<row r="{number}">'
        + "".join(
            cell_xml(f"{column_letter(column)}{number}", value)
            for column, value in enumerate(row, start=1)
        )
        + "</row>"
        for number, row in zip(numbers, rows, strict=True)
    )
    declared = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{MAIN}">{declared}'
        f"<sheetData>{body}</sheetData></worksheet>"
    )


def parts_for(rows, **sheet_options) -> dict[str, str | bytes]:
    return {
        "[Content_Types].xml": CONTENT_TYPES,
        "_rels/.rels": PACKAGE_RELS,
        "xl/workbook.xml": WORKBOOK,
        "xl/_rels/workbook.xml.rels": WORKBOOK_RELS,
        SHEET: sheet_xml(rows, **sheet_options),
    }


def xlsx(parts: dict[str, str | bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def workbook(rows, **sheet_options) -> bytes:
    return xlsx(parts_for(rows, **sheet_options))


@functools.cache
def zip_bomb(unpacked_mb: int = 100) -> bytes:
    """A workbook whose sheet unpacks to `unpacked_mb` MB of spaces (about 0.1% of that packed)
    after a real header row: well-formed, just enormous."""
    buffer = io.BytesIO()
    parts = parts_for([["Item ID", "New status", "New update", "Evidence link"]])
    sheet = parts.pop(SHEET)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
        head, tail = sheet.split("</sheetData>")
        with archive.open(SHEET, "w", force_zip64=True) as member:
            member.write(head.encode())
            block = b" " * (1024 * 1024)
            for _ in range(unpacked_mb):
                member.write(block)
            member.write(b"</sheetData>" + tail.encode())
    return buffer.getvalue()


def with_declared_sizes(data: bytes, size: int) -> bytes:
    """The zip with every part's declared unpacked size replaced by `size`, in the local headers
    and the central directory alike: a zip that lies about how big it is."""
    data = bytearray(data)
    at = 0
    while (at := data.find(b"PK\x03\x04", at)) >= 0:
        struct.pack_into("<L", data, at + 22, size)
        at += 4
    at = 0
    while (at := data.find(b"PK\x01\x02", at)) >= 0:
        struct.pack_into("<L", data, at + 24, size)
        at += 4
    return bytes(data)


HEADER = ["Item ID", "New status", "New update", "Evidence link"]
ENTITY_BOMB = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol3;'
    "</t></is></c></row></sheetData></worksheet>"
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;'
    "</t></is></c></row></sheetData></worksheet>"
)

# Broken sheet XML of every kind the issue names, and some more.
BROKEN_SHEETS = [
    ENTITY_BOMB,
    EXTERNAL_ENTITY,
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&#0;'
    "</t></is></c></row></sheetData></worksheet>",
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&#xD800;'
    "</t></is></c></row></sheetData></worksheet>",
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1">',  # cut short
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"></sheetData>',  # mismatched tags
    "not xml at all",
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="x"/></sheetData></worksheet>',
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>99</v></c></row>'
    "</sheetData></worksheet>",  # a shared string that does not exist
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1"><v>not a number</v></c></row>'
    "</sheetData></worksheet>",
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="AAAAA1"><v>1</v></c></row>'
    "</sheetData></worksheet>",
    f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="d"><v>yesterday</v></c>'
    "</row></sheetData></worksheet>",
    "\ufeff<?xml version='1.0' encoding='UTF-16'?><worksheet/>".encode("utf-16"),
]


def hostile_rows(item_ids: list[int]):
    """Rows of news for real and made-up items, with text full of control characters, formulas
    and Excel's own escapes for them."""
    text = st.one_of(
        st.sampled_from(
            [
                "Done.",
                '=HYPERLINK("http://evil","x")',
                "+1+1",
                "@SUM(A1)",
                "-2",
                "'=quoted",
                "line\x0bbreak",
                "_x000B_ escaped vertical tab",
                "_x0000_ escaped NUL",
                "\x00\x01\x1f",
                "on track",
                "On track",
                "Implemented",
                "",
            ]
        ),
        st.text(max_size=30),
    )
    ids = st.one_of(st.sampled_from(item_ids), st.integers(-5, 10**20), text)
    statuses = st.one_of(st.sampled_from(["On track", "implemented", "Off Track"]), text)
    links = st.one_of(st.sampled_from([None, "https://example.gov.uk/evidence"]), text)
    return st.lists(st.tuples(ids, statuses, text, links).map(list), min_size=0, max_size=4)


def _mutations(rows: list, valid: bytes):
    parts = parts_for([HEADER, *rows])
    return st.one_of(
        st.just(valid),  # hostile text in a sound workbook
        st.integers(0, len(valid) - 1).map(lambda cut: valid[:cut]),
        st.tuples(st.integers(0, len(valid) - 1), st.binary(min_size=1, max_size=8)).map(
            lambda flip: valid[: flip[0]] + flip[1] + valid[flip[0] + len(flip[1]) :]
        ),
        st.sampled_from(sorted(parts)).map(
            lambda gone: xlsx({name: part for name, part in parts.items() if name != gone})
        ),
        st.tuples(st.sampled_from(sorted(parts)), st.sampled_from(BROKEN_SHEETS)).map(
            lambda swap: xlsx({**parts, swap[0]: swap[1]})
        ),
        st.sampled_from(["A1:XFD1048576", "A1:Q10001", "A1:B2", "junk", "A0:A0"]).map(
            lambda dimension: workbook([HEADER, *rows], dimension=dimension)
        ),
        st.lists(st.integers(1, 2_000_000), min_size=len(rows) + 1, max_size=len(rows) + 1).map(
            lambda numbers: workbook([HEADER, *rows], numbers=numbers)
        ),
        st.just(zip_bomb()),
        st.integers(0, 2**32 - 1).map(lambda size: with_declared_sizes(valid, size)),
    )


def _csv_files(rows: list):
    lines = [",".join(HEADER)] + [",".join(f'"{value}"' for value in row) for row in rows]
    text = "\r\n".join(lines)
    return st.one_of(
        st.just(text.encode()),
        st.sampled_from(["utf-16", "latin-1", "utf-8-sig"]).map(
            lambda encoding: text.encode(encoding, errors="replace")
        ),
        st.binary(max_size=200),
        st.text(max_size=200).map(lambda junk: junk.encode(errors="surrogatepass")),
        st.just(("Item ID," + "x" * 200_000 + "\n").encode()),
        st.just((",".join(HEADER) + "\n" + "1,On track,Done,\n" * 7000).encode()),
    )


HOSTILE_TEXT = st.one_of(
    st.sampled_from(
        [
            "=cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "\tTab first",
            "Line\x0bbreak and page\x0cbreak",
            "Escaped_x000B_break",
            "Bell\x07",
            "'-quoted",
        ]
    ),
    st.text(min_size=1, max_size=40),
)


def _sound_news(item_ids: list[int]):
    """A sound workbook or CSV with news about a real item, in hostile text."""
    row = st.tuples(st.sampled_from(item_ids), st.just("On track"), HOSTILE_TEXT)
    return row.flatmap(
        lambda news: st.sampled_from(
            [
                ("tracker.xlsx", workbook([HEADER, [*news, None]])),
                ("tracker.csv", b"".join(csv_lines(header=HEADER, rows=[[*news, ""]]))),
            ]
        )
    )


def hostile_spreadsheets(item_ids: list[int]):
    """(file name, bytes): a broken or hostile XLSX, or a broken CSV, built from rows of news
    about these items (and others), or a sound file about one of them in hostile text."""
    broken = hostile_rows(item_ids).flatmap(
        lambda rows: st.one_of(
            _mutations(rows, workbook([HEADER, *rows])).map(lambda data: ("tracker.xlsx", data)),
            _csv_files(rows).map(lambda data: ("tracker.csv", data)),
        )
    )
    return st.one_of(broken, broken, broken, _sound_news(item_ids))


class _SpreadsheetInputs(HTMLParser):
    def __init__(self):
        super().__init__()
        self.names: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and "data-spreadsheet-import" in attrs:
            self.names.append(attrs.get("name"))


def spreadsheet_inputs(html: str) -> list[str]:
    """The names of a page's file inputs that take a spreadsheet to import."""
    parser = _SpreadsheetInputs()
    parser.feed(html)
    return parser.names
