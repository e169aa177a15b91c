"""Reading django-simple-history records as people want them: who changed what, from what to what.

History is written by django-simple-history on every save; nothing here writes or alters it.
"""

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import formats, timezone

# Bookkeeping columns whose changes say nothing to a reader.
HIDDEN_FIELDS = {"version", "updated_at", "created_at"}


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
    """Each record with the list of (field, old, new) that changed since the one before it."""
    deltas = []
    for newer, older in zip(records, [*records[1:], None], strict=True):
        if older is None:
            deltas.append((newer, []))
            continue
        delta = newer.diff_against(older)
        deltas.append((newer, [(c.field, c.old, c.new) for c in delta.changes]))
    return deltas


def _related_objects(model, deltas) -> dict:
    """Every foreign key value the entries mention, fetched with one query per related model."""
    wanted: dict[type, set] = {}
    for _, changes in deltas:
        for name, old, new in changes:
            field = model._meta.get_field(name)
            if isinstance(field, models.ForeignKey):
                wanted.setdefault(field.related_model, set()).update({old, new} - {None})
    return {
        (related_model, pk): obj
        for related_model, pks in wanted.items()
        for pk, obj in related_model._base_manager.in_bulk(pks).items()
    }


def history_entries(record) -> list[Entry]:
    """The record's history, newest first, with each change spelt out for people."""
    records = list(record.history.select_related("history_user__person").order_by("-history_id"))
    deltas = _deltas(records)
    model = type(record)
    related = _related_objects(model, deltas)
    return [
        Entry(
            when=timezone.localtime(historical.history_date),
            who=_who(historical.history_user),
            what=ACTIONS.get(historical.history_type, historical.history_type),
            changes=_describe(model, changes, related),
        )
        for historical, changes in deltas
    ]


def changes_since(record, loaded_version: int) -> tuple[Entry | None, list[Change]]:
    """What happened to `record` after the version an edit form was loaded at."""
    model = type(record)
    loaded = record.history.filter(version=loaded_version).order_by("-history_id").first()
    latest = record.history.select_related("history_user__person").order_by("-history_id").first()
    if latest is None:
        return None, []
    if loaded is None:
        changes = []
    else:
        changes = [(c.field, c.old, c.new) for c in latest.diff_against(loaded).changes]
    related = _related_objects(model, [(latest, changes)])
    entry = Entry(
        when=timezone.localtime(latest.history_date),
        who=_who(latest.history_user),
        what=ACTIONS.get(latest.history_type, ""),
        changes=_describe(model, changes, related),
    )
    return entry, entry.changes


def _describe(model, changes, related) -> list[Change]:
    described = []
    for name, old, new in changes:
        if name in HIDDEN_FIELDS:
            continue
        field = model._meta.get_field(name)
        described.append(
            Change(
                field=str(field.verbose_name).capitalize(),
                old=_display(field, old, related),
                new=_display(field, new, related),
            )
        )
    return described


def _who(user) -> str:
    if user is None:
        return "The system"
    person = getattr(user, "person", None)
    return str(person) if person else user.get_username()
