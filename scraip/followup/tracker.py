"""The progress tracker as a spreadsheet: export an action plan's or a committee's items as XLSX
or CSV with the columns officers keep, and import new progress updates from either.

Both go through scraip.common.spreadsheets, which streams rows in and out and refuses hostile
files. An export reads the items in one query, streamed in chunks, and writes each row as it
goes. An import reads the
whole file and checks every row first, then looks every item up at once (locked, so nobody
closes one half-way through), checks each new update with the model's own rules (full_clean)
and writes them all with their history in a few bulk inserts: one bad row and nothing is
saved, and the officer gets every bad row's number and what is wrong with it.
"""

import statistics
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history

from scraip.common import spreadsheets
from scraip.followup import services
from scraip.followup.models import CouncilStatus, FollowedPart, ProgressUpdate, Standing, Verdict
from scraip.followup.models.state import attach_latest
from scraip.followup.models.statuses import rag_of
from scraip.plans.models import ActionPlan, Response

ITEM_ID = "Item ID"
NEW_STATUS = "New status"
NEW_UPDATE = "New update"
EVIDENCE_LINK = "Evidence link"
COLUMNS = [
    ITEM_ID,
    "Action plan",
    "Recommendation",
    "Recommendation text",
    "Cabinet portfolio",
    "Decision",
    "Action",
    "Lead officer",
    "Target date",
    "Latest status",
    "Latest update",
    "Update reported on",
    "Committee verdict",
    "Verdict given at",
    # What a council's own tracker keeps beside them (issue 10.5): exported, not imported.
    "Reference",
    "Committee",
    "Municipal year",
    "Date of publication",
    "Date the cabinet received it",
    "Addressed to",
    "Response given by",
    "Explanation",
    "Lifecycle state",
    "RAG",
    NEW_STATUS,
    NEW_UPDATE,
    EVIDENCE_LINK,
]
IMPORT_COLUMNS = [ITEM_ID, NEW_STATUS, NEW_UPDATE, EVIDENCE_LINK]
NEWS_AT = COLUMNS.index(NEW_STATUS)
NEWS_COLUMNS = (NEW_STATUS, NEW_UPDATE, EVIDENCE_LINK)
MAX_ROWS = 5000
# Items read (with their progress) at a time while an export is written.
EXPORT_CHUNK = 1000
STATUS_BY_NAME = {
    **{label.lower(): value for value, label in ProgressUpdate.Status.choices},
    **{value: value for value in ProgressUpdate.Status.values},
}


# Export.


def _row(item, joint: dict, supporting: dict) -> list:
    plan = item.recommendation.action_plan
    response = item.current_response
    lead = str(response.lead_officer or "")
    helpers = supporting.get(response.pk)
    leads = f"{lead or 'No lead officer'}, supported by {', '.join(helpers)}" if helpers else lead
    status = item.latest_status
    recommendation = item.recommendation
    return [
        item.pk,
        plan.title,
        str(item),
        item.text or item.recommendation.text,
        item.recommendation.portfolio.title if item.recommendation.portfolio else "",
        response.get_decision_display(),
        response.action,
        leads,
        item.target_display,
        item.latest_status_word
        or (ProgressUpdate.Status.label_of(status) if status else Standing.NO_UPDATE.label),
        item.latest_narrative or "",
        date_format(item.latest_reported_on) if status else "",
        Verdict.Kind.label_of(item.latest_verdict_kind),
        date_format(item.latest_verdict_on) if item.latest_verdict_kind else "",
        f"{recommendation.letter} ({item.numeral})" if item.numeral else recommendation.letter,
        " jointly with ".join([plan.committee.name, " and ".join(joint[plan.pk])])
        if plan.pk in joint
        else plan.committee.name,
        plan.municipal_year_label,
        date_format(plan.publication_date),
        date_format(plan.received_on) if plan.received_on else "",
        recommendation.addressee_display,
        str(response.responded_by),
        response.explanation,
        ProgressUpdate.Status.label_of(status) if status else "",
        (item.latest_rag or rag_of(status)).title(),
        "",
        "",
        "",
    ]


