"""What every app's factories share."""

import factory

from scraip.common.softdelete import soft_delete


class SoftDeletableFactory(factory.django.DjangoModelFactory):
    """A factory of a soft-deletable model: `deleted_at=<anything true>` creates the row and
    deletes it through the one soft-delete mechanism, with everything that depends on it."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, deleted_at=None, **kwargs):
        row = super()._create(model_class, *args, **kwargs)
        if deleted_at:
            soft_delete(record=row)
        return row
