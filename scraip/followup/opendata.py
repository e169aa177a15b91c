"""Open data: every answerable item of the published action plans, one row each, as CSV and
JSON, described by a versioned Frictionless Table Schema; and an Atom feed of the newest cabinet
responses and committee verdicts.

What is published is what the public plan pages show (ActionPlan.objects.published): drafts,
plans not yet published, withdrawn and deleted plans, and deleted recommendations and parts never
appear. Of people there are names only (the officer or organisation a recommendation is addressed
to), never an email address or telephone number; of the follow-up there are codes and dates,
never the progress narratives, verdict notes or report-back notes, which can name staff and
residents.

The schema is a promise to whoever builds on the files: within version 1.x columns are only
added, at the end, and a new code in a column with codes (a new progress status) raises the minor
version (1.1); removing or renaming a column or a code, or changing what one means, makes version
2.0. The columns are declared once (COLUMNS), and the files, the schema JSON and the page
documenting it all read them from there.

The rows are read in one query, decided in the database (the item's state comes from
FollowedPartQuerySet.with_state), and streamed: `.values()` and `.iterator()`, so a file of every
council's plans is never held in memory whole.
"""

import datetime
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import Case, F, FilteredRelation, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse

from scraip.common.fuzzydates import format_fuzzy_date
from scraip.common.softdelete import live_through
from scraip.common.spreadsheets import clean_text
from scraip.common.text import one_line
from scraip.common.years import municipal_year_label
from scraip.councils.models import Authority
from scraip.plans.models import ActionPlan, Response
from scraip.plans.models.recommendations import Addressee

from .models import FollowedPart, ProgressUpdate, Verdict
from .models.state import flag

SCHEMA_VERSION = "1.0"
TYPES = ("integer", "string", "date", "boolean")


@dataclass(frozen=True)
class Column:
    """One column of the open data: its name (the CSV header and the JSON key), its type, what
    it means, and the codes it may hold, each with its meaning, where it holds codes."""

    name: str
    type: str
    description: str
    required: bool = False
    codes: tuple[tuple[str, str], ...] = ()
    format: str = ""

    def __post_init__(self):
        if self.type not in TYPES:
            raise ValueError(f"{self.name}: {self.type} is not one of {TYPES}")

    def as_field(self) -> dict:
        """The column as a Frictionless Table Schema field."""
        constraints = {"required": self.required}
        if self.codes:
            constraints["enum"] = [code for code, _ in self.codes]
        field = {"name": self.name, "type": self.type, "description": self.description}
        if self.format:
            field["format"] = self.format
        return {**field, "constraints": constraints}


def _codes(choices, leave_out=()) -> tuple[tuple[str, str], ...]:
    return tuple((str(value), str(label)) for value, label in choices if value not in leave_out)


PROGRESS = "Blank unless the cabinet accepted the item, wholly or in part."

