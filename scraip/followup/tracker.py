"""The progress tracker as a spreadsheet: export an action plan's or a committee's items as XLSX
or CSV with the columns officers keep, and import new progress updates from the same XLSX.

An import reads and checks every row before anything is written; one bad row and nothing is
saved, and the officer gets every bad row's number and what is wrong with it.
"""

import csv
import io
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.formats import date_format
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from scraip.common.versioning import WorkflowError
from scraip.followup import services
from scraip.followup.agenda import next_report_back
from scraip.followup.models import ProgressUpdate, Standing

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
    NEW_STATUS,
    NEW_UPDATE,
    EVIDENCE_LINK,
]
IMPORT_COLUMNS = [ITEM_ID, NEW_STATUS, NEW_UPDATE, EVIDENCE_LINK]
MAX_ROWS = 5000
# Spreadsheet programs run a cell that starts with one of these as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
STATUS_BY_NAME = {
    **{label.lower(): value for value, label in ProgressUpdate.Status.choices},
    **{value: value for value in ProgressUpdate.Status.values},
}


def _safe(value) -> object:
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _row(item) -> list:
    plan = item.recommendation.action_plan
    response = item.current_response
    latest, verdict = item.latest_update, item.latest_verdict
    return [
        item.pk,
        plan.title,
        str(item),
        item.text or item.recommendation.text,
        item.recommendation.portfolio.title if item.recommendation.portfolio else "",
        response.get_decision_display(),
        response.action,
        str(response.lead_officer or ""),
        item.target_display,
        latest.get_status_display() if latest else Standing.NO_UPDATE.label,
        latest.narrative if latest else "",
        date_format(latest.reported_on) if latest else "",
        verdict.get_verdict_display() if verdict else "",
        date_format(verdict.meeting.date) if verdict else "",
        "",
        "",
        "",
    ]


def export_xlsx(items, title: str) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Tracker"
    sheet.append(COLUMNS)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for item in items:
        sheet.append([_safe(value) for value in _row(item)])
    sheet.freeze_panes = "B2"
    workbook.properties.title = title
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_csv(items) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for item in items:
        writer.writerow([_safe(value) for value in _row(item)])
    return buffer.getvalue()


@dataclass(frozen=True)
class ImportRow:
    number: int
    item: object
    status: str
    narrative: str
    evidence_link: str


@dataclass(frozen=True)
class RowError:
    number: int
    message: str


class ImportRefused(Exception):
    """The file as a whole cannot be imported; the message says why."""


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_rows(file) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header and each data row (by its spreadsheet row number) as a dict by column."""
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise ImportRefused("The file could not be read as an Excel spreadsheet.") from None
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_text(value) for value in next(rows, ())]
    missing = [column for column in IMPORT_COLUMNS if column not in header]
    if missing:
        names = ", ".join(f"“{column}”" for column in missing)
        raise ImportRefused(
            f"The spreadsheet does not have the tracker's columns: {names} missing from the "
            "first row. Export the tracker from this page and fill in that file."
        )
    data = []
    for number, values in enumerate(rows, start=2):
        if number > MAX_ROWS + 1:
            raise ImportRefused(f"The spreadsheet has more than {MAX_ROWS} rows.")
        row = {column: _text(value) for column, value in zip(header, values, strict=False)}
        if any(row.get(column) for column in (NEW_STATUS, NEW_UPDATE, EVIDENCE_LINK)):
            data.append((number, row))
    workbook.close()
    return header, data


def check_rows(file, items_by_id: dict) -> tuple[list[ImportRow], list[RowError]]:
    """Every row with news, checked against the items in scope; nothing is written."""
    _, data = read_rows(file)
    if not data:
        raise ImportRefused(
            "No row has a new status or update: fill in “New status” and “New update” for the "
            "items with news."
        )
    rows, errors, seen = [], [], {}
    link_check = URLValidator(schemes=["http", "https"])
    for number, row in data:
        problems = []
        item_id = row.get(ITEM_ID, "")
        item = items_by_id.get(int(item_id)) if item_id.isascii() and item_id.isdigit() else None
        if not item_id:
            problems.append("the Item ID is empty")
        elif item is None:
            problems.append(f"there is no item {item_id} in this tracker")
        elif item.is_closed:
            problems.append(f"{item} has been closed by the committee")
        elif item_id in seen:
            problems.append(f"item {item_id} is also on row {seen[item_id]}")
        seen.setdefault(item_id, number)
        status = STATUS_BY_NAME.get(row.get(NEW_STATUS, "").lower())
        if not row.get(NEW_STATUS):
            problems.append("the new status is empty")
        elif status is None:
            allowed = ", ".join(ProgressUpdate.Status.labels)
            problems.append(f"“{row[NEW_STATUS]}” is not a status (use one of: {allowed})")
        if not row.get(NEW_UPDATE):
            problems.append("the new update is empty")
        link = row.get(EVIDENCE_LINK, "")
        if link:
            try:
                link_check(link)
            except ValidationError:
                problems.append("the evidence link is not a web address starting https://")
        if problems:
            message = "; ".join(problems)
            errors.append(RowError(number, message[:1].upper() + message[1:]))
        else:
            rows.append(ImportRow(number, item, status, row[NEW_UPDATE], link))
    return rows, errors


@transaction.atomic
def tracker_import(*, rows: list[ImportRow], entered_by) -> int:
    """Write every checked row as a progress update from the item's lead officer, entered by
    the importing officer, for the plan's next report-back. All or nothing."""
    for row in rows:
        lead = row.item.progress_lead()
        try:
            services.progress_record(
                subject=row.item,
                status=row.status,
                narrative=row.narrative,
                evidence_link=row.evidence_link,
                report_back=next_report_back(row.item),
                reported_by=lead,
                entered_by=entered_by,
            )
        except WorkflowError as error:
            raise ImportRefused(f"Row {row.number}: {error}") from None
    return len(rows)
