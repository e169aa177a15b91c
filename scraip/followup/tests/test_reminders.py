"""send_reminders: cabinet members chased at 14, 7 and 0 days and when overdue, lead officers
before the meeting their update is due at; never twice for the same reminder."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from scraip.followup.models import ReminderSent
from scraip.followup.reminders import update_reminders
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.followup.tests.helpers import instances_built
from scraip.plans.models import ActionPlan, Addressee, ReportBack
from scraip.plans.tests.factories import (
    PartFactory,
    RecommendationFactory,
    ResponseFactory,
    SentActionPlanFactory,
)

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 12, 1)  # the conftest plan's response deadline


@pytest.fixture
def addresses(cabinet_a, cabinet_b, lead_officer_person):
    for person in (cabinet_a.person, cabinet_b.person, lead_officer_person):
        person.email = f"{person.user.username}@example.gov.uk"
        person.save()


def run(day: datetime.date) -> str:
    out = StringIO()
    call_command("send_reminders", date=day.isoformat(), stdout=out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("days_before", "subject"),
    [(14, "Response due"), (7, "Response due"), (0, "Response due"), (-1, "Response overdue")],
)
def test_cabinet_member_is_reminded_at_each_stage_once(
    addresses, part_a, part_b, days_before, subject
):
    day = DEADLINE - datetime.timedelta(days=days_before)
    assert run(day).startswith("Sent 2 response reminders")
    assert run(day).startswith("Sent 0 response reminders")
    assert sorted(message.to[0] for message in mail.outbox) == [
        "hooper@example.gov.uk",
        "leader@example.gov.uk",
    ]
    leader = next(message for message in mail.outbox if message.to == ["leader@example.gov.uk"])
    assert leader.subject == f"{subject}: Review of Partnerships"
    assert "Recommendation A (i)" in leader.body and "Recommendation G" not in leader.body


def test_a_stage_is_not_sent_again_on_a_later_day_and_overdue_repeats_weekly(addresses, part_a):
    run(DEADLINE - datetime.timedelta(days=10))  # the 14-day stage
    run(DEADLINE - datetime.timedelta(days=9))
    assert len(mail.outbox) == 1
    for day in range(1, 16):
        run(DEADLINE + datetime.timedelta(days=day))
    overdue_days = [
        reminder.sent_on.day for reminder in ReminderSent.objects.filter(kind="response_overdue")
    ]
    assert overdue_days == [2, 9, 16]


def test_no_reminder_outside_the_stages_or_once_answered(addresses, part_a, followed):
    assert run(DEADLINE - datetime.timedelta(days=20)).startswith("Sent 0 response")
    assert mail.outbox == []


def test_lead_officer_is_reminded_of_updates_due_before_the_meeting_once(addresses, followed):
    day = followed.meeting.date - datetime.timedelta(days=10)
    assert "and 1 update reminder" in run(day)
    assert "and 0 update reminders" in run(day)
    message = mail.outbox[0]
    assert message.to == ["lead@example.gov.uk"]
    assert message.subject == "Progress update due by 14 January 2027: Review of Partnerships"
    assert reverse("followup:progress_add", args=[followed.item_g.pk]) in message.body
    assert "and 1 update reminder" in run(followed.meeting.date - datetime.timedelta(days=5))


def test_no_update_reminder_once_the_update_is_in(addresses, followed):
    for item in (followed.item_a, followed.item_g):
        ProgressUpdateFactory(subject=item, report_back=followed.first)
    assert "and 0 update reminders" in run(followed.meeting.date - datetime.timedelta(days=3))


def test_officer_asks_for_updates_from_the_meeting_page_once_a_day(
    client, officer, addresses, followed
):
    client.force_login(officer)
    url = reverse("followup:meeting_request_updates", args=[followed.meeting.pk])
    client.post(url)
    page = client.post(url, follow=True).content.decode()
    assert "Nobody was emailed: everyone who owes an update was asked today already." in page
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lead@example.gov.uk"]


def test_bad_date_is_refused(db):
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        call_command("send_reminders", date="31/02/2027")


# Nobody is skipped silently (issue 12.2).


def test_asking_for_updates_says_who_has_no_email_address(client, officer, followed):
    client.force_login(officer)
    url = reverse("followup:meeting_request_updates", args=[followed.meeting.pk])
    page = client.post(url, follow=True).content.decode()
    assert "Could not email Liam Lead: no email address." in page
    assert "Nobody was emailed" not in page
    assert mail.outbox == []


def test_a_lead_officer_who_has_left_is_named_as_left(client, officer, addresses, followed):
    user = followed.item_g.progress_lead().user
    user.is_active = False
    user.save()
    client.force_login(officer)
    url = reverse("followup:meeting_request_updates", args=[followed.meeting.pk])
    page = client.post(url, follow=True).content.decode()
    assert "Could not email Liam Lead: left the council (their sign-in is deactivated)." in page
    assert mail.outbox == []


def test_nobody_is_emailed_when_every_update_is_in(client, officer, addresses, followed):
    for item in (followed.item_a, followed.item_g):
        ProgressUpdateFactory(subject=item, report_back=followed.first)
    client.force_login(officer)
    url = reverse("followup:meeting_request_updates", args=[followed.meeting.pk])
    page = client.post(url, follow=True).content.decode()
    assert "Nobody was emailed: every update due at this meeting is in." in page


def test_send_reminders_lists_whom_it_could_not_email_and_why(part_a, part_b, followed):
    output = run(followed.meeting.date - datetime.timedelta(days=10))
    assert output.startswith("Sent 0 response reminders and 0 update reminders")
    assert "Not emailed (1):" in output
    assert "- Liam Lead: no email address (asked for updates on “Review of Partnerships”)" in (
        output
    )


def test_a_cabinet_member_without_an_address_is_named(cabinet_a, part_a):
    output = run(DEADLINE - datetime.timedelta(days=7))
    assert "Not emailed (1):" in output
    assert "- Cllr Alice Leader: no email address (asked for the response to" in output


def test_the_officers_dashboard_lists_people_with_work_due_and_no_email(
    client, officer, followed, portfolio_b, authority, committee
):
    plan = SentActionPlanFactory(authority=authority, committee=committee, title="Parking")
    PartFactory(recommendation=RecommendationFactory(action_plan=plan, portfolio=portfolio_b))
    client.force_login(officer)
    page = client.get(reverse("followup:dashboard_officer")).content.decode()
    section = page.split("People who cannot be emailed</h2>")[1]
    assert "Liam Lead" in section and "2 updates owed" in section
    assert "Cllr Bob Hooper" in section and "1 response awaited" in section
    assert "No email address" in section


def test_the_dashboard_lists_nobody_when_everyone_can_be_emailed(
    client, officer, addresses, followed
):
    client.force_login(officer)
    page = client.get(reverse("followup:dashboard_officer")).content.decode()
    assert "Everyone with work due can be emailed." in page


# Only open work in a bounded window is read, however long the history.


@pytest.fixture(params=[2, 20], ids=lambda size: f"{size}-old-plans")
def history(request, followed, authority, committee, portfolio_a, lead_officer_person, officer):
    """Old plans whose report-backs are all behind them, their items answered and followed."""
    for number in range(request.param):
        plan = SentActionPlanFactory(
            authority=authority,
            committee=committee,
            title=f"Old review {number}",
            status=ActionPlan.Status.RESPONDED,
        )
        part = PartFactory(
            recommendation=RecommendationFactory(action_plan=plan, portfolio=portfolio_a)
        )
        ResponseFactory(part=part, lead_officer=lead_officer_person, entered_by=officer)
        ReportBack.objects.create(
            action_plan=plan, sequence=1, due_on=datetime.date(2016, 5, 1), completed=True
        )
    return request.param


def test_reminders_read_the_same_rows_whatever_the_history(addresses, followed, history):
    day = followed.meeting.date - datetime.timedelta(days=10)
    with instances_built() as built, CaptureQueriesContext(connection) as queries:
        reminders = update_reminders(day)
    assert [(reminder.recipient.name, reminder.kind) for reminder in reminders] == [
        ("Liam Lead", "update_due_14")
    ]
    assert built["plans.RecommendationPart"] == 2  # the two items owing an update
    assert len(queries) == 3  # the items owing; their supporting officers; their report-backs


def test_a_response_overdue_for_over_a_year_is_left_to_the_officers(addresses, part_a):
    assert "Sent 1 response reminder" in run(DEADLINE + datetime.timedelta(days=300))
    assert "Sent 0 response reminders" in run(DEADLINE + datetime.timedelta(days=400))


def test_an_officer_addressed_by_name_without_an_address_is_named_with_what_they_owe(
    client, officer, followed, lead_officer_person, authority, committee
):
    """A recommendation addressed to an officer by name awaits their response: the dashboard
    counts it beside the updates they owe as a lead officer. The candidates are found in one
    query that reads the recommendations addressed by name once, not again for every person of
    the council (a correlated EXISTS, which SQLite answered by walking every awaiting plan once
    per person)."""
    plan = SentActionPlanFactory(authority=authority, committee=committee, title="Parking")
    PartFactory(
        recommendation=RecommendationFactory(
            action_plan=plan,
            portfolio=None,
            addressed_to=Addressee.OFFICER,
            addressee_officer=lead_officer_person,
        )
    )
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("followup:dashboard_officer")).content.decode()
    section = page.split("People who cannot be emailed</h2>")[1]
    assert "Liam Lead" in section
    assert "2 updates owed" in section and "1 response awaited" in section
    candidates = [q["sql"] for q in queries if q["sql"].startswith('SELECT "councils_person"')]
    named = [sql for sql in candidates if "addressee_officer_id" in sql]
    assert len(named) == 1
    assert '"addressee_officer_id" = ("councils_person"."id")' not in named[0]
