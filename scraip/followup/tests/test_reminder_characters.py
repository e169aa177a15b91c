"""Stored text can never break an email or a calendar: a plan title with a line break, Word's
manual line break, a control character, or an address no mail system takes."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from scraip.followup.ical import feed_calendar
from scraip.followup.models import CalendarFeed
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.plans.models import ActionPlan

pytestmark = pytest.mark.django_db

DEADLINE = datetime.date(2026, 12, 1)  # the conftest plan's response deadline
# (PostgreSQL cannot store a NUL at all: the request guard refuses one before it is saved.)
HOSTILE_TITLE = "Review of\r\nPartnerships\x0b\x07\u2028Bcc: everyone@example.com"


@pytest.fixture
def addresses(cabinet_a, cabinet_b, lead_officer_person):
    for person in (cabinet_a.person, cabinet_b.person, lead_officer_person):
        person.email = f"{person.user.username}@example.gov.uk"
        person.save()


def stored_as_is(plan, title):
    # Saved past the model's checks, as a row from before them would be.
    ActionPlan.all_objects.filter(pk=plan.pk).update(title=title)


def run(day: datetime.date) -> str:
    out = StringIO()
    call_command("send_reminders", date=day.isoformat(), stdout=out)
    return out.getvalue()


def test_a_title_with_line_breaks_still_gives_one_line_subjects(addresses, plan, part_a, part_b):
    stored_as_is(plan, HOSTILE_TITLE)
    assert run(DEADLINE - datetime.timedelta(days=7)).startswith("Sent 2 response reminders")
    for message in mail.outbox:
        message.message()  # builds the headers: a line break in one would raise here
        assert message.subject == "Response due: Review of Partnerships Bcc: everyone@example.com"
        assert message.recipients() == [message.to[0]]
        assert "\x07" not in message.body and "\x0b" not in message.body


def test_a_record_the_mail_system_refuses_is_skipped_and_the_rest_are_sent(
    addresses, cabinet_b, plan, part_a, part_b, caplog
):
    type(cabinet_b.person).objects.filter(pk=cabinet_b.person.pk).update(
        email="hooper@example.gov.uk\nBcc: everyone@example.com"
    )
    output = run(DEADLINE - datetime.timedelta(days=7))
    assert output.startswith("Sent 1 response reminder and")
    assert [message.to for message in mail.outbox] == [["leader@example.gov.uk"]]
    assert "Cllr Bob Hooper: could not be sent" in output
    assert "Reminder to Cllr Bob Hooper" in caplog.text
    # Not marked as sent: the next run tries again.
    assert run(DEADLINE - datetime.timedelta(days=7)).startswith("Sent 0 response reminders")
    assert "Cllr Bob Hooper: could not be sent" in run(DEADLINE - datetime.timedelta(days=7))


def test_asking_for_updates_works_with_a_title_on_two_lines(client, officer, addresses, followed):
    stored_as_is(followed.plan, HOSTILE_TITLE)
    client.force_login(officer)
    url = reverse("followup:meeting_request_updates", args=[followed.meeting.pk])
    page = client.post(url, follow=True)
    assert page.status_code == 200
    assert len(mail.outbox) == 1
    assert "Progress update due" in mail.outbox[0].subject
    assert "\n" not in mail.outbox[0].subject and "\x0b" not in mail.outbox[0].subject


def test_calendar_feeds_carry_no_control_characters(officer, followed):
    stored_as_is(followed.plan, HOSTILE_TITLE)
    ProgressUpdateFactory(subject=followed.item_a, report_back=followed.first)
    feed = CalendarFeed.objects.create(owner=officer, committee=followed.meeting.committee)
    body = feed_calendar(feed)
    assert b"\x07" not in body and b"\x0b" not in body
    for line in body.split(b"\r\n"):
        assert b"\n" not in line and b"\r" not in line
    assert b"SUMMARY:" in body
