"""The shape of a demo review, and the names the demo reviews share."""

import datetime
from dataclasses import dataclass

from reviews.models import Activity, ActivityPart, ReviewMember

MAIDSTONE = "Maidstone Borough Council"
SWALE = "Swale Borough Council"
TUNBRIDGE_WELLS = "Tunbridge Wells Borough Council"
OXFORDSHIRE = "Oxfordshire County Council"
OXFORDSHIRE_COMMITTEE = "Corporate Governance Scrutiny Committee"

CHAIR = ReviewMember.Role.CHAIR
VICE_CHAIR = ReviewMember.Role.VICE_CHAIR
MEMBER = ReviewMember.Role.MEMBER
SUBSTITUTE = ReviewMember.Role.SUBSTITUTE
SESSION = Activity.Kind.SESSION

# A scrutiny officer at Swale with a login, supporting the joint review: signs in as "swale".
SWALE_LOGIN = "swale"
SWALE_OFFICER = "Rachel Kemp"


@dataclass(frozen=True)
class WitnessSpec:
    name: str = ""  # a person; empty for an organisation not yet naming its speaker
    organisation: str = ""
    role: str = ""
    topics: str = ""
    authority: str = ""  # for people who work for one of the councils


@dataclass(frozen=True)
class PartSpec:
    letter: str
    description: str
    aim: str = ""
    heading: str = ""
    kind: str = ActivityPart.Kind.PART
    witnesses: tuple[WitnessSpec, ...] = ()


@dataclass(frozen=True)
class ActivitySpec:
    planned_on: datetime.date
    precision: str
    kind: str = SESSION
    title: str = ""
    description: str = ""
    parts: tuple[PartSpec, ...] = ()
    held_on: datetime.date | None = None
    notes: str = ""


@dataclass(frozen=True)
class Councillor:
    authority: str
    name: str
    group: str
    role: str = MEMBER


@dataclass(frozen=True)
class Cost:
    activity: str
    days: str
    shared: bool = False
    comments: str = ""


@dataclass(frozen=True)
class Document:
    kind: str
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class StatusStep:
    status: str
    on: datetime.date
    note: str = ""


@dataclass(frozen=True)
class ReviewSpec:
    title: str
    lead: str
    participants: tuple[str, ...]
    committees: tuple[tuple[str, str], ...]  # (authority, committee)
    programme_year: int
    aim: str
    reason_selected: str
    expected_outputs: str
    timescale: str
    cost_implications: str
    community_implications: str
    report_due: tuple[datetime.date, str]
    reports_to_description: str
    statuses: tuple[StatusStep, ...]
    lead_officer: tuple[str, str]
    supporting_officers: tuple[tuple[str, str], ...] = ()
    members: tuple[Councillor, ...] = ()
    activities: tuple[ActivitySpec, ...] = ()
    day_rate: str | None = None
    costs: tuple[Cost, ...] = ()
    documents: tuple[Document, ...] = ()
    action_plan: str = ""  # the title of a demo SCRAIP made from its recommendations
    changed_by: str | None = None  # the username recorded against its status changes
