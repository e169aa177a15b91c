"""History says who changed what, with no blank rows: a save that changed nothing a reader
cares about is left out, and a soft delete or restore reads as such."""

import pytest
from django.urls import reverse

from scraip.common.history import history_entries
from scraip.common.softdelete import restore, soft_delete

pytestmark = pytest.mark.django_db


def test_a_save_that_changed_nothing_shown_gives_no_row(plan):
    plan.save()  # a new history row differing in its timestamp only
    plan.save()
    entries = history_entries(plan)
    assert [entry.what for entry in entries] == ["Created"]


def test_deleting_and_restoring_read_as_such(part_b):
    recommendation = part_b.recommendation
    soft_delete(record=recommendation)
    restore(record=recommendation)
    entries = history_entries(recommendation)
    assert [entry.what for entry in entries] == ["Restored", "Deleted", "Created"]
    assert all(entry.changes == [] for entry in entries[:2])


def test_the_history_page_has_no_blank_changed_rows(client, officer, plan):
    plan.title = "Review of Partnerships (revised)"
    plan.save()
    plan.save()
    client.force_login(officer)
    page = client.get(reverse("plans:plan_history", args=[plan.pk])).content.decode()
    assert page.count(">Changed<") == 1
    assert "Review of Partnerships (revised)" in page
