"""The shape of a demo action plan, as a committee paper would give it."""

import datetime
from dataclasses import dataclass

from scraip.plans.models import Response

ACCEPTED = Response.Decision.ACCEPTED

PARTLY = Response.Decision.PARTIALLY_ACCEPTED

REJECTED = Response.Decision.REJECTED


@dataclass(frozen=True)
class Answer:
    decision: str
    explanation: str
    action: str = ""
    timetable: str = ""  # as the paper writes it: "March 2008", "Late September 2007"
    lead_officer: str = ""  # an officer of the plan's council


@dataclass(frozen=True)
class Part:
    numeral: str
    text: str
    answer: Answer | None = None  # None: still awaiting the cabinet's response


@dataclass(frozen=True)
class Rec:
    letter: str
    text: str
    portfolio: str | None
    parts: tuple[Part, ...]
    note: str = ""


@dataclass(frozen=True)
class Update:
    due: str  # as the paper writes it: "27 November 2007" or "October 2008"
    meeting: datetime.date | None = None
    completed: bool = False
    note: str = ""


@dataclass(frozen=True)
class Plan:
    authority: str
    committee: str
    title: str
    published: datetime.date
    received: datetime.date | None
    status: str
    recommendations: tuple[Rec, ...]
    updates: tuple[Update, ...] = ()
    responded_on: datetime.date | None = None
    entered_by: str | None = None  # username; None: each holder typed their own answers


def whole(answer: Answer | None = None) -> tuple[Part, ...]:
    """A recommendation answered as a whole has one part with no numeral and no text."""
    return (Part("", "", answer),)


DIRECTOR = "Helen Ashworth"

HEAD_OF_SCRUTINY = "Martin Greaves"

HEAD_OF_POLICY = "Tom Pearce"

HEAD_OF_COMMS = "Priya Lal"
