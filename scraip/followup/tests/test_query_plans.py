"""On PostgreSQL, the follow-up pages' queries use the indexes: with a network of a few thousand
items and their history, and statistics gathered by ANALYZE as the server's autovacuum would
(not `enable_seqscan = off`), EXPLAIN shows every query reaching its rows through an index, and
every lookup of an item's updates, verdicts, target date changes and report-backs an index seek
rather than a scan of the whole table. SQLite has no comparable planner output: skipped there.

A query may still hash a small whole table (the councils, or the plans of the network) when
the planner judges that cheaper; what must not happen is reading every update or verdict."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scraip.councils.models import Meeting, Person, Portfolio
from scraip.councils.tests.factories import AuthorityFactory, CommitteeFactory, OfficerFactory
from scraip.followup.models import ProgressUpdate, TargetDateChange, Verdict
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, ReportBack, Response

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN plans are PostgreSQL's"),
]

COUNCILS, PLANS, ITEMS = 12, 12, 12  # 1,728 items; four updates and three verdicts each
RECORD_TABLES = {"followup_progressupdate", "followup_verdict", "followup_targetdatechange"}
INDEXED = ("Index Scan", "Index Only Scan", "Bitmap Index Scan")


def _council(authority, holder, lead, officer, part_type, number):
    """A council's plans, each reporting back at three meetings, with a history on every item."""
    committee = CommitteeFactory(authority=authority, name=f"Scrutiny Committee {number}")
    portfolio = Portfolio.objects.create(authority=authority, title=f"Portfolio {number}")
    meetings = Meeting.objects.bulk_create(
        Meeting(committee=committee, date=datetime.date(2026, month, 10), status="held")
        for month in (3, 6, 9)
    )
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            authority=authority,
            committee=committee,
            title=f"Review {number}.{n}",
            publication_date=datetime.date(2025, 1 + n % 12, 1),
            status=ActionPlan.Status.RESPONDED,
        )
        for n in range(PLANS)
    )
    report_backs = ReportBack.objects.bulk_create(
        ReportBack(
            action_plan=plan,
            sequence=n + 1,
            due_on=meeting.date,
            meeting=meeting,
            completed=n < 2,
        )
        for plan in plans
        for n, meeting in enumerate(meetings)
    )
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(
            action_plan=plan, letter=f"R{n}", position=n, text="Do.", portfolio=portfolio
        )
        for plan in plans
        for n in range(ITEMS)
    )
    parts = RecommendationPart.objects.bulk_create(
        RecommendationPart(recommendation=r) for r in recommendations
    )
    Response.objects.bulk_create(
        Response(
            part=part,
            decision="accepted" if n % 7 else "rejected",
            explanation="Because.",
            action="Do it." if n % 7 else "",
            timetable=datetime.date(2026, 1 + n % 12, 1) if n % 7 else None,
            lead_officer=lead if n % 7 else None,
            responded_by=holder,
            entered_by=officer,
            responded_on=datetime.date(2025, 3, 1),
        )
        for n, part in enumerate(parts)
    )
    about = [(part_type, part.pk) for part in parts]
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            content_type=kind,
            object_id=pk,
            # Every other item has no update yet for the 3rd report-back: it is owed.
            report_back=report_backs[(n // ITEMS) * 3 + min(step, 1 + n % 2)],
            status=("on_track", "at_risk", "off_track", "implemented")[(n + step) % 4],
            narrative="Going.",
            reported_by=lead,
            entered_by=officer,
            reported_on=datetime.date(2026, 2 + 2 * step, 1),
        )
        for n, (kind, pk) in enumerate(about)
        for step in range(4)
    )
    Verdict.objects.bulk_create(
        Verdict(
            content_type=kind,
            object_id=pk,
            meeting=meeting,
            verdict=("satisfied", "closed", "satisfied")[(n + step) % 3],
            recorded_by=officer,
        )
        for n, (kind, pk) in enumerate(about)
        for step, meeting in enumerate(meetings)
    )
    TargetDateChange.objects.bulk_create(
        TargetDateChange(
            content_type=kind,
            object_id=pk,
            new_date=datetime.date(2027, 1, 1),
            new_precision="month",
            reason="Budget.",
            changed_by=officer,
        )
        for kind, pk in about[::5]
    )
    # Plans still awaiting the cabinet's response, past their deadline: no response to any part.
    waiting = ActionPlan.objects.bulk_create(
        ActionPlan(
            authority=authority,
            committee=committee,
            title=f"Awaited {number}.{n}",
            publication_date=datetime.date(2026, 8, 1),
            response_deadline=datetime.date(2026, 10, 1),
            status=ActionPlan.Status.AWAITING_RESPONSE,
        )
        for n in range(2)
    )
    RecommendationPart.objects.bulk_create(
        RecommendationPart(recommendation=r)
        for r in Recommendation.objects.bulk_create(
            Recommendation(
                action_plan=plan, letter=f"R{n}", position=n, text="Do.", portfolio=portfolio
            )
            for plan in waiting
            for n in range(ITEMS)
        )
    )
    return portfolio


