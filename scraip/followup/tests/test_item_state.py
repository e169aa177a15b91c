"""The rows the database keeps (scraip.followup.models.itemstate): each item's latest update and
verdict, and each plan's next report-back. After every kind of write, by whatever path, they say
what the live records say, and the rebuild command writes the same rows again."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from safedelete import HARD_DELETE

from scraip.common.softdelete import restore, soft_delete
from scraip.councils.tests.factories import MeetingFactory
from scraip.followup.models import ItemState, NextReportBack, ProgressUpdate, Verdict
from scraip.followup.tests.factories import ProgressUpdateFactory, VerdictFactory
from scraip.plans.models import ReportBack

pytestmark = pytest.mark.django_db


def day(n: int) -> datetime.date:
    return datetime.date(2026, 11, n)


def expected(item) -> tuple:
    """What the item's records say, worked out in Python from scratch."""
    updates = sorted(ProgressUpdate.objects.for_subject(item), key=lambda u: (u.reported_on, u.pk))
    verdicts = sorted(
        Verdict.objects.for_subject(item).select_related("meeting"),
        key=lambda v: (v.meeting.date, v.pk),
    )
    latest, verdict = (updates or [None])[-1], (verdicts or [None])[-1]
    return (
        latest.pk if latest else None,
        latest.status if latest else "",
        latest.reported_on if latest else None,
        verdict.pk if verdict else None,
        verdict.verdict if verdict else "",
        verdict.meeting.date if verdict else None,
    )


def kept(item) -> tuple:
    row = ItemState.objects.filter(
        content_type=ContentType.objects.get_for_model(item), object_id=item.pk
    ).first()
    if row is None:
        return (None, "", None, None, "", None)
    return (
        row.latest_update_pk,
        row.latest_status,
        row.latest_reported_on,
        row.latest_verdict_pk,
        row.latest_verdict_kind,
        row.latest_verdict_on,
    )


def check(*items):
    for item in items:
        assert kept(item) == expected(item), item


def test_the_row_follows_updates_made_changed_deleted_restored_and_removed(followed):
    item = followed.item_g
    check(item)
    first = ProgressUpdateFactory(subject=item, reported_on=day(10), status="on_track")
    assert kept(item)[:3] == (first.pk, "on_track", day(10))
    later = ProgressUpdateFactory(subject=item, reported_on=day(12), status="off_track")
    ProgressUpdateFactory(subject=item, reported_on=day(11), status="implemented")
    assert kept(item)[0] == later.pk
    check(item)

    later.reported_on = day(9)  # corrected to an earlier day: no longer the latest
    later.save()
    assert kept(item)[1] == "implemented"
    check(item)

    soft_delete(record=first)
    check(item)
    restore(record=first)
    check(item)

    ProgressUpdate.all_objects.for_subject(item).delete(force_policy=HARD_DELETE)
    assert not ProgressUpdate.all_objects.for_subject(item).exists()  # gone, not soft-deleted
    assert kept(item) == (None, "", None, None, "", None)


def test_an_update_moved_to_another_item_changes_both_rows(followed):
    update = ProgressUpdateFactory(subject=followed.item_a, reported_on=day(10))
    ProgressUpdate.objects.filter(pk=update.pk).update(object_id=followed.item_g.pk)
    assert kept(followed.item_a)[0] is None
    assert kept(followed.item_g)[0] == update.pk
    check(followed.item_a, followed.item_g)


def test_the_latest_verdict_follows_its_meetings_dates(followed):
    item = followed.item_g
    earlier = MeetingFactory(committee=followed.meeting.committee, date=datetime.date(2026, 10, 1))
    at_the_meeting = VerdictFactory(subject=item, meeting=followed.meeting, verdict="closed")
    before = VerdictFactory(subject=item, meeting=earlier, verdict="satisfied")
    assert kept(item)[3:] == (at_the_meeting.pk, "closed", followed.meeting.date)

    earlier.date = datetime.date(2027, 2, 1)  # the earlier meeting moved after the other
    earlier.save()
    assert kept(item)[3:] == (before.pk, "satisfied", datetime.date(2027, 2, 1))
    check(item)

    soft_delete(record=before)
    assert kept(item)[3:] == (at_the_meeting.pk, "closed", followed.meeting.date)
    Verdict.objects.filter(pk=at_the_meeting.pk).update(verdict="satisfied")
    check(item)


