"""Where an item stands, decided by the database (scraip.followup.models.state): its latest
update and verdict, closed or not, past its target, needing attention, owing an update for its
plan's next report-back; and the counts a chart draws."""

import datetime

import pytest

from scraip.common.fuzzydates import fill_period_ends
from scraip.common.softdelete import soft_delete
from scraip.councils.tests.factories import MeetingFactory
from scraip.followup.models import FollowedPart, Verdict
from scraip.followup.models.parts import awaiting_report_q, owes_update_q
from scraip.followup.models.state import STATE_FIELDS, attention_q, with_state
from scraip.followup.tests.factories import ProgressUpdateFactory, VerdictFactory
from scraip.plans.models import Response

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 23)


def state(item, today=TODAY) -> dict:
    return (
        FollowedPart.objects.filter(pk=item.pk)
        .with_state(today)
        .values(*STATE_FIELDS, "owes_update", "next_report_back_pk", "next_due")[0]
    )


def update(item, day, status, **kwargs):
    return ProgressUpdateFactory(
        subject=item, reported_on=datetime.date(2026, 11, day), status=status, **kwargs
    )


def test_an_item_without_updates_has_none_and_owes_one_for_the_next_report_back(followed):
    item = state(followed.item_g)
    assert (item["latest_update_pk"], item["latest_status"], item["standing"]) == (
        None,
        "",
        "no_update",
    )
    assert not item["closed"] and not item["past_target"] and not item["needs_attention"]
    assert item["owes_update"]
    assert (item["next_report_back_pk"], item["next_due"]) == (
        followed.first.pk,
        datetime.date(2027, 1, 14),
    )
    assert item["target_on"] == datetime.date(2027, 3, 1)
    assert item["target_by"] == datetime.date(2027, 3, 31)  # "March 2027"
    assert item["lead_pk"] == followed.item_g.progress_lead().pk


def test_the_latest_update_is_the_last_reported_and_a_deleted_one_does_not_count(followed):
    item = followed.item_g
    update(item, 10, "on_track")
    off_track = update(item, 12, "off_track")
    later_typed_earlier_day = update(item, 11, "implemented")
    assert state(item)["latest_update_pk"] == off_track.pk
    assert state(item)["latest_reported_on"] == datetime.date(2026, 11, 12)
    assert state(item)["standing"] == "off_track" and state(item)["needs_attention"]
    soft_delete(record=off_track)
    assert state(item)["latest_update_pk"] == later_typed_earlier_day.pk
    assert state(item)["latest_status"] == "implemented"


def test_closed_by_the_latest_verdict_by_meeting_date_not_by_entry(followed, officer):
    item = followed.item_g
    update(item, 1, "implemented", report_back=followed.first)
    earlier = MeetingFactory(committee=followed.plan.committee, date=datetime.date(2026, 11, 10))
    VerdictFactory(subject=item, meeting=followed.meeting, verdict=Verdict.Kind.CLOSED)
    VerdictFactory(subject=item, meeting=earlier, verdict=Verdict.Kind.SATISFIED)
    assert state(item)["closed"] and state(item)["standing"] == "closed"
    assert not state(item)["owes_update"]
    later = MeetingFactory(committee=followed.plan.committee, date=datetime.date(2027, 2, 1))
    VerdictFactory(
        subject=item,
        meeting=later,
        verdict=Verdict.Kind.NOT_SATISFIED,
        invited_back=Verdict.InvitedBack.LEAD_OFFICER,
    )
    reopened = state(item)
    assert not reopened["closed"] and reopened["standing"] == "implemented"


@pytest.mark.parametrize(
    ("status", "today", "past", "attention"),
    [
        # The target is "March 2027": not past until March is over.
        ("on_track", datetime.date(2027, 3, 2), False, False),
        ("on_track", datetime.date(2027, 3, 31), False, False),
        ("on_track", datetime.date(2027, 4, 1), True, True),
        ("implemented", datetime.date(2027, 4, 1), False, False),
        ("off_track", datetime.date(2026, 12, 1), False, True),  # not past, but off track
    ],
)
def test_past_target_and_needing_attention(followed, status, today, past, attention):
    update(followed.item_g, 1, status)
    item = state(followed.item_g, today)
    assert (item["past_target"], item["needs_attention"]) == (past, attention)


