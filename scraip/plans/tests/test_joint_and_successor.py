"""A plan can come from more than one committee, and report back to a successor committee's
meetings (issue 10.4): its report-backs may be heard by any of them, and their trackers follow
it up."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scraip.common.versioning import WorkflowError
from scraip.councils.models import Committee
from scraip.councils.tests.factories import CommitteeFactory, MeetingFactory
from scraip.followup.models import FollowedPart
from scraip.plans import services
from scraip.plans.models import ActionPlan

from .test_report_backs import rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def audit(authority):
    return CommitteeFactory(authority=authority, name="Audit Committee", short_name="AC")


def test_a_joint_report_reports_back_to_either_committee(client, officer, plan, audit, committee):
    client.force_login(officer)
    data = {
        "title": plan.title,
        "committee": committee.pk,
        "publication_date_0": "17",
        "publication_date_1": "5",
        "publication_date_2": "2007",
        "joint_committees": [audit.pk],
        "loaded_version": plan.version,
    }
    assert client.post(reverse("plans:plan_edit", args=[plan.pk]), data).status_code == 302
    plan = ActionPlan.objects.get(pk=plan.pk)
    assert list(plan.joint_committees.all()) == [audit]
    page = client.get(plan.get_absolute_url()).content.decode()
    assert f"{committee.name} jointly with Audit Committee" in page

    joint_meeting = MeetingFactory(committee=audit, date=datetime.date(2027, 2, 3))
    elsewhere = MeetingFactory(date=datetime.date(2027, 2, 4))
    url = reverse("plans:report_backs_edit", args=[plan.pk])
    form = client.get(url).context["formset"].forms[0]
    offered = dict(form.fields["meeting"].choices)
    assert offered[joint_meeting.pk] == "3 February 2027, AC, " + joint_meeting.place
    assert elsewhere.pk not in offered
    assert (
        client.post(url, rows("", **{"report_backs-0-meeting": joint_meeting.pk})).status_code
        == 302
    )
    assert plan.report_backs.get().meeting == joint_meeting


def test_a_joint_committee_must_be_of_the_same_council(plan, other_authority):
    foreign = CommitteeFactory(authority=other_authority)
    with pytest.raises(WorkflowError, match="same council"):
        services.action_plan_save(
            plan=plan, loaded_version=plan.version, joint_committees=[foreign]
        )
    assert not plan.joint_committees.exists()


def test_the_successor_of_an_abolished_committee_hears_its_report_backs(
    client, officer, followed, committee, authority
):
    """The plan's committee is abolished; the Scrutiny Management Board took over its work, and
    then the Overview Board took over that: each can hear the plan, and follows its items."""
    board = CommitteeFactory(authority=authority, name="Scrutiny Management Board")
    overview = CommitteeFactory(authority=authority, name="Overview Board")
    Committee.objects.filter(pk=committee.pk).update(
        abolished_on=datetime.date(2025, 5, 20), successor=board
    )
    Committee.objects.filter(pk=board.pk).update(
        abolished_on=datetime.date(2026, 5, 19), successor=overview
    )
    plan = ActionPlan.objects.get(pk=followed.plan.pk)
    assert plan.reports_back_to() == {committee.pk, board.pk, overview.pk}
    assert set(FollowedPart.objects.of_committee(overview).values_list("pk", flat=True)) == set(
        FollowedPart.objects.of_plan(plan).values_list("pk", flat=True)
    )
    assert not FollowedPart.objects.of_committee(CommitteeFactory(authority=authority)).exists()
    meeting = MeetingFactory(committee=overview, date=datetime.date(2027, 3, 3))
    client.force_login(officer)
    second = followed.second
    page = client.post(
        reverse("plans:report_backs_edit", args=[plan.pk]),
        rows(
            followed.first.due_display,
            "",
            initial=2,
            **{
                "report_backs-0-id": followed.first.pk,
                "report_backs-0-meeting": followed.first.meeting_id,
                "report_backs-1-id": second.pk,
                "report_backs-1-meeting": meeting.pk,
            },
        ),
    )
    assert page.status_code == 302, page.content.decode()[:3000]
    second.refresh_from_db()
    assert (second.meeting, second.due_on) == (meeting, datetime.date(2027, 3, 3))


def test_the_tracker_names_every_committee_of_a_joint_report(client, officer, followed, audit):
    services.action_plan_save(
        plan=followed.plan, loaded_version=followed.plan.version, joint_committees=[audit]
    )
    client.force_login(officer)
    export = client.get(reverse("followup:plan_tracker_export", args=[followed.plan.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    column = rows[0].index("Committee")
    assert {row[column] for row in rows[1:]} == {
        f"{followed.plan.committee.name} jointly with Audit Committee"
    }


def test_a_schedule_saved_reads_the_committees_it_reports_to_once(client, officer, plan):
    """Each report-back tied to a meeting checks the plan's committees: read once a save."""
    meetings = [
        MeetingFactory(committee=plan.committee, date=datetime.date(2027, month, 3))
        for month in (1, 2, 3)
    ]
    client.force_login(officer)
    data = rows("", "", "", **{f"report_backs-{n}-meeting": m.pk for n, m in enumerate(meetings)})
    with CaptureQueriesContext(connection) as queries:
        page = client.post(reverse("plans:report_backs_edit", args=[plan.pk]), data)
    assert page.status_code == 302
    joint = [q for q in queries.captured_queries if "joint_committees" in q["sql"]]
    assert len(joint) <= 2  # the page's own check, and the save's (a fresh plan instance)
    assert plan.report_backs.count() == 3