@pytest.fixture
def network(authority, officer, cabinet_a, lead_officer_person, portfolio_a):
    part_type = ContentType.objects.get_for_model(RecommendationPart)
    for number in range(COUNCILS):
        council = authority if number == 0 else AuthorityFactory(name=f"Council {number}")
        lead = lead_officer_person if number == 0 else OfficerFactory(authority=council)
        holder = (
            cabinet_a.person
            if number == 0
            else Person.objects.create(
                name=f"Holder {number}", kind="councillor", authority=council
            )
        )
        portfolio = _council(council, holder, lead, officer, part_type, number)
        if number == 0:
            Recommendation.objects.filter(portfolio=portfolio).update(portfolio=portfolio_a)
    with connection.cursor() as cursor:
        # What autovacuum does; VACUUM (which marks pages all-visible, for index-only scans)
        # only outside a transaction: in the tests that run without one.
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
    return Meeting.objects.filter(committee__authority=authority).order_by("date").last()


def plan_of(sql: str) -> list[tuple[str, str | None]]:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
        root = cursor.fetchone()[0][0]["Plan"]
    nodes, stack = [], [root]
    while stack:
        node = stack.pop()
        nodes.append((node["Node Type"], node.get("Relation Name")))
        stack.extend(node.get("Plans", []))
    return nodes


PAGES = [
    ("followup:dashboard_officer", False, "officer"),
    ("followup:dashboard_cabinet", False, "cabinet_a"),
    ("followup:dashboard_lead", False, "lead_officer"),
    ("followup:updates_owed", False, "officer"),
    ("followup:updates_owed", False, "lead_officer"),
    ("followup:meeting_detail", True, "officer"),
    ("followup:meeting_pack", True, "officer"),
]


@pytest.mark.parametrize(("route", "at_meeting", "persona"), PAGES)
def test_every_query_of_the_page_uses_an_index(
    request, client, network, route, at_meeting, persona
):
    client.force_login(request.getfixturevalue(persona))
    url = reverse(route, args=[network.pk] if at_meeting else [])
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    explained = 0
    for query in queries.captured_queries:
        sql = query["sql"]
        if not sql.startswith("SELECT") or not any(
            f'"{table}"' in sql for table in ("plans_recommendationpart", *RECORD_TABLES)
        ):
            continue  # the session, the user, the page header
        nodes = plan_of(sql)
        scanned = {table for kind, table in nodes if kind == "Seq Scan"}
        assert any(kind in INDEXED for kind, _ in nodes), sql[:300]
        assert not scanned & RECORD_TABLES, (scanned & RECORD_TABLES, sql[:300])
        explained += 1
    assert explained >= 2  # the page's own queries were looked at


# Lists and dashboards that start from the user's council, portfolios or responses: they must
# reach the recommendations and their parts through an index, never read every one of them.
PART_TABLES = {"plans_recommendation", "plans_recommendationpart"}
LISTS = [
    ("plans:recommendation_list", "?overdue=true", "officer"),
    ("plans:awaiting_response", "", "cabinet_a"),
    ("followup:dashboard_cabinet", "", "cabinet_a"),
    ("followup:dashboard_lead", "", "lead_officer"),
]


CROWD = 100  # plans of 100 recommendations: over 10,000 recommendations and parts in all


@pytest.fixture
def crowded(network):
    """The network and a council of 10,000 recommendations in 40,000 parts, in a portfolio
    nobody here holds (the proportions of the generated network, where a council's or a
    person's rows are a few hundred of tens of thousands: with fewer the planner rightly reads
    a table of a few pages whole), vacuumed as autovacuum would, so that index-only scans are
    priced as they run."""
    council = AuthorityFactory(name="Crowded Council")
    committee = CommitteeFactory(authority=council, name="Crowded Scrutiny")
    portfolio = Portfolio.objects.create(authority=council, title="Crowded Portfolio")
    plans = ActionPlan.objects.bulk_create(
        ActionPlan(
            authority=council,
            committee=committee,
            title=f"Crowded {n}",
            publication_date=datetime.date(2024, 1 + n % 12, 1),
            status=ActionPlan.Status.RESPONDED,
        )
        for n in range(CROWD)
    )
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(action_plan=plan, letter=f"R{n}", position=n, portfolio=portfolio)
        for plan in plans
        for n in range(100)
    )
    RecommendationPart.objects.bulk_create(
        RecommendationPart(recommendation=r, numeral=numeral, position=n, text="Do this part.")
        for r in recommendations
        for n, numeral in enumerate(("i", "ii", "iii", "iv"))
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return network


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("route", "query", "persona"), LISTS)
def test_lists_reach_recommendations_through_an_index(
    request, client, crowded, route, query, persona
):
    client.force_login(request.getfixturevalue(persona))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse(route) + query)
    assert response.status_code == 200
    explained = 0
    for captured in queries.captured_queries:
        sql = captured["sql"]
        if not sql.startswith("SELECT") or '"plans_recommendationpart"' not in sql:
            continue
        scanned = {table for kind, table in plan_of(sql) if kind == "Seq Scan"}
        assert not scanned & (PART_TABLES | RECORD_TABLES), (scanned, sql[:300])
        explained += 1
    assert explained >= 1
