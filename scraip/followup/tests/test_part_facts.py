"""The impact report's kept rows (scraip.followup.models.facts): after every kind of write, by
whatever path, each sent plan's live items have a row saying what their records say (read
through the joins the pages read them by), and no other item has one; the rebuild writes the
same rows again."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from safedelete import HARD_DELETE

from scraip.common.softdelete import restore, soft_delete
from scraip.councils.tests.factories import CommitteeFactory, MeetingFactory, PortfolioFactory
from scraip.followup.models import FollowedPart, PartFacts
from scraip.followup.models.state import with_state
from scraip.followup.tests.factories import ProgressUpdateFactory, VerdictFactory
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, Response
from scraip.plans.tests.factories import PartFactory, RecommendationFactory

pytestmark = pytest.mark.django_db

FIELDS = (
    "authority_id",
    "committee_id",
    "portfolio_id",
    "municipal_year",
    "decision",
    "responded_on",
    "response_deadline",
    "received_on",
    "target_by",
    "latest_status",
    "latest_verdict_kind",
    "latest_verdict_on",
)
PLAN = "recommendation__action_plan__"


def from_records() -> dict[int, tuple]:
    """Each item of a sent plan, read through its recommendation, plan, response and kept state,
    as the pages read it."""
    items = with_state(FollowedPart.objects.exclude(**{f"{PLAN}status": ActionPlan.Status.DRAFT}))
    rows = items.annotate(
        authority_id=F(f"{PLAN}authority"),
        committee_id=F(f"{PLAN}committee"),
        portfolio_id=F("recommendation__portfolio"),
        municipal_year=F(f"{PLAN}municipal_year"),
        decision=F("response__decision"),
        responded_on=F("response__responded_on"),
        response_deadline=F(f"{PLAN}response_deadline"),
        received_on=F(f"{PLAN}received_on"),
    ).values_list("pk", *FIELDS)
    return {pk: (*values[:4], values[4] or "", *values[5:]) for pk, *values in rows}


def kept() -> dict[int, tuple]:
    return {pk: tuple(values) for pk, *values in PartFacts.objects.values_list("pk", *FIELDS)}


def check():
    assert kept() == from_records()


def test_the_rows_follow_answers_plans_recommendations_and_parts(followed, authority):
    plan, part_a = followed.plan, followed.item_a
    check()
    assert len(kept()) == 3  # the three answerable items of the responded plan
    response = Response.objects.get(part=part_a)
    response.decision = Response.Decision.PARTIALLY_ACCEPTED
    response.timetable_end = datetime.date(2027, 3, 31)
    response.save()
    check()
    plan.received_on = datetime.date(2026, 9, 20)
    plan.response_deadline = datetime.date(2026, 11, 20)
    plan.municipal_year = 2025
    plan.committee = CommitteeFactory(authority=authority, name="Another Committee")
    plan.save()
    check()
    recommendation = Recommendation.objects.get(pk=part_a.recommendation_id)
    recommendation.portfolio = PortfolioFactory(authority=authority)
    recommendation.save()
    check()
    added = PartFactory(recommendation=RecommendationFactory(action_plan=plan, letter="Q"))
    check()
    assert added.pk in kept() and kept()[added.pk][4] == ""  # awaiting its answer
    soft_delete(record=RecommendationPart.objects.get(pk=added.pk))
    check()
    assert added.pk not in kept()
    restore(record=RecommendationPart.all_objects.get(pk=added.pk))
    check()
    Response.objects.filter(part=part_a).delete(force_policy=HARD_DELETE)
    check()
    RecommendationPart.objects.get(pk=added.pk).delete(force_policy=HARD_DELETE)
    check()
    assert added.pk not in kept()


def test_a_plan_in_draft_has_no_rows_and_gains_them_when_sent(followed):
    plan = followed.plan
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.DRAFT)
    check()
    assert kept() == {}
    ActionPlan.objects.filter(pk=plan.pk).update(status=ActionPlan.Status.RESPONDED)
    check()
    assert len(kept()) == 3


def test_the_rows_follow_updates_verdicts_and_meeting_dates(followed, committee):
    item = followed.item_a
    update = ProgressUpdateFactory(subject=item, report_back=followed.first, status="off_track")
    check()
    assert kept()[item.pk][9] == "off_track"
    verdict = VerdictFactory(subject=item, meeting=followed.meeting, verdict="closed")
    check()
    assert kept()[item.pk][10] == "closed"
    followed.meeting.date = datetime.date(2027, 2, 1)
    followed.meeting.save()
    check()
    later = MeetingFactory(committee=committee, date=datetime.date(2027, 4, 1))
    verdict.meeting = later
    verdict.save()
    check()
    soft_delete(record=verdict)
    check()
    update.delete(force_policy=HARD_DELETE)
    check()


def test_bulk_writes_keep_the_rows_too(followed):
    """The tracker import and the data generator write in bulk: the triggers fire all the same."""
    plan = followed.plan
    recommendation = RecommendationFactory(action_plan=plan, letter="Z")
    parts = RecommendationPart.objects.bulk_create(
        RecommendationPart(
            recommendation=recommendation, numeral=numeral, text=f"Part {numeral}.", position=n
        )
        for n, numeral in enumerate(("i", "ii"))
    )
    Response.objects.bulk_create(
        Response(
            part=part,
            decision=Response.Decision.REJECTED,
            explanation="No.",
            responded_on=datetime.date(2026, 10, 1),
            responded_by=followed.item_a.response.responded_by,
            entered_by=followed.item_a.response.entered_by,
        )
        for part in parts
    )
    check()
    assert {part.pk for part in parts} <= set(kept())


def test_the_rebuild_writes_the_rows_the_triggers_kept(followed):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first, status="on_track")
    before = kept()
    PartFacts.objects.all().delete()
    call_command("rebuild_item_state", stdout=io.StringIO())
    assert kept() == before == from_records()


def test_one_statement_changing_many_rows_keeps_every_row(followed, authority):
    """Updates of many rows in one statement (a queryset's update, as the admin and the import
    make), whether or not they change what the rows copy."""
    plan = followed.plan
    portfolio = PortfolioFactory(authority=authority)
    Recommendation.objects.filter(action_plan=plan).update(portfolio=portfolio)
    check()
    ActionPlan.objects.filter(authority=authority).update(municipal_year=2024)
    check()
    assert {row[3] for row in kept().values()} == {2024}
    RecommendationPart.objects.filter(recommendation__action_plan=plan).update(
        position=F("position") + 1
    )
    check()
    Response.objects.filter(part__recommendation__action_plan=plan).update(
        decision=Response.Decision.ACCEPTED
    )
    check()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite has no statement triggers")
def test_postgresql_rewrites_a_bulk_insert_in_one_statement(followed):
    """A bulk insert of many parts, then of their answers, runs each kept-rows trigger once, not
    once per row (its transition table holds them all), and every row is written."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL track_functions = 'pl'")
    recommendation = RecommendationFactory(action_plan=followed.plan, letter="Y")
    parts = RecommendationPart.objects.bulk_create(
        RecommendationPart(
            recommendation=recommendation, numeral=str(n), text="A part.", position=n
        )
        for n in range(40)
    )
    Response.objects.bulk_create(
        Response(
            part=part,
            decision=Response.Decision.ACCEPTED,
            explanation="Yes.",
            responded_on=datetime.date(2026, 10, 1),
            responded_by=followed.item_a.response.responded_by,
            entered_by=followed.item_a.response.entered_by,
        )
        for part in parts
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT funcname, calls FROM pg_stat_xact_user_functions "
            "WHERE funcname IN ('partfacts_part_insert', 'partfacts_response_insert')"
        )
        calls = dict(cursor.fetchall())
    assert calls == {"partfacts_part_insert": 1, "partfacts_response_insert": 1}
    check()
    assert {part.pk for part in parts} <= set(kept())
