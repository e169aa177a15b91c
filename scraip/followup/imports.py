"""Bringing a council's existing recommendation tracker in: an XLSX or CSV of its own layout.

    tracker = read_tracker(file)                     # header and rows, as plain text
    mapping = guess_mapping(tracker, authority)      # its columns and words matched to SCRAIP's
    checked = check(tracker, mapping, authority=authority, by=user)
    checked.problems                                 # every bad row: its number, column, reason
    import_tracker(tracker=..., mapping=..., authority=..., by=user)   # all or nothing

Each distinct report title becomes an action plan of the council; each row a recommendation
(answered as a whole) with, where the tracker gives them, the cabinet's decision, explanation,
action, timetable, lead officers (the first accountable, the others supporting) and the latest
progress status and update. The rows are put through the models' own rules without a query a
row (the council's committees, portfolios, officers and statuses are read once), and written
with bulk inserts, each row's history saying "Imported from <file>".
"""

import re
from dataclasses import dataclass, field

from scraip.common import spreadsheets
from scraip.councils.bulk import Problem
from scraip.councils.models import Authority
from scraip.plans.models import Response

from .models import CouncilStatus, ProgressUpdate

MAX_ROWS = 2000


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    required: bool
    hints: tuple[str, ...]  # words of a column title that suggest it, most telling first


FIELDS = (
    Field(
        "plan",
        "Report title (one action plan each)",
        True,
        ("action plan", "review", "report", "topic"),
    ),
    Field("committee", "Committee", True, ("committee", "origin", "panel")),
    Field("published", "Date of publication or agreement", True, ("agreed", "publi", "date")),
    Field(
        "received",
        "Date the cabinet received it",
        False,
        ("received", "executive date", "cabinet date"),
    ),
    Field("reference", "Reference", True, ("ref", "number", "no.", "letter")),
    Field("text", "Recommendation", True, ("recommendation text", "recommendation")),
    Field("portfolio", "Cabinet portfolio", False, ("portfolio", "cabinet member")),
    Field("decision", "Decision", False, ("decision", "agree", "accept")),
    Field(
        "explanation",
        "Explanation",
        False,
        ("explanation", "executive response", "response", "comment", "reason"),
    ),
    Field("action", "Action", False, ("action",)),
    Field("timetable", "Timetable or target date", False, ("timetable", "target", "deadline")),
    Field("leads", "Lead officers", False, ("lead", "officer", "owner")),
    Field("status", "Progress status", False, ("latest status", "status", "progress")),
    Field("update", "Latest update", False, ("latest update", "update", "progress")),
)
FIELD_LABELS = {spec.key: spec.label for spec in FIELDS}
# The template offered on the upload page: every field's label as its column, and a row.
TEMPLATE_HEADER = [spec.label for spec in FIELDS]
TEMPLATE_ROW = [
    "Review of Flooding",
    "Overview and Scrutiny Committee",
    "12/06/2025",
    "",
    "SR (25/26) 01",
    "That the council maps the drains that blocked in the winter floods.",
    "Cabinet Member for Environment",
    "Accepted",
    "The map fits the highways maintenance plan.",
    "Map the drains and publish a clearance rota.",
    "March 2026",
    "Jo Bloggs; Sam Support",
    "On track",
    "Half of the wards mapped.",
]

DECISION_WORDS = {
    Response.Decision.ACCEPTED: ("yes", "agreed", "agree", "accepted", "accept", "approved"),
    Response.Decision.PARTIALLY_ACCEPTED: (
        "in part",
        "partly",
        "partially",
        "partial",
        "partially accepted",
    ),
    Response.Decision.REJECTED: ("no", "rejected", "reject", "not agreed", "declined"),
}
Status = ProgressUpdate.Status
STATUS_WORDS = {
    Status.IMPLEMENTED: ("complete", "completed", "implemented", "done", "achieved"),
    Status.ON_TRACK: ("ongoing", "on track", "in progress", "on target"),
    Status.AT_RISK: ("at risk", "delayed", "slipping"),
    Status.OFF_TRACK: ("off track", "not on track", "overdue"),
    Status.PAUSED: ("paused", "on hold", "suspended"),
    Status.NOT_STARTED: ("not started", "not yet started"),
}
NO_UPDATE = "none"  # what a status word means when the tracker holds no progress yet
NO_UPDATE_WORDS = ("no update yet", "no update", "none", "n/a", "-")
AWAITING = "awaiting"  # what a decision word means when the cabinet has not answered yet
LEAD_SEPARATORS = re.compile(r"\s*(?:;|/|,|\band\b|&|\n)\s*", re.IGNORECASE)


