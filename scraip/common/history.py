"""Reading django-simple-history records as people want them: who changed what, from what to what.

History is written by django-simple-history on every save; nothing here writes or alters it.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone

from .fuzzydates import format_fuzzy_date

# Bookkeeping columns whose changes say nothing to a reader.
HIDDEN_FIELDS = {"version", "updated_at", "created_at", "deleted_at", "deleted_by_cascade"}


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


@dataclass(frozen=True)
class Entry:
    when: datetime.datetime
    who: str
    what: str
    changes: list[Change]
    # What the row is about, on a page listing several records' changes ("The response to
    # Recommendation A (i)"); blank on a record's own history page.
    subject: str = ""


ACTIONS = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _display(field: models.Field, value, related: dict) -> str:
    if value is None or value == "":
        return "(blank)"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.ForeignKey):
        return str(related.get((field.related_model, value), f"#{value}"))
    if isinstance(field, models.BooleanField):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(value)


def _deltas(records):
    """Each record (newest first) with the one before it and the list of (field, old, new)
    that changed between them."""
    deltas = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if older is None:
            deltas.append((newer, None, []))
            continue
        delta = newer.diff_against(older)
        deltas.append((newer, older, [(c.field, c.old, c.new) for c in delta.changes]))
    return deltas


def _related_objects(model, change_lists) -> dict:
    """Every foreign key value the entries mention, fetched with one query per related model."""
    wanted: dict[type, set] = {}
    for changes in change_lists:
        for name, old, new in changes:
            field = model._meta.get_field(name)
            if isinstance(field, models.ForeignKey):
                wanted.setdefault(field.related_model, set()).update({old, new} - {None})
    return {
        (related_model, pk): obj
        # select_related(): their names may read their own foreign keys (a meeting's committee).
        for related_model, pks in wanted.items()
        for pk, obj in related_model._base_manager.select_related().in_bulk(pks).items()
    }


def history_entries(record) -> list[Entry]:
    """The record's history, newest first, with each change spelt out for people."""
    return history_of(type(record), record.history.all())


def history_of(model, historicals, subject=None) -> list[Entry]:
    """The history of every record among `historicals` (historical rows of `model`, such as a
    plan's report-backs, deleted ones included), newest first, in a fixed number of queries.
    `subject(historical_row)` names the record each entry is about."""
    rows = historicals.select_related("history_user__person").order_by("-history_id")
    by_record: dict[int, list] = {}
    for row in rows:
        by_record.setdefault(row.id, []).append(row)
    deltas = [delta for records in by_record.values() for delta in _deltas(records)]
    related = _related_objects(model, [changes for _, _, changes in deltas])
    entries = []
    for historical, older, changes in deltas:
        described = _describe(model, changes, related, historical, older)
        what = _what(historical, older)
        if what == "Changed" and not described:
            continue  # a save that changed nothing a reader cares about: no blank row
        entries.append(
            Entry(
                when=timezone.localtime(historical.history_date),
                who=who_is(historical.history_user),
                what=what,
                changes=described,
                subject=subject(historical) if subject else "",
            )
        )
    entries.sort(key=lambda entry: entry.when, reverse=True)
    return entries


def newest_first(*histories: list[Entry]) -> list[Entry]:
    """Several records' histories as one, newest first."""
    return sorted(
        (entry for entries in histories for entry in entries), key=lambda e: e.when, reverse=True
    )


def _what(historical, older) -> str:
    """Created, Changed or Deleted; a soft delete reads as Deleted, and undoing it as
    Restored."""
    was_deleted = getattr(older, "deleted_at", None) is not None
    is_deleted = getattr(historical, "deleted_at", None) is not None
    if older is not None and was_deleted != is_deleted:
        return "Deleted" if is_deleted else "Restored"
    return ACTIONS.get(historical.history_type, historical.history_type)


def changes_since(record, loaded_version: int) -> tuple[Entry | None, list[Change]]:
    """What happened to `record` after the version an edit form was loaded at."""
    model = type(record)
    loaded = record.history.filter(version=loaded_version).order_by("-history_id").first()
    latest = record.history.select_related("history_user__person").order_by("-history_id").first()
    if latest is None:
        return None, []
    if loaded is None and latest.history_type == "+":
        # Someone else created the record after this form was opened: all they saved is new.
        changes = _created_values(latest)
    elif loaded is None:
        changes = []
    else:
        changes = [(c.field, c.old, c.new) for c in latest.diff_against(loaded).changes]
    related = _related_objects(model, [changes])
    entry = Entry(
        when=timezone.localtime(latest.history_date),
        who=who_is(latest.history_user),
        what=ACTIONS.get(latest.history_type, ""),
        changes=_describe(model, changes, related, latest, loaded),
    )
    return entry, entry.changes


def _created_values(historical) -> list[tuple[str, object, object]]:
    """The fields a new record was saved with, as changes from nothing."""
    return [
        (field.name, None, value)
        for field in historical.instance_type._meta.concrete_fields
        if not field.primary_key
        and field.editable
        and (value := getattr(historical, field.attname)) not in (None, "")
        and not (field.has_default() and value == field.get_default())
    ]


def _describe(model, changes, related, newer=None, older=None) -> list[Change]:
    """The changes as people read them, in the model's field order. A vague date prints as
    typed ("March 2027", "January–March 2008"), with the precision and end of the version it
    comes from; a change of its precision or end alone reads as a change of the date."""
    vague = _vague_dates(model)
    companions = {name: date for date, names in vague.items() for name in names if name}
    changed = {name for name, _, _ in changes}
    if newer is not None and older is not None:
        moved = {companions[name] for name in changed if name in companions} - changed
        changes += [(date, getattr(older, date), getattr(newer, date)) for date in moved]
    described = []
    order = {field.name: index for index, field in enumerate(model._meta.concrete_fields)}
    for name, old, new in sorted(changes, key=lambda change: order.get(change[0], 0)):
        if name in HIDDEN_FIELDS or name in companions:
            continue
        field = model._meta.get_field(name)
        described.append(
            Change(
                field=str(field.verbose_name).capitalize(),
                old=_vague_display(field, old, related, older, vague.get(name)),
                new=_vague_display(field, new, related, newer, vague.get(name)),
            )
        )
    return described


def _vague_dates(model) -> dict[str, tuple[str, str | None]]:
    """The model's vague dates: each date field's name with its precision field's and its end
    field's, if it keeps one (timetable: timetable_precision, timetable_end; report_due_on:
    report_due_precision, report_due_end)."""
    names = {field.name for field in model._meta.concrete_fields}
    vague = {}
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.DateField) or isinstance(field, models.DateTimeField):
            continue
        for stem in dict.fromkeys((field.name, field.name.removesuffix("_on"))):
            if f"{stem}_precision" in names:
                end = f"{stem}_end" if f"{stem}_end" in names else None
                vague[field.name] = (f"{stem}_precision", end)
                break
    return vague


def _vague_display(field, value, related, row, vague) -> str:
    if vague is None or row is None or value is None:
        return _display(field, value, related)
    precision, end = vague
    return format_fuzzy_date(value, getattr(row, precision), getattr(row, end) if end else None)


def who_is(user) -> str:
    """The person behind a user account, its username if it has none, "The system" if none."""
    if user is None:
        return "The system"
    person = getattr(user, "person", None)
    return str(person) if person else user.get_username()
