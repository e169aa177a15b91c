"""Text in and out of a spreadsheet cell: what XML can hold, and formulas kept from running."""

import datetime
import re

# A spreadsheet program runs a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
EXCEL_MAX_CELL_TEXT = 32_767
CUT_NOTE = " […the rest is cut: an Excel cell holds 32,767 characters]"
# Characters XML 1.0 cannot hold (and so no XLSX can): control characters other than tab and
# line breaks, lone surrogates and the two non-characters. A vertical tab or form feed is Word's
# manual line or page break, so it becomes a line break; the rest are dropped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})
# Excel writes a character XML cannot hold as _xHHHH_ (a vertical tab as _x000B_), and text
# that looks like such an escape with its underscore escaped (_x005F_x000B_).
_OOXML_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


class SpreadsheetRefused(Exception):
    """The file as a whole cannot be read; the message says why, for the person who sent it."""


def clean_text(text: str) -> str:
    """`text` as XML 1.0 and every spreadsheet program can hold it (see _NOT_XML), with every
    line break as a line feed."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _NOT_XML.search(text) is None:
        return text
    return _NOT_XML.sub("", text.translate(_BREAKS))


def ooxml_escape(text: str) -> str:
    """Text as an XLSX cell holds it, so that Excel reads back what was written: a run such
    as "_x0041_" in the text keeps its underscore escaped."""
    return _OOXML_ESCAPE.sub(r"_x005F_x\1_", text)


def ooxml_unescape(text: str) -> str:
    """The characters Excel escaped in a cell's text (_x000B_ for a vertical tab)."""
    return _OOXML_ESCAPE.sub(lambda escape: chr(int(escape[1], 16)), text)


def looks_like_formula(text: str) -> bool:
    """True if a spreadsheet program would run `text` as a formula, counting one already
    quoted with apostrophes, so that quoting and unquoting are exact inverses."""
    return text.lstrip("'").startswith(FORMULA_STARTS)


def cell_text(value, *, limit: int | None = None):
    """A value as an export writes it: text cleaned (clean_text), quoted with an apostrophe if
    it would run as a formula, and cut to `limit` characters; anything else as it is."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    if looks_like_formula(value):
        value = "'" + value
    if limit is not None and len(value) > limit:
        value = value[: limit - len(CUT_NOTE)] + CUT_NOTE
    return value


def read_value(value):
    """A cell's value as an import sees it: text cleaned, stripped and unquoted (the inverse of
    cell_text); a whole number stored as a float becomes an int."""
    if isinstance(value, str):
        value = clean_text(value).strip()
        if value.startswith("'") and looks_like_formula(value):
            value = value[1:].strip()
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def as_text(value) -> str:
    """A cell's value as text: "" for an empty cell, a day (a date at midnight) as 2026-11-23."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    return str(value)
