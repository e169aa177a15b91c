"""The one way a report becomes a Word document (.docx), for committee reports that councils
assemble in Word: a report describes itself as blocks (headings, paragraphs, label-and-value
lists, tables) and `word_document` lays them out with python-docx.

Everything uses Word's built-in styles (Title, Heading 1 and 2, Table Grid, Header), so a
screen reader announces the structure and a council's own template restyles it. Each table's
first row is marked as its header row, repeated on every page; the document's title, author and
language (British English) are set in its properties and styles; a draft says DRAFT at the top of
every page, as the PDF does.
"""

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import docx
from django.http import HttpResponse
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm

from .text import download_name, printable

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
LANGUAGE = "en-GB"
# What XML 1.0 (a .docx is XML) cannot hold beyond the control characters text.printable
# already drops: lone surrogates and the two non-characters.
NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold_start: str = ""  # printed in bold before the text ("Action:")


@dataclass(frozen=True)
class Details:
    """Label and value pairs, such as the report's title, committee and date."""

    rows: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class Table:
    """A table: a caption (the heading above it is the reader's cue), its column headers, and
    rows of cells. A cell is text or a list of paragraphs."""

    headers: Sequence[str]
    rows: Sequence[Sequence[str | Sequence[str]]]
    empty: str = "None."


Block = Heading | Paragraph | Details | Table


@dataclass(frozen=True)
class WordReport:
    title: str
    author: str
    blocks: Iterable[Block]
    filename: str
    draft: bool = False
    landscape: bool = False


def word_filename(*parts: str) -> str:
    return download_name(*parts, extension="docx")


def _text(value) -> str:
    return NOT_XML.sub("", printable(value or ""))


def word_document(report: WordReport) -> bytes:
    document = docx.Document()
    _set_language(document)
    properties = document.core_properties
    properties.title = _text(report.title)
    properties.author = _text(report.author)
    properties.language = LANGUAGE
    section = document.sections[0]
    if report.landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for margin in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, margin, Cm(2))
    header = section.header.paragraphs[0]
    header.style = document.styles["Header"]
    header.text = _text(f"DRAFT. {report.title}" if report.draft else report.title)
    document.add_paragraph(_text(report.title), style="Title")
    for block in report.blocks:
        _add(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def word_response(report: WordReport) -> HttpResponse:
    response = HttpResponse(word_document(report), content_type=DOCX)
    response["Content-Disposition"] = f'attachment; filename="{report.filename}"'
    return response


def _add(document, block: Block) -> None:
    if isinstance(block, Heading):
        document.add_heading(_text(block.text), level=block.level)
    elif isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        if block.bold_start:
            paragraph.add_run(_text(block.bold_start) + " ").bold = True
        paragraph.add_run(_text(block.text))
    elif isinstance(block, Details):
        for label, value in block.rows:
            paragraph = document.add_paragraph()
            paragraph.add_run(_text(label) + ": ").bold = True
            paragraph.add_run(_text(value))
    else:
        _add_table(document, block)


def _add_table(document, block: Table) -> None:
    if not block.rows:
        document.add_paragraph(_text(block.empty))
        return
    table = document.add_table(rows=1, cols=len(block.headers), style="Table Grid")
    heading_row = table.rows[0]
    _repeat_as_header(heading_row)
    for cell, text in zip(heading_row.cells, block.headers, strict=True):
        cell.paragraphs[0].add_run(_text(text)).bold = True
    for row in block.rows:
        cells = table.add_row().cells
        _keep_together(table.rows[-1])
        for cell, value in zip(cells, row, strict=True):
            lines = [value] if isinstance(value, str) else list(value)
            cell.paragraphs[0].text = _text(lines[0]) if lines else ""
            for line in lines[1:]:
                cell.add_paragraph(_text(line))


def _repeat_as_header(row) -> None:
    """Mark the row as the table's header row: Word repeats it on every page, and assistive
    technology reads its cells as the columns' headers."""
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _keep_together(row) -> None:
    """A row is never split across two pages, as in the PDF."""
    properties = row._tr.get_or_add_trPr()
    cant_split = OxmlElement("w:cantSplit")
    cant_split.set(qn("w:val"), "true")
    properties.append(cant_split)


def _set_language(document) -> None:
    """British English for every run that does not say otherwise (the styles' defaults)."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = OxmlElement("w:rPrDefault")
        defaults.append(run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = OxmlElement("w:rPr")
        run_defaults.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        properties.append(language)
    language.set(qn("w:val"), LANGUAGE)