def export_rows(items) -> Iterator[list]:
    """A row for each item (FollowedPart.objects.listed(), narrowed), in one query whatever the
    number of items, streamed from the database EXPORT_CHUNK rows at a time: the latest
    update's words come with each row (looked up by the latest update's key, which with_state
    gives with the latest verdict's meeting day), not from queries of their own."""
    rows = items.select_related("recommendation__addressee_officer", "response__responded_by")
    latest = ProgressUpdate.objects.filter(pk=OuterRef("latest_update_pk"))
    rows = rows.annotate(
        latest_rag=Subquery(latest.values("council_status__rag")),
        latest_narrative=Subquery(latest.values("narrative")),
        # The council's own word for the latest status, where it names its statuses.
        latest_status_word=Subquery(latest.values("council_status__name")),
    )
    joint, supporting = _joint_committees(items), _supporting_officers(items)
    for item in rows.iterator(chunk_size=EXPORT_CHUNK):
        yield _row(item, joint, supporting)


def _joint_committees(items) -> dict[int, list[str]]:
    """{plan: the names of the committees it came from jointly}, for every plan of `items`, in
    one query (not one a chunk of streamed rows: joint reports are few)."""
    through = ActionPlan.joint_committees.through.objects.filter(
        actionplan__in=items.values("recommendation__action_plan")
    )
    names = defaultdict(list)
    for plan, name in through.order_by("committee__name").values_list(
        "actionplan", "committee__name"
    ):
        names[plan].append(name)
    return names


def _supporting_officers(items) -> dict[int, list[str]]:
    """{response: the names of the officers supporting its lead officer}, in one query."""
    through = Response.supporting_officers.through.objects.filter(
        response__part__in=items.values("pk")
    )
    names = defaultdict(list)
    rows = through.order_by("person__name").values_list("response", "person__name")
    for response, name in rows:
        names[response].append(name)
    return names


def export_response(items, *, title: str, fmt: str):
    """The tracker of `items` as an XLSX or CSV download, streamed."""
    filename = f"tracker-{slugify(title)[:60] or 'items'}.{fmt}"
    if fmt == "csv":
        return spreadsheets.csv_response(filename=filename, header=COLUMNS, rows=export_rows(items))
    return spreadsheets.xlsx_response(
        filename=filename,
        header=COLUMNS,
        rows=export_rows(items),
        title=title,
        sheet="Tracker",
        freeze="B2",
    )


# Import.


class ImportRefused(Exception):
    """The file as a whole cannot be imported; the message says why."""


@dataclass(frozen=True)
class RowError:
    number: int
    message: str


class RowsRefused(Exception):
    """Some rows cannot be imported; nothing was. `errors` lists every one."""

    def __init__(self, errors: list[RowError]):
        super().__init__(f"{len(errors)} rows need correcting")
        self.errors = errors


@dataclass(frozen=True)
class News:
    """A row of the tracker with news, as read from the file: not yet matched to an item."""

    number: int
    item_id: str
    item_pk: int | None
    status: str | None  # SCRAIP's; None for a word only the item's council may know
    status_text: str
    narrative: str
    evidence_link: str
    problems: tuple[str, ...]


_link_check = URLValidator(schemes=["http", "https"])


def _shown(text: str, limit: int = 40) -> str:
    """A cell's text quoted back in a message, cut short if it is long."""
    return text if len(text) <= limit else text[:limit] + "…"


def _news(row: spreadsheets.Row) -> News:
    problems = []
    item_id = row.text(ITEM_ID)
    # A pk has at most 19 digits; a longer run of digits is not an item (and int() of
    # thousands of digits is refused by Python itself).
    item_pk = (
        int(item_id) if item_id.isascii() and item_id.isdigit() and len(item_id) < 19 else None
    )
    status_text = row.text(NEW_STATUS)
    status = STATUS_BY_NAME.get(status_text.lower())
    if not status_text:
        problems.append("the new status is empty")
    narrative = row.text(NEW_UPDATE)
    if not narrative:
        problems.append("the new update is empty")
    link = row.text(EVIDENCE_LINK)
    if link:
        try:
            _link_check(link)
        except ValidationError:
            problems.append("the evidence link is not a web address starting https://")
    return News(row.number, item_id, item_pk, status, status_text, narrative, link, tuple(problems))


