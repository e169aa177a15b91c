"""Soft delete, one mechanism for every app: django-safedelete.

A soft-deletable model inherits `SoftDeletable`. Its default manager (`objects`) and every
related manager (`plan.recommendations`) hide deleted rows, so no read has to remember a
filter; `all_objects` and `deleted_objects` reach them on purpose (the "Deleted items" pages,
restoring). Deleting a row soft-deletes, with it, every soft-deletable row that depends on it
(its sub-parts, its updates…); restoring it brings back exactly those, and not a child that was
deleted on its own before.

Rows that hang on a record through a generic relation the record's own model does not declare
(progress updates of a recommendation part, which the follow-up app adds) are named to the
mechanism with `cascade_to`, so a lower app need not know the higher one.

Delete and restore only through `soft_delete` and `restore`: they run in one transaction and
take the dependents along.
"""

from collections import Counter
from collections.abc import Callable, Iterable

from django.db import transaction
from django.db.models import Q
from safedelete.config import DELETED_BY_CASCADE_FIELD_NAME, SOFT_DELETE, SOFT_DELETE_CASCADE
from safedelete.managers import SafeDeleteAllManager, SafeDeleteDeletedManager, SafeDeleteManager
from safedelete.models import SafeDeleteModel
from safedelete.queryset import SafeDeleteQueryset
from safedelete.utils import related_objects

# safedelete's field is named by the SAFE_DELETE_FIELD_NAME setting: "deleted_at" here.


# The condition of a unique constraint that binds only rows not deleted, so that a deleted row
# gives up its letter, its year or its place: `UniqueConstraint(..., condition=NOT_DELETED)`.
NOT_DELETED = Q(deleted_at__isnull=True)


def live_through(relation: str) -> Q:
    """The row reached through `relation` (a join in a filter, e.g. "response") is not deleted:
    related lookups in a filter() do not pass through the related model's manager."""
    return Q(**{f"{relation}__deleted_at__isnull": True})


class SoftDeleteQuerySet(SafeDeleteQueryset):
    """Base of the QuerySet of every soft-deletable model; add the model's own reads to it."""

    def latest_deleted_first(self):
        """For the "Deleted items" pages."""
        return self.order_by("-deleted_at")


def live_rows(queryset: type = SoftDeleteQuerySet):
    """The default manager: rows not deleted, with the QuerySet's own methods."""
    return SafeDeleteManager.from_queryset(queryset)()


def all_rows(queryset: type = SoftDeleteQuerySet):
    """Deleted rows as well, for pages that must reach them (restoring, history)."""
    return SafeDeleteAllManager.from_queryset(queryset)()


def deleted_rows(queryset: type = SoftDeleteQuerySet):
    """Only the deleted rows: the "Deleted items" pages."""
    return SafeDeleteDeletedManager.from_queryset(queryset)()


class SoftDeletable(SafeDeleteModel):
    """Removed from every page but kept, with its history, until an officer restores it.

    A subclass with its own QuerySet declares its managers from it:

        objects = live_rows(ActionPlanQuerySet)
        all_objects = all_rows(ActionPlanQuerySet)
        deleted_objects = deleted_rows(ActionPlanQuerySet)
    """

    _safedelete_policy = SOFT_DELETE_CASCADE

    objects = live_rows()
    all_objects = all_rows()
    deleted_objects = deleted_rows()

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def soft_delete_cascade_policy_action(self, **kwargs) -> tuple[int, dict[str, int]]:
        """Mark this row and every soft-deletable row that depends on it as deleted, and write
        nothing else. safedelete's own version also applies the SET_NULL of foreign keys that
        point here, and refuses rows that PROTECT ones point at, as a real delete would: a soft
        delete destroys nothing, so the links of the rows pointing here must survive it, or
        restoring would bring back a record its references had forgotten."""
        deleted: Counter = Counter()
        for row in related_objects(self):
            if isinstance(row, SafeDeleteModel) and not row.deleted_at:
                deleted.update(row.delete(force_policy=SOFT_DELETE, is_cascade=True, **kwargs)[1])
        deleted.update(self._delete(force_policy=SOFT_DELETE, **kwargs)[1])
        return sum(deleted.values()), dict(deleted)


# model -> functions giving, for some of its rows, the rows that go and come back with them.
_dependents: dict[type, list[Callable[[Iterable], Iterable[SoftDeletable]]]] = {}


def cascade_to(model: type, dependents: Callable[[Iterable], Iterable[SoftDeletable]]) -> None:
    """Declare rows that a generic relation hangs on `model`'s rows: `dependents(rows)` gives
    those of the rows given (deleted and not), to be deleted and restored with them."""
    _dependents.setdefault(model, []).append(dependents)


def _extra_dependents(rows: list) -> list[SoftDeletable]:
    found = []
    for model, functions in _dependents.items():
        matching = [row for row in rows if isinstance(row, model)]
        for function in functions if matching else ():
            found.extend(function(matching))
    return found


def _with_cascade(record) -> list:
    """The record and every row deleted with it (as safedelete collects them)."""
    return [record, *related_objects(record)]


@transaction.atomic
def soft_delete(*, record: SoftDeletable) -> None:
    """Soft-delete the record and everything that depends on it."""
    record.delete()
    rows = _with_cascade(record)
    for dependent in _extra_dependents(rows):
        if not dependent.is_deleted:
            dependent.delete(is_cascade=True)


@transaction.atomic
def restore(*, record: SoftDeletable) -> None:
    """Bring the record back with what was deleted because it was, and nothing else."""
    record.undelete()
    rows = _with_cascade(record)
    for dependent in _extra_dependents(rows):
        if dependent.is_deleted and getattr(dependent, DELETED_BY_CASCADE_FIELD_NAME):
            dependent.undelete()