# Version 1.0. Columns are only ever added, at the end, within 1.x (see the module docstring).
COLUMNS = (
    Column(
        "item_id",
        "integer",
        "SCRAIP's number for the item the cabinet answers: a sub-part (i), (ii)… of a "
        "recommendation, or a whole recommendation that has no sub-parts. Kept for good.",
        required=True,
    ),
    Column("council", "string", "The council's name.", required=True),
    Column("council_id", "integer", "SCRAIP's number for the council.", required=True),
    Column("plan_id", "integer", "SCRAIP's number for the action plan.", required=True),
    Column("plan_title", "string", "The title of the scrutiny report.", required=True),
    Column("plan_url", "string", "The plan's public page.", required=True, format="uri"),
    Column("item_url", "string", "The item on its plan's page.", required=True, format="uri"),
    Column("committee", "string", "The scrutiny committee that made the report.", required=True),
    Column(
        "municipal_year",
        "string",
        'The municipal year the council files the report under, May to April: "2025/26".',
    ),
    Column("report_published_on", "date", "The day the report was published.", required=True),
    Column("cabinet_received_on", "date", "The day the cabinet received the report."),
    Column("response_due_on", "date", "The day the cabinet's response was due."),
    Column(
        "plan_status",
        "string",
        "Where the plan stands: awaiting the cabinet's response, responded to, or closed by the "
        "committee.",
        required=True,
        codes=_codes(ActionPlan.Status.choices, leave_out=(ActionPlan.Status.DRAFT,)),
    ),
    Column(
        "recommendation",
        "string",
        'The recommendation\'s reference in the report: "A", or the council\'s own, "SR 01".',
        required=True,
    ),
    Column("part", "string", 'The sub-part\'s numeral, "i"; blank for a whole recommendation.'),
    Column(
        "reference",
        "string",
        'The recommendation and sub-part as the report names them: "A(i)", or "A".',
        required=True,
    ),
    Column("recommendation_text", "string", "The recommendation's wording.", required=True),
    Column("part_text", "string", "The sub-part's wording; blank for a whole recommendation."),
    Column(
        "addressed_to_kind",
        "string",
        "Whom the recommendation asks to act.",
        required=True,
        codes=_codes(Addressee.choices),
    ),
    Column(
        "addressed_to",
        "string",
        "The cabinet portfolio, officer or organisation addressed, by name; blank while a "
        "portfolio is not yet assigned.",
    ),
    Column(
        "decision",
        "string",
        "The cabinet's decision; blank while it has not responded.",
        codes=_codes(Response.Decision.choices),
    ),
    Column("explanation", "string", "The cabinet's explanation, or its reasons for rejecting."),
    Column("action", "string", "The action the cabinet will take."),
    Column("responded_on", "date", "The day the cabinet responded."),
    Column(
        "timetable",
        "string",
        'When the action is to be done, as the response gives it: "March 2027", "Q3 2025/26".',
    ),
    Column(
        "target_by", "date", "The last day the timetable could mean: 2027-03-31 for March 2027."
    ),
    Column(
        "progress_status",
        "string",
        "The lead officer's latest reported status (self-reported). " + PROGRESS,
        codes=_codes(ProgressUpdate.Status.choices),
    ),
    Column("progress_reported_on", "date", "The day that status was reported. " + PROGRESS),
    Column(
        "committee_verdict",
        "string",
        "The committee's latest verdict on the progress. " + PROGRESS,
        codes=_codes(Verdict.Kind.choices),
    ),
    Column(
        "committee_verdict_on", "date", "The day of the meeting that gave that verdict. " + PROGRESS
    ),
    Column("closed", "boolean", "Whether the committee has closed the item. " + PROGRESS),
    Column(
        "next_report_back_on",
        "date",
        "The day the plan's next report-back to the committee is due (the first day it could "
        "mean, when the plan gives only a month). Blank once the item is closed. " + PROGRESS,
    ),
)

COLUMN_NAMES = tuple(column.name for column in COLUMNS)


def table_schema() -> dict:
    """The columns as a Frictionless Table Schema, with the version of the promise they keep."""
    return {
        "name": "scraip-recommendations",
        "title": "Scrutiny recommendations and what became of them",
        "version": SCHEMA_VERSION,
        "description": (
            "One row for each item the cabinet answers (a sub-part of a recommendation, or a "
            "whole recommendation) of every action plan the councils have published. Within "
            "version 1.x columns are only added, at the end, and a new code raises the minor "
            "version; removing or renaming a column or a code, or changing what one means, makes "
            "version 2.0. A missing value is blank in the CSV and null in the JSON. In the "
            "CSV, a text a spreadsheet program would run as a formula (one starting =, +, -, @) "
            "starts with an apostrophe, which is not part of the value."
        ),
        "primaryKey": "item_id",
        "missingValues": [""],
        "fields": [column.as_field() for column in COLUMNS],
    }


# Reading the rows.

PLAN = "recommendation__action_plan__"


def published_parts(authority: Authority | None = None) -> QuerySet:
    """The live items of the published plans, of one council or of all."""
    plans = ActionPlan.objects.published()
    if authority is not None:
        plans = plans.filter(authority=authority)
    return FollowedPart.objects.filter(
        live_through("recommendation"), recommendation__action_plan__in=plans
    )


# Whom a recommendation is addressed to, by name, as Recommendation.addressee_display prints it
# (but blank, not "Not yet assigned", for a portfolio not yet assigned).
ADDRESSEE_NAMES = {
    Addressee.PORTFOLIO: F("recommendation__portfolio__title"),
    Addressee.OFFICER: F("recommendation__addressee_officer__name"),
    Addressee.OUTSIDE: F("recommendation__addressee_organisation"),
    Addressee.CABINET: Value("The Cabinet"),
    Addressee.COUNCIL: Value("Full Council"),
}


