"""Write every tracked item's kept state (scraip.followup.models.itemstate) again from its
progress updates and verdicts, then the impact report's row of each item of a sent plan
(scraip.followup.models.facts) from its records:

    .venv/bin/python manage.py rebuild_item_state

The database's triggers keep the rows in step on every write, so this is only needed after
loading data into a database that did not have them (a restored dump taken with triggers
disabled, say). It runs in one transaction and is safe to run at any time.
"""

from django.core.management.base import BaseCommand

from scraip.followup.models import rebuild_item_state, rebuild_part_facts


class Command(BaseCommand):
    help = (
        "Write every tracked item's latest update and verdict, and the impact report's facts of "
        "every item of a sent plan, again from the records."
    )

    def handle(self, *args, **options):
        rows = rebuild_item_state()
        self.stdout.write(f"Wrote the state of {rows:,} item{'s' if rows != 1 else ''}.")
        # After the state: each item's facts copy its latest update and verdict.
        facts = rebuild_part_facts()
        self.stdout.write(f"Wrote the facts of {facts:,} item{'s' if facts != 1 else ''}.")
