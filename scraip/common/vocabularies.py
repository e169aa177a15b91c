"""Vocabularies: the fixed lists of values a field takes (statuses, decisions, verdicts, stages),
each value with its label and its colour, in the order they are shown.

    class Decision(Vocabulary):
        ACCEPTED = "accepted", "green", "Accepted"
        REJECTED = "rejected", "red", "Rejected"

Adding a value is one line in one file. The colour is a GOV.UK tag colour; charts draw it with
`hex`. A value without a colour does not import, and `scraip/common/tests/test_vocabularies.py`
checks every vocabulary has a label and a known colour for every value.
"""

from django.db import models

# GOV.UK Frontend's tag colours, as the hex values charts need (text on them is always printed
# beside the bar, so colour is never the only cue).
TAG_HEX = {
    "grey": "#505a5f",
    "blue": "#1d70b8",
    "light-blue": "#5694ca",
    "turquoise": "#28a197",
    "green": "#00703c",
    "yellow": "#b58840",
    "orange": "#f47738",
    "red": "#d4351c",
    "pink": "#d53880",
    "purple": "#4c2c92",
}


class Vocabulary(models.TextChoices):
    """TextChoices whose values carry a colour: `NAME = value, colour, label`."""

    def __new__(cls, value: str, colour: str):
        member = str.__new__(cls, value)
        member._value_ = value
        member.colour = colour
        return member

    @property
    def hex(self) -> str:
        return TAG_HEX[self.colour]

    @classmethod
    def member_of(cls, value):
        """The member a stored value stands for; None for a value the vocabulary no longer has.
        (Looked up by value, not by searching `values`, which Django builds again on each use:
        rows print a colour or label per cell.)"""
        try:
            return cls(value)
        except ValueError:
            return None

    @classmethod
    def colour_of(cls, value) -> str:
        """The colour of a stored value; grey for a value the vocabulary no longer has."""
        member = cls.member_of(value)
        return member.colour if member is not None else "grey"

    @classmethod
    def label_of(cls, value) -> str:
        member = cls.member_of(value)
        return member.label if member is not None else str(value or "")