def _addressee_name() -> Case:
    return Case(
        *(
            When(recommendation__addressed_to=kind, then=name)
            for kind, name in ADDRESSEE_NAMES.items()
        ),
        default=Value(""),
    )


def published_items(authority: Authority | None = None) -> QuerySet:
    """The rows of the open data, as dictionaries of database values (see item_row), in council,
    plan and recommendation order. A deleted response counts as none (`answer`)."""
    return (
        published_parts(authority)
        .annotate(
            answer=FilteredRelation("response", condition=Q(response__deleted_at__isnull=True))
        )
        .with_state()
        .order_by(
            f"{PLAN}authority__name",
            f"{PLAN}authority_id",
            f"{PLAN}publication_date",
            f"{PLAN}title",
            "recommendation__action_plan_id",
            "recommendation__position",
            "recommendation_id",
            "position",
            "pk",
        )
        .values(
            "pk",
            "numeral",
            "text",
            "latest_status",
            "latest_reported_on",
            "latest_verdict_kind",
            "closed",
            "next_due",
            council=F(f"{PLAN}authority__name"),
            council_pk=F(f"{PLAN}authority_id"),
            plan_pk=F("recommendation__action_plan_id"),
            plan_title=F(f"{PLAN}title"),
            committee_name=F(f"{PLAN}committee__name"),
            year=F(f"{PLAN}municipal_year"),
            published_on=F(f"{PLAN}publication_date"),
            received_on=F(f"{PLAN}received_on"),
            due_on=F(f"{PLAN}response_deadline"),
            plan_status=F(f"{PLAN}status"),
            letter=F("recommendation__letter"),
            recommendation_text=F("recommendation__text"),
            addressee_kind=F("recommendation__addressed_to"),
            addressee=_addressee_name(),
            decision=F("answer__decision"),
            explanation=F("answer__explanation"),
            action=F("answer__action"),
            responded_on=F("answer__responded_on"),
            timetable_on=F("answer__timetable"),
            timetable_precision=F("answer__timetable_precision"),
            timetable_end=F("answer__timetable_end"),
            timetable_by=Coalesce(F("answer__timetable_end"), F("answer__timetable")),
            verdict_on=F("latest_verdict_on"),
            followed=flag(Q(answer__decision__in=Response.FOLLOWED_UP)),
        )
    )


def _iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def reference_of(letter: str, numeral: str) -> str:
    return f"{letter}({numeral})" if numeral else letter


def item_row(row: dict, plan_url: Callable[[int], str]) -> dict:
    """One row of published_items as the open data gives it: keyed by column name in the
    schema's order, dates in ISO 8601, None for a missing value. The progress columns only for
    the items the committee follows."""
    followed = row["followed"]
    progress = followed and row["latest_status"]
    verdict = followed and row["latest_verdict_kind"]
    url = plan_url(row["plan_pk"])
    timetable = format_fuzzy_date(
        row["timetable_on"], row["timetable_precision"], row["timetable_end"]
    )
    values = {
        "item_id": row["pk"],
        "council": row["council"],
        "council_id": row["council_pk"],
        "plan_id": row["plan_pk"],
        "plan_title": row["plan_title"],
        "plan_url": url,
        "item_url": f"{url}#item-{row['pk']}",
        "committee": row["committee_name"],
        "municipal_year": municipal_year_label(row["year"]) if row["year"] else None,
        "report_published_on": _iso(row["published_on"]),
        "cabinet_received_on": _iso(row["received_on"]),
        "response_due_on": _iso(row["due_on"]),
        "plan_status": row["plan_status"],
        "recommendation": row["letter"],
        "part": row["numeral"],
        "reference": reference_of(row["letter"], row["numeral"]),
        "recommendation_text": row["recommendation_text"],
        "part_text": row["text"],
        "addressed_to_kind": row["addressee_kind"],
        "addressed_to": row["addressee"],
        "decision": row["decision"],
        "explanation": row["explanation"],
        "action": row["action"],
        "responded_on": _iso(row["responded_on"]),
        "timetable": timetable,
        "target_by": _iso(row["timetable_by"]),
        "progress_status": row["latest_status"] if progress else None,
        "progress_reported_on": _iso(row["latest_reported_on"]) if progress else None,
        "committee_verdict": row["latest_verdict_kind"] if verdict else None,
        "committee_verdict_on": _iso(row["verdict_on"]) if verdict else None,
        "closed": bool(row["closed"]) if followed else None,
        "next_report_back_on": (_iso(row["next_due"]) if followed and not row["closed"] else None),
    }
    # Blank text is a missing value, as the schema's missingValues says.
    return {name: None if value == "" else value for name, value in values.items()}


