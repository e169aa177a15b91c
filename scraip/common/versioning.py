"""Optimistic locking: an edit saves only if nobody saved the record since the form was loaded.

`Versioned` carries the version; `save_versioned` moves it on; `StaleEdit` says someone else
was first. `WorkflowError` is a rule of a workflow refusing a change, with a message fit to
show the user.
"""

from django.db import models
from django.db.models import F


class Versioned(models.Model):
    """Carries the version an edit form was loaded at, so a stale save is refused.

    `save_versioned` moves the number on; nothing else writes it.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class WorkflowError(Exception):
    """A rule of the workflow refused the change; the message is fit to show the user."""


class StaleEdit(Exception):
    """Someone saved the record after this form was loaded; nothing was written."""

    def __init__(self, current):
        super().__init__("This record was changed by someone else after you opened it.")
        self.current = current


def save_versioned(instance, *, loaded_version: int | None) -> None:
    """Save an edit only if the row still has the version the form was loaded at.

    The conditional UPDATE takes the row lock, so of several people saving the same version at
    once exactly one moves it on; the others match no row and get StaleEdit. A new record
    (no pk yet) has nothing to conflict with.
    """
    if instance.pk is None:
        instance.save()
        return
    model = type(instance)
    claimed = model._base_manager.filter(pk=instance.pk, version=loaded_version).update(
        version=F("version") + 1
    )
    if not claimed:
        raise StaleEdit(model._base_manager.get(pk=instance.pk))
    instance.version = loaded_version + 1
    instance.save()
