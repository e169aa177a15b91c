"""The scrutiny officer's, cabinet member's and lead officer's dashboards."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scraip.followup.models import FollowedPart
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.followup.views.dashboards import LIST_PAGE
from scraip.plans.tests.factories import PartFactory, RecommendationFactory, SentActionPlanFactory

pytestmark = pytest.mark.django_db


def test_officer_dashboard_shows_responses_due_updates_owed_and_items_off_track(
    client, officer, committee, authority, followed
):
    today = timezone.localdate()
    soon = SentActionPlanFactory(
        authority=authority,
        committee=committee,
        title="Review of Parking",
        response_deadline=today + datetime.timedelta(days=10),
    )
    SentActionPlanFactory(
        authority=authority,
        committee=committee,
        title="Review of Libraries",
        response_deadline=today + datetime.timedelta(days=40),
    )
    ProgressUpdateFactory(subject=followed.item_a, report_back=followed.first, status="off_track")
    client.force_login(officer)
    page = client.get(reverse("followup:dashboard_officer")).content.decode()
    assert soon.title in page
    assert "Review of Libraries" not in page
    assert "14 January 2027" in page  # the committee's next meeting
    owed = page.split("Updates due before")[1].split("Items off track")[0]
    assert str(followed.item_g) in owed and str(followed.item_a) not in owed
    attention = page.split("Items off track or past their target date</h2>")[1]
    assert str(followed.item_a) in attention
    assert "<svg" in page


def test_cabinet_dashboard_shows_what_awaits_me_and_my_portfolios_items(
    client, cabinet_b, followed, authority, committee, portfolio_b
):
    sent = SentActionPlanFactory(authority=authority, committee=committee, title="Parking")
    awaiting = RecommendationFactory(action_plan=sent, portfolio=portfolio_b, letter="Z")
    PartFactory(recommendation=awaiting)
    client.force_login(cabinet_b)
    page = client.get(reverse("followup:dashboard_cabinet")).content.decode()
    awaiting_mine, mine = page.split("accepted items</h2>")
    assert "Recommendation Z" in awaiting_mine
    assert str(followed.item_g) in mine
    assert str(followed.item_a) not in mine  # portfolio A's
    assert "<svg" in page


def test_lead_officer_dashboard_lists_the_updates_i_owe(client, lead_officer, followed):
    ProgressUpdateFactory(subject=followed.item_a, report_back=followed.first)
    client.force_login(lead_officer)
    page = client.get(reverse("followup:dashboard_lead")).content.decode()
    owed = page.split("Updates I owe")[1].split("Off track")[0]
    assert str(followed.item_g) in owed and str(followed.item_a) not in owed
    assert "<svg" in page


def pages_said(html: str, label: str) -> tuple[int, int]:
    """The (page, pages) a list's page links print, found by the list's label."""
    nav = html.split(f'aria-label="Pages of {label}"')[1]
    number, of = nav.split("Page ")[1].split("</p>")[0].split(" of ")
    return int(number), int(of)


@pytest.mark.parametrize("followed_dataset", [200], indirect=True)  # lists longer than a page
def test_lists_told_their_totals_page_as_many_rows_as_their_filters_pick(
    client, officer, cabinet_a, authority, portfolio_a, followed_dataset
):
    """The officer's items needing attention and the cabinet member's items take their totals
    from the chart's query; their pages are those of the rows their own filters pick, and the
    last page holds the rest."""
    items = FollowedPart.objects.listed().of_authorities([authority.pk])
    attention = items.needing_attention().count()
    mine = FollowedPart.objects.listed().for_portfolios([portfolio_a.pk]).count()
    everything = items.count()
    # Fewer than every item but more than a page, so a wrong total would show.
    assert LIST_PAGE < attention < everything and LIST_PAGE < mine < everything
    for user, url, label, rows in (
        (officer, "dashboard_officer", "items off track or past their target date", attention),
        (cabinet_a, "dashboard_cabinet", "my portfolios' accepted items", mine),
    ):
        client.force_login(user)
        pages = -(-rows // LIST_PAGE)
        html = client.get(reverse(f"followup:{url}")).content.decode()
        assert pages_said(html, label) == (1, pages)
        param = "attention" if url == "dashboard_officer" else "items"
        last = client.get(reverse(f"followup:{url}"), {param: 99}).content.decode()
        assert pages_said(last, label) == (pages, pages)


def test_updates_due_before_a_meeting_stop_at_its_date(client, officer, followed):
    """The officer's dashboard lists under each committee's next meeting only the updates owed
    for a report-back due by that meeting's date (FollowedPart.first_owed_by_meetings); one due
    later is still owed, on the updates owed page, but not before this meeting."""
    client.force_login(officer)

    def before_meeting():
        page = client.get(reverse("followup:dashboard_officer")).content.decode()
        return page.split("Updates due before")[1].split("Items off track")[0]

    assert str(followed.item_g) in before_meeting()
    # The plan's next report-back moves to the day after the meeting (the kept next
    # report-back follows it: itemstate.NextReportBack).
    followed.first.due_on = followed.meeting.date + datetime.timedelta(days=1)
    followed.first.meeting = None
    followed.first.save()
    owed = before_meeting()
    assert str(followed.item_g) not in owed
    assert "Every update due before this meeting is in." in owed
    owed_page = client.get(reverse("followup:updates_owed")).content.decode()
    assert str(followed.item_g) in owed_page


@pytest.mark.parametrize(
    ("url", "user", "reads"),
    [
        ("dashboard_officer", "officer", "followup_partfacts"),
        ("dashboard_cabinet", "cabinet_b", "followup_partfacts"),
        ("dashboard_lead", "lead_officer", "plans_recommendationpart"),
    ],
)
def test_a_charts_count_reads_where_items_stand_and_nothing_a_row_prints(
    client, request, followed, url, user, reads
):
    """Each dashboard's chart is one grouped count. A council's or portfolios' items are counted
    from their kept rows (models.facts.PartFacts), joining nothing; a lead officer's, chosen by
    their responses, through FollowedPart.objects.tallied(): the items' kept state, without the
    plan's next report-back or the joins a row of a list prints."""
    client.force_login(request.getfixturevalue(user))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse(f"followup:{url}")).content.decode()
    counts = [q["sql"] for q in queries if 'AS "standing"' in q["sql"] and "GROUP BY" in q["sql"]]
    assert len(counts) == 1
    assert f'FROM "{reads}"' in counts[0]
    joined = ("followup_nextreportback", "councils_committee", "councils_person")
    if reads == "followup_partfacts":
        joined += ("plans_recommendationpart", "plans_actionplan", "followup_itemstate")
    for table in joined:
        assert f'"{table}"' not in counts[0]
    assert "<svg" in page
