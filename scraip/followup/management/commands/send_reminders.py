"""Email reminders of responses and progress updates falling due. Run it daily from cron:

    15 7 * * *  cd /srv/scraip && .venv/bin/python manage.py send_reminders

Running it more than once on a day sends nothing twice (see scraip.followup.reminders). Anyone
it could not email (no address, or a deactivated sign-in) is listed with the reason after the
count, so cron's mail of the output says who still needs chasing.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from scraip.followup import reminders


class Command(BaseCommand):
    help = (
        "Email cabinet members whose responses are due in 14, 7 or 0 days or overdue, and lead "
        "officers whose progress updates are due before a meeting. Safe to run more than once "
        "a day."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            help="Act as if today were this date (YYYY-MM-DD), to catch up after an outage.",
        )

    def handle(self, *args, date=None, **options):
        try:
            today = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError:
            raise CommandError("Give --date as YYYY-MM-DD, for example 2026-11-23.") from None
        responses, updates = reminders.send_all(today)
        self.stdout.write(
            f"Sent {responses.count} response reminder{'s' if responses.count != 1 else ''} and "
            f"{updates.count} update reminder{'s' if updates.count != 1 else ''} for "
            f"{today:%-d %B %Y}."
        )
        not_reached = responses.not_reached + updates.not_reached
        if not_reached:
            self.stdout.write(
                f"Not emailed ({len(not_reached)}): give them their reminder another way, or "
                "add their email address in the admin."
            )
            for entry in not_reached:
                self.stdout.write(f"- {entry}")