class TrackerRefused(Exception):
    """The file as a whole cannot be used; the message says why."""


@dataclass(frozen=True)
class Tracker:
    filename: str
    header: list[str]
    rows: list[dict]  # {"row": number, column title: text}

    def words(self, column: str | None) -> list[str]:
        """The distinct words of a column, as first written, in the order they appear."""
        if not column:
            return []
        seen = {}
        for row in self.rows:
            word = row.get(column, "")
            if word and word.casefold() not in seen:
                seen[word.casefold()] = word
        return list(seen.values())


@dataclass
class Mapping:
    columns: dict[str, str]  # SCRAIP field -> the file's column title ("" for none)
    decisions: dict[str, str]  # a decision word (casefolded) -> Response.Decision, or AWAITING
    statuses: dict[str, str]  # a status word (casefolded) -> "lifecycle:<state>"/"council:<pk>"

    def as_session(self) -> dict:
        return {"columns": self.columns, "decisions": self.decisions, "statuses": self.statuses}

    @classmethod
    def from_session(cls, data: dict) -> "Mapping":
        return cls(dict(data["columns"]), dict(data["decisions"]), dict(data["statuses"]))


@dataclass
class Checked:
    problems: list[Problem] = field(default_factory=list)
    # (plan, [(recommendation, part, response, update, supporting officers)])
    plans: list = field(default_factory=list)

    def add(self, row: int, column: str, message: str) -> None:
        self.problems.append(Problem(row, column, message[:1].upper() + message[1:]))

    @property
    def counts(self) -> dict[str, int]:
        rows = [row for _, rows in self.plans for row in rows]
        return {
            "plans": len(self.plans),
            "recommendations": len(rows),
            "responses": sum(1 for row in rows if row[2] is not None),
            "updates": sum(1 for row in rows if row[3] is not None),
        }


class RowsRefused(Exception):
    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def read_tracker(file) -> Tracker:
    """The file's header and non-empty rows as text. TrackerRefused if it cannot be used."""
    try:
        header, rows = spreadsheets.read_text_rows(file, max_rows=MAX_ROWS)
    except spreadsheets.SpreadsheetRefused as refusal:
        raise TrackerRefused(str(refusal)) from None
    if not rows:
        raise TrackerRefused("The spreadsheet has no rows below its column names.")
    return Tracker(getattr(file, "name", "tracker") or "tracker", header, rows)


def template_response(fmt: str):
    """An empty tracker in SCRAIP's column names with one example row, as XLSX or CSV."""
    filename = f"scraip-tracker-template.{fmt}"
    if fmt == "csv":
        return spreadsheets.csv_response(
            filename=filename, header=TEMPLATE_HEADER, rows=[TEMPLATE_ROW]
        )
    return spreadsheets.xlsx_response(
        filename=filename, header=TEMPLATE_HEADER, rows=[TEMPLATE_ROW], title="Tracker"
    )


def _words_match(word: str, choices) -> bool:
    return word.casefold().strip(" .!") in choices


def guess_mapping(tracker: Tracker, authority: Authority) -> Mapping:
    """Each SCRAIP field matched to the first untaken column whose title holds one of its
    hints; each decision and status word to what it most likely means (a council's own status
    by its name first)."""
    columns, taken = {}, set()
    for spec in FIELDS:
        titles = [title for title in tracker.header if title not in taken]
        exact = (title for title in titles if title.casefold().strip() in spec.hints)
        within = (title for hint in spec.hints for title in titles if hint in title.casefold())
        found = next(exact, None) or next(within, "")
        columns[spec.key] = found
        if found:
            taken.add(found)
    decisions = {}
    for word in tracker.words(columns["decision"]):
        meaning = next(
            (value for value, words in DECISION_WORDS.items() if _words_match(word, words)), None
        )
        if meaning:
            decisions[word.casefold()] = meaning
    own = {status.name.casefold(): status for status in CouncilStatus.objects.offered(authority.pk)}
    statuses = {}
    for word in tracker.words(columns["status"]):
        if word.casefold() in own:
            statuses[word.casefold()] = f"council:{own[word.casefold()].pk}"
            continue
        meaning = next(
            (value for value, words in STATUS_WORDS.items() if _words_match(word, words)), None
        )
        if meaning:
            statuses[word.casefold()] = f"lifecycle:{meaning}"
        elif _words_match(word, NO_UPDATE_WORDS):
            statuses[word.casefold()] = NO_UPDATE
    return Mapping(columns, decisions, statuses)