def read_news(file) -> list[News]:
    """Every row of an uploaded tracker (XLSX or CSV) with a new status, update or link, each
    checked on its own. ImportRefused if the file cannot be used at all."""
    try:
        with spreadsheets.read_spreadsheet(file, max_rows=MAX_ROWS) as sheet:
            missing = [column for column in IMPORT_COLUMNS if column not in sheet.header]
            if missing:
                names = ", ".join(f"“{column}”" for column in missing)
                raise ImportRefused(
                    f"The spreadsheet does not have the tracker's columns: {names} missing from "
                    "the first row. Export the tracker from this page and fill in that file."
                )
            news = [_news(row) for row in sheet.rows() if any(map(row.text, NEWS_COLUMNS))]
    except spreadsheets.SpreadsheetRefused as refusal:
        raise ImportRefused(str(refusal)) from None
    if not news:
        raise ImportRefused(
            "No row has a new status or update: fill in “New status” and “New update” for the "
            "items with news."
        )
    return news


def _item_problem(row: News, item, seen: dict) -> str | None:
    if not row.item_id:
        return "the Item ID is empty"
    if item is None:
        return f"there is no item {_shown(row.item_id)} in this tracker"
    if item.is_closed:
        return f"{item} has been closed by the committee"
    if item.progress_lead() is None:
        return f"{item} has no lead officer to report its progress"
    if item.pk in seen:
        return f"item {row.item_id} is also on row {seen[item.pk]}"
    seen[item.pk] = row.number
    return None


def _model_problems(update: ProgressUpdate) -> list[str]:
    """The update's own rules (ProgressUpdate.clean and its fields), as the service checks them."""
    try:
        update.full_clean(exclude=("evidence_file", *services.RELATED))
    except ValidationError as error:
        return error.messages
    return []


def _sentence(problems: list[str]) -> str:
    message = "; ".join(problems)
    return message[:1].upper() + message[1:]


@transaction.atomic
def _write(news: list[News], items, entered_by) -> int:
    ids = sorted({row.item_pk for row in news if row.item_pk is not None})
    # Lock the items first, in one order, then read them: what the rules judge (closed or not,
    # the next report-back) is read after anyone else's verdict or update has been saved.
    locked = FollowedPart._base_manager.select_for_update().filter(pk__in=ids).order_by("pk")
    list(locked.values_list("pk", flat=True))
    # Only what the rules and messages read: the recommendation (its letter), the response and
    # its lead officer, and the state (closed, latest verdict, next report-back).
    found = (
        items.filter(pk__in=ids)
        .select_related(None)
        .select_related("recommendation__action_plan", "response__lead_officer")
    )
    found = {item.pk: item for item in found}
    words = _council_words({item.tracked_authority_id for item in found.values()})
    # Read for every item at once; ProgressUpdate.clean takes it from here (Verdict.closing).
    closed = [item for item in found.values() if item.is_closed]
    attach_latest(closed, updates=())
    for item in found.values():
        item.closing_verdict = item.attached_latest_verdict if item.is_closed else None
    today = timezone.localdate()
    errors, updates, seen = [], [], {}
    for row in news:
        item = found.get(row.item_pk)
        problem = _item_problem(row, item, seen)
        status, council_status = _status_of(row, item, words)
        unknown = status is None and row.status_text
        problems = [
            *([problem] if problem else []),
            *([_unknown_status(row, item, words)] if unknown else []),
            *row.problems,
        ]
        if not problems:
            update = ProgressUpdate(
                subject=item,
                status=status,
                council_status=council_status,
                narrative=row.narrative,
                evidence_link=row.evidence_link,
                report_back_id=item.next_report_back_pk,
                reported_by=item.progress_lead(),
                entered_by=entered_by,
                reported_on=today,
            )
            problems = _model_problems(update)
        if problems:
            errors.append(RowError(row.number, _sentence(problems)))
        else:
            updates.append(update)
    if errors:
        raise RowsRefused(errors)
    bulk_create_with_history(updates, ProgressUpdate, default_user=entered_by)
    return len(updates)


