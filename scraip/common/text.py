"""How SCRAIP writes numbers and dates in words, in one place."""

from django.contrib.humanize.templatetags.humanize import ordinal as _humanize_ordinal


def ordinal(number: int) -> str:
    """1st, 2nd, 3rd, 4th… 11th, 12th, 13th… 21st, 22nd, 111th."""
    return str(_humanize_ordinal(number))