def test_bulk_inserts_keep_the_rows_too(followed):
    """The tracker import, the demo and the data generator insert in bulk, with no save()."""
    content_type = ContentType.objects.get_for_model(followed.item_a)
    lead = followed.item_a.progress_lead()
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            content_type=content_type,
            object_id=item.pk,
            status="at_risk",
            narrative="Bulk.",
            reported_by=lead,
            entered_by=lead.user,
            reported_on=day(n),
        )
        for n, item in ((3, followed.item_a), (4, followed.item_g), (5, followed.item_a))
    )
    assert kept(followed.item_a)[2] == day(5)
    check(followed.item_a, followed.item_g)


def test_the_rebuild_writes_the_rows_the_triggers_kept(followed):
    for n, item in ((1, followed.item_a), (2, followed.item_g), (3, followed.item_g)):
        ProgressUpdateFactory(subject=item, reported_on=day(n))
    VerdictFactory(subject=followed.item_a, meeting=followed.meeting, verdict="closed")
    kept_rows = sorted(ItemState.objects.values_list("object_id", "latest_update_pk"))
    with connection.cursor() as cursor:  # a row gone wrong, as a dump without triggers leaves
        cursor.execute("UPDATE followup_itemstate SET latest_update_pk = NULL")
    call_command("rebuild_item_state", verbosity=0)
    assert sorted(ItemState.objects.values_list("object_id", "latest_update_pk")) == kept_rows
    check(followed.item_a, followed.item_g)


def next_kept(plan) -> tuple:
    row = NextReportBack.objects.filter(action_plan=plan).first()
    return (row.report_back_pk, row.due_on) if row else (None, None)


def next_expected(plan) -> tuple:
    first = ReportBack.objects.filter(action_plan=plan).still_due().order_by("sequence", "pk")
    first = first.first()
    return (first.pk, first.due_on) if first else (None, None)


def test_the_plans_next_report_back_follows_its_schedule(followed):
    plan = followed.plan
    assert next_kept(plan) == (followed.first.pk, followed.first.due_on)
    followed.first.completed = True
    followed.first.save()
    assert next_kept(plan) == (followed.second.pk, followed.second.due_on)
    ReportBack.objects.filter(pk=followed.second.pk).update(due_on=datetime.date(2027, 7, 1))
    assert next_kept(plan) == next_expected(plan) == (followed.second.pk, datetime.date(2027, 7, 1))
    soft_delete(record=followed.second)
    assert next_kept(plan) == (None, None)
    restore(record=followed.second)
    ReportBack.objects.filter(pk=followed.second.pk).update(cancelled=True)
    assert next_kept(plan) == next_expected(plan) == (None, None)
    third = ReportBack.objects.create(
        action_plan=plan, sequence=3, due_on=datetime.date(2027, 9, 1)
    )
    assert next_kept(plan) == (third.pk, third.due_on)
    ReportBack.objects.filter(pk=third.pk).delete(force_policy=HARD_DELETE)
    assert not ReportBack.all_objects.filter(pk=third.pk).exists()  # gone, not soft-deleted
    assert next_kept(plan) == next_expected(plan)


def test_the_rebuild_writes_each_plans_next_report_back(followed):
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM followup_nextreportback")
    assert next_kept(followed.plan) == (None, None)
    call_command("rebuild_item_state", verbosity=0)
    assert next_kept(followed.plan) == (followed.first.pk, followed.first.due_on)