def _council_words(authority_ids) -> dict:
    """{(council, word in small letters): CouncilStatus} for the councils' own statuses."""
    statuses = CouncilStatus.objects.filter(authority__in=authority_ids, retired=False)
    return {(status.authority_id, status.name.lower()): status for status in statuses}


def _status_of(row: News, item, words: dict):
    """(lifecycle state, council's status or None) the row's word stands for: the item's
    council's own word first, then SCRAIP's; (None, None) if neither knows it."""
    if item is not None:
        council_status = words.get((item.tracked_authority_id, row.status_text.lower()))
        if council_status:
            return council_status.lifecycle, council_status
    return row.status, None


def _unknown_status(row: News, item, words: dict) -> str:
    council = item.tracked_authority_id if item is not None else None
    own = [status.name for (owner, _), status in words.items() if owner == council]
    allowed = ", ".join(own or ProgressUpdate.Status.labels)
    return f"“{_shown(row.status_text)}” is not a status (use one of: {allowed})"


def tracker_import(*, file, items, entered_by) -> int:
    """Import the news in an uploaded tracker as progress updates from each item's lead officer,
    entered by `entered_by`, for the plan's next report-back: all of it or none. `items` are
    the items the tracker may update (FollowedPart.objects.listed(), narrowed to a plan or a
    committee). ImportRefused for a file that cannot be used; RowsRefused with every bad row."""
    return _write(read_news(file), items, entered_by)


# Measuring, for the benchmark (scraip.demo.bench).


def filled_in(items, *, rows: int, fmt: str = "xlsx") -> bytes:
    """The tracker of the first `rows` items as exported, with news on every row: a file to
    import."""
    chosen = list(items.values_list("pk", flat=True)[:rows])
    lines = (
        [
            *row[:NEWS_AT],
            "On track",
            f"Progress on item {row[0]}.",
            "https://example.gov.uk/evidence",
        ]
        for row in export_rows(items.filter(pk__in=chosen))
    )
    if fmt == "csv":
        return b"".join(spreadsheets.csv_lines(header=COLUMNS, rows=lines))
    response = spreadsheets.xlsx_response(filename="t.xlsx", header=COLUMNS, rows=lines)
    return b"".join(response.streaming_content)


def _measured(work, runs: int = 3) -> dict:
    """The fastest and the median time of `runs` runs (the fastest is the least disturbed by
    whatever else the machine does), and the peak memory of one more under tracemalloc."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    seconds = min(times)
    median = statistics.median(times)
    tracemalloc.start()
    try:
        work()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return {
        "seconds": round(seconds, 3),
        "median_seconds": round(median, 3),
        "peak_mb": round(peak / 2**20, 1),
    }


def measure(items, *, entered_by, rows: int, fmt: str = "xlsx") -> dict:
    """Time (the fastest and the median of 3 runs) and peak Python memory (tracemalloc, one
    more run) of exporting the first `rows` of `items` (FollowedPart.objects.listed(),
    narrowed to a plan or committee) and importing them back with news on every row (rolled
    back): the benchmark's call. Over MAX_ROWS rows, the import is the refusal of an oversized
    file."""
    chosen = items.filter(pk__in=list(items.values_list("pk", flat=True)[:rows]))
    content = filled_in(items, rows=rows, fmt=fmt)

    def export():
        for _ in export_response(chosen, title="Benchmark", fmt=fmt).streaming_content:
            pass

    def import_():
        upload = SimpleUploadedFile(f"tracker.{fmt}", content)
        try:
            with transaction.atomic():
                tracker_import(file=upload, items=items, entered_by=entered_by)
                transaction.set_rollback(True)
        except (ImportRefused, RowsRefused):
            pass

    figures = {"rows": rows, "format": fmt, "export": _measured(export)}
    figures["import"] = {**_measured(import_), "refused": rows > MAX_ROWS}
    return figures
