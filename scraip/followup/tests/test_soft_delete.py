"""What follow-up recorded about an item goes with it when it is deleted, and comes back when it
is restored: the updates, verdicts and target date changes of a deleted recommendation's parts
or of a deleted partnership outcome are on no page."""

import datetime

import pytest
from django.urls import reverse

from scraip.common.softdelete import restore, soft_delete
from scraip.followup import services
from scraip.followup.models import ProgressUpdate, TargetDateChange, Verdict
from scraip.followup.tests.factories import ProgressUpdateFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def recorded(officer, followed):
    """G and A (i) each with an update and a verdict at the meeting; G's target moved."""
    for item in (followed.item_g, followed.item_a):
        ProgressUpdateFactory(subject=item, report_back=followed.first)
        services.verdict_record(
            subject=item, meeting=followed.meeting, verdict="satisfied", recorded_by=officer
        )
    services.target_date_change(
        subject=followed.item_g,
        new_date=datetime.date(2027, 9, 1),
        new_precision="month",
        reason="Awaiting Cabinet",
        changed_by=officer,
        loaded_version=followed.item_g.response.version,
    )
    return followed


def counts() -> tuple[int, int, int]:
    return (
        ProgressUpdate.objects.count(),
        Verdict.objects.count(),
        TargetDateChange.objects.count(),
    )


def test_deleting_a_recommendation_hides_what_was_recorded_about_its_parts(
    client, councillor, recorded
):
    assert counts() == (2, 2, 1)
    soft_delete(record=recorded.item_g.recommendation)
    assert counts() == (1, 1, 0)  # A (i)'s are left
    assert ProgressUpdate.all_objects.count() == 2
    client.force_login(councillor)
    page = client.get(recorded.meeting.get_absolute_url()).content.decode()
    assert f'id="item-{recorded.item_g.pk}"' not in page
    assert "1 item" in page


def test_restoring_it_brings_back_what_went_with_it_and_nothing_else(officer, recorded):
    own = ProgressUpdateFactory(subject=recorded.item_g, reported_on=datetime.date(2026, 11, 1))
    soft_delete(record=own)  # deleted on its own, before the recommendation
    recommendation = recorded.item_g.recommendation
    soft_delete(record=recommendation)
    restore(record=recommendation)
    assert counts() == (2, 2, 1)
    assert ProgressUpdate.deleted_objects.get() == own


def test_deleting_a_plan_hides_what_was_recorded_about_every_part(recorded):
    soft_delete(record=recorded.plan)
    assert counts() == (0, 0, 0)
    restore(record=recorded.plan)
    assert counts() == (2, 2, 1)


def test_a_deleted_update_is_on_no_page_and_cannot_be_corrected(client, officer, recorded):
    update = ProgressUpdate.objects.for_subject(recorded.item_g).get()
    soft_delete(record=update)
    client.force_login(officer)
    page = client.get(reverse("followup:progress_item", args=[recorded.item_g.pk]))
    assert update.narrative not in page.content.decode()
    assert client.get(reverse("followup:progress_edit", args=[update.pk])).status_code == 404