def test_an_update_for_the_next_report_back_pays_what_is_owed(followed):
    update(followed.item_g, 1, "on_track")  # not for a report-back
    assert state(followed.item_g)["owes_update"]
    update(followed.item_g, 2, "on_track", report_back=followed.first)
    assert not state(followed.item_g)["owes_update"]
    followed.first.completed = True
    followed.first.save()
    second = state(followed.item_g)
    assert second["owes_update"] and second["next_report_back_pk"] == followed.second.pk


def test_the_queryset_filters_agree_with_the_annotations(followed):
    update(followed.item_a, 1, "off_track")
    update(followed.item_g, 1, "on_track", report_back=followed.first)
    items = FollowedPart.objects.listed(TODAY)
    assert list(items.needing_attention(TODAY)) == [followed.item_a]
    assert list(items.owing_updates()) == [followed.item_a]
    assert items.standing_counts() == {"off_track": 1, "on_track": 1}
    # The chart's counts and a list's total in the same pass: as many as the list's own filter.
    owed = awaiting_report_q() & owes_update_q()
    assert items.counts(attention=attention_q(TODAY), owed=owed) == (
        {"off_track": 1, "on_track": 1},
        {"attention": 1, "owed": 1},
    )
    assert list(items.led_by(followed.item_a.progress_lead())) == [
        followed.item_a,
        followed.item_g,
    ]
    assert not items.of_authorities([]).exists()


def test_an_item_read_on_its_own_asks_the_database_and_is_never_stale(followed, officer):
    item = FollowedPart.objects.get(pk=followed.item_g.pk)
    assert not item.is_closed
    update(item, 1, "implemented", report_back=followed.first)
    VerdictFactory(subject=item, meeting=followed.meeting, verdict=Verdict.Kind.CLOSED)
    assert item.is_closed  # the same instance, asked again


def test_any_kind_of_tracked_item_gets_its_state(followed):
    """with_state reads only the tracked-item interface, so it serves every kind; here the
    generic part alone, without the plan's report-backs."""
    update(followed.item_a, 1, "off_track")
    row = with_state(FollowedPart.objects.filter(pk=followed.item_a.pk)).get()
    assert (row.standing, row.needs_attention, row.closed) == ("off_track", True, False)


def test_an_item_whose_response_is_deleted_is_no_longer_led_by_its_lead_officer(followed):
    lead = followed.item_a.progress_lead()
    soft_delete(record=followed.item_g.response)
    assert list(FollowedPart.objects.led_by(lead).order_by("pk")) == [followed.item_a]


@pytest.mark.parametrize(
    ("precision", "end", "last_day"),
    [
        ("day", None, datetime.date(2027, 3, 1)),
        ("early", None, datetime.date(2027, 3, 10)),
        ("quarter", None, datetime.date(2027, 5, 31)),  # Q4 2026/27 starts in March
        ("months", datetime.date(2027, 6, 30), datetime.date(2027, 6, 30)),  # March–June 2027
    ],
)
def test_a_vague_target_is_past_only_after_the_last_day_it_could_mean(
    followed, precision, end, last_day
):
    response = followed.item_g.response
    response.timetable_precision, response.timetable_end = precision, end
    response.save()
    assert state(followed.item_g)["target_by"] == last_day
    assert not state(followed.item_g, last_day)["past_target"]
    assert state(followed.item_g, last_day + datetime.timedelta(days=1))["past_target"]


def test_a_target_saved_before_ends_were_kept_is_past_after_its_first_day(followed):
    """A row the end was never filled for (written round the model) keeps the old reading."""
    Response.objects.filter(part=followed.item_g).update(timetable_end=None)
    assert state(followed.item_g)["target_by"] == datetime.date(2027, 3, 1)
    assert state(followed.item_g, datetime.date(2027, 3, 2))["past_target"]


def test_the_data_migration_keeps_the_end_a_row_saved_before_lacked(followed):
    """fill_period_ends, run by plans 0011 and partnerships 0004."""
    Response.objects.filter(part=followed.item_g).update(timetable_end=None)
    fill_period_ends(Response, *Response.TIMETABLE_FIELDS)
    assert state(followed.item_g)["target_by"] == datetime.date(2027, 3, 31)
    assert not state(followed.item_g, datetime.date(2027, 3, 2))["past_target"]
