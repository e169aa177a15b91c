"""Helpers the follow-up tests share (fixtures are in conftest.py)."""

from collections import Counter
from contextlib import contextmanager

from django.db.models.signals import post_init
from django.urls import reverse

from scraip.followup.progress import prefetch_progress


def add_url(item):
    return reverse("followup:progress_add", args=[item.pk])


def verdict_url(item, meeting):
    return reverse("followup:verdict_record", args=[item.pk, meeting.pk])


def fresh(item):
    """The item read again, with its progress prefetched."""
    return prefetch_progress(type(item).objects.filter(pk=item.pk)).get()


@contextmanager
def instances_built():
    """How many model instances of each model are built inside the block."""
    built = Counter()

    def count(sender, **kwargs):
        built[sender._meta.concrete_model._meta.label] += 1

    post_init.connect(count, weak=False)
    try:
        yield built
    finally:
        post_init.disconnect(count)
