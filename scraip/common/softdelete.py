"""Soft delete: removed from every page but kept, with its history, until restored."""

from django.db import models, transaction
from django.utils import timezone


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)


class SoftDeletable(models.Model):
    """Removed from every page but kept, with its history, until an officer restores it."""

    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class AliveManager(models.Manager):
    """The default manager of soft-deletable models: deleted rows are invisible to every page
    and to related managers (plan.recommendations); `all_objects` still reaches them."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


@transaction.atomic
def soft_delete(*, record) -> None:
    record.deleted_at = timezone.now()
    record.save(update_fields=["deleted_at"])


@transaction.atomic
def restore(*, record) -> None:
    record.deleted_at = None
    record.save(update_fields=["deleted_at"])