def item_rows(authority: Authority | None, plan_url: Callable[[int], str]) -> Iterator[dict]:
    """Every row of the open data, streamed from the database a chunk at a time."""
    for row in published_items(authority).iterator(chunk_size=500):
        yield item_row(row, plan_url)


# The Atom feed.

FEED_SIZE = 50


@dataclass(frozen=True)
class FeedEntry:
    """A cabinet response or a committee verdict on an item of a published plan."""

    kind: str  # "response" or "verdict"
    pk: int
    on: datetime.date
    item_pk: int
    plan_pk: int
    plan_title: str
    council: str
    reference: str
    outcome: str  # the decision or the verdict, in words
    explanation: str = ""

    @property
    def title(self) -> str:
        who = "Cabinet response to" if self.kind == "response" else "Committee verdict on"
        return one_line(f"{who} recommendation {self.reference}, {self.plan_title}: {self.outcome}")

    @property
    def summary(self) -> str:
        if self.kind == "response":
            said = f"The cabinet responded on {self.on:%-d %B %Y}: {self.outcome}."
            return clean_text(" ".join(filter(None, [f"{self.council}.", said, self.explanation])))
        return (
            f"{one_line(self.council)}. At its meeting on {self.on:%-d %B %Y} the committee "
            f"gave its verdict on the progress: {self.outcome}."
        )


def _entry_fields() -> dict:
    return {
        "item_pk": F("pk"),
        "plan_pk": F("recommendation__action_plan_id"),
        "plan_title": F(f"{PLAN}title"),
        "council": F(f"{PLAN}authority__name"),
        "letter": F("recommendation__letter"),
    }


def feed_entries(authority: Authority | None = None) -> list[FeedEntry]:
    """The FEED_SIZE newest responses and verdicts on items of published plans, newest first:
    two bounded queries (the newest of each), merged."""
    parts = published_parts(authority)
    responses = (
        parts.filter(live_through("response"), response__isnull=False)
        .order_by("-response__responded_on", "-response__pk")
        .values(
            "numeral",
            **_entry_fields(),
            record_pk=F("response__pk"),
            on=F("response__responded_on"),
            code=F("response__decision"),
            explanation=F("response__explanation"),
        )[:FEED_SIZE]
    )
    verdicts = (
        parts.filter(live_through("verdicts"), verdicts__isnull=False)
        .order_by("-verdicts__meeting__date", "-verdicts__pk")
        .values(
            "numeral",
            **_entry_fields(),
            record_pk=F("verdicts__pk"),
            on=F("verdicts__meeting__date"),
            code=F("verdicts__verdict"),
        )[:FEED_SIZE]
    )
    entries = [
        _entry("response", row, Response.Decision.label_of(row["code"]), row["explanation"])
        for row in responses
    ] + [_entry("verdict", row, Verdict.Kind.label_of(row["code"])) for row in verdicts]
    entries.sort(key=lambda entry: (entry.on, entry.kind, entry.pk), reverse=True)
    return entries[:FEED_SIZE]


def _entry(kind: str, row: dict, outcome: str, explanation: str = "") -> FeedEntry:
    return FeedEntry(
        kind=kind,
        pk=row["record_pk"],
        on=row["on"],
        item_pk=row["item_pk"],
        plan_pk=row["plan_pk"],
        plan_title=row["plan_title"],
        council=row["council"],
        reference=reference_of(row["letter"], row["numeral"]),
        outcome=outcome,
        explanation=explanation,
    )


def public_plan_path(plan_pk: int) -> str:
    return reverse("followup:public_plan", args=[plan_pk])
