"""send_reminders: cabinet members chased at 14, 7 and 0 days and when overdue, lead officers
before the meeting their update is due at; never twice for the same reminder."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from scraip.followup.models import ReminderSent
from scraip.followup.tests.factories import ProgressUpdateFactory

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
    assert "Nobody was emailed" in page
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["lead@example.gov.uk"]


def test_bad_date_is_refused(db):
    with pytest.raises(Exception, match="YYYY-MM-DD"):
        call_command("send_reminders", date="31/02/2027")
