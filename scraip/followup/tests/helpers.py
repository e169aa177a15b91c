"""Helpers the follow-up tests share (fixtures are in conftest.py)."""

from django.urls import reverse

from scraip.followup.progress import prefetch_progress


def add_url(item):
    return reverse("followup:progress_add", args=[item.pk])


def verdict_url(item, meeting):
    return reverse("followup:verdict_record", args=[item.pk, meeting.pk])


def fresh(item):
    """The item read again, with its progress prefetched."""
    return prefetch_progress(type(item).objects.filter(pk=item.pk)).get()
