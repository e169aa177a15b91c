"""`manage.py run_pdf_jobs`: make the long PDFs people have asked for (scraip.common.pdfjobs).

Run it every minute from cron, or as a service with --forever. Several may run at once: each
job is claimed by one of them.
"""

import time

from django.core.management.base import BaseCommand

from scraip.common import pdfjobs


class Command(BaseCommand):
    help = "Make the PDFs waiting in the background queue, then stop (or wait for more)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--forever", action="store_true", help="keep running, checking for new jobs"
        )
        parser.add_argument(
            "--sleep", type=float, default=2.0, help="seconds between checks with --forever (2)"
        )

    def handle(self, *args, **options):
        while True:
            pdfjobs.tidy()
            made = pdfjobs.run_pending()
            if made:
                self.stdout.write(f"Made {made} PDF{'s' if made != 1 else ''}.")
            if not options["forever"]:
                return
            time.sleep(options["sleep"])
