"""Inserting generated rows in bulk, with their history where the model keeps one."""

import datetime

from simple_history.utils import bulk_create_with_history

BATCH = 2000


def has_history(model) -> bool:
    return hasattr(model._meta, "simple_history_manager_attribute")


def insert(model, rows: list, *, on: datetime.date | None = None, by=None) -> list:
    """Insert `rows` (unsaved instances of `model`) and return them with their ids. A model with
    simple_history gets one "created" history row per record, dated `on` (or each row's own
    `_history_date`) and attributed to `by`, as if it had been entered that day."""
    if not rows:
        return rows
    if has_history(model):
        date = _as_datetime(on) if on else None
        return bulk_create_with_history(
            rows, model, batch_size=BATCH, default_user=by, default_date=date
        )
    return model.objects.bulk_create(rows, batch_size=BATCH)


def _as_datetime(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(9, 0), tzinfo=datetime.UTC)


def history_dated(row, day: datetime.date):
    """Date a row's "created" history entry on the day it was entered."""
    row._history_date = _as_datetime(day)
    return row
