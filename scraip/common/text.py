"""How SCRAIP writes numbers and dates in words, and stored text into emails and calendars, in
one place."""

import unicodedata

from django.contrib.humanize.templatetags.humanize import ordinal as _humanize_ordinal
from django.utils.text import slugify


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th… 11th, 12th, 13th… 21st, 22nd, 111th."""
    return str(_humanize_ordinal(number))


def download_name(*parts: str, extension: str) -> str:
    """A download's file name from its parts: "scraip-review-of-partnerships.pdf"."""
    return "-".join(slugify(str(part))[:60] for part in parts if part) + f".{extension}"


def one_line(text: str) -> str:
    """`text` fit for one line of output (an email subject, a calendar event's title): every
    line break, tab and other control character becomes a space, runs of spaces one space.
    A stored value with a line break can then never break an email header."""
    spaced = "".join(" " if unicodedata.category(c) in _BREAKING else c for c in str(text))
    return " ".join(spaced.split())


def printable(text: str) -> str:
    """`text` for a paragraph of output (an email body, a calendar event's description): Word's
    manual line and page breaks (vertical tab, form feed) become line breaks, other control
    characters but tab and line breaks are dropped."""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n").translate(_WORD_BREAKS)
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) != "Cc")


# Control characters, and the line and paragraph separators.
_BREAKING = {"Cc", "Zl", "Zp"}
_WORD_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n", "\u2028": "\n", "\u2029": "\n"})
