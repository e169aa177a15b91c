"""`manage.py prune_submissions`: forget the one-time form tokens (scraip.common.idempotency)
used more than 30 days ago, so the table holds about a month of saves. Run it daily from cron."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from scraip.common import idempotency


class Command(BaseCommand):
    help = "Forget the one-time form tokens used more than --days days ago (30)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=idempotency.KEPT_FOR.days,
            help="keep the tokens of the last DAYS days (30)",
        )

    def handle(self, *args, **options):
        if options["days"] < 1:
            raise CommandError("--days must be 1 or more: a form just saved must stay saved once")
        forgotten = idempotency.prune(datetime.timedelta(days=options["days"]))
        self.stdout.write(f"Forgot {forgotten} form token{'s' if forgotten != 1 else ''}.")
