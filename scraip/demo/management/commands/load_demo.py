"""Load demonstration data: Kent councils, their scrutiny committees and cabinets, people with
logins, action plans in several states with their follow-up, reviews and partnerships, and six
earlier years of Maidstone's plans, generated for its impact report (scraip.demo.history).

Running it again restores the demo to this script without duplicating anything (see
scraip.demo.councils.upsert); the generated years are made once, and a plan of theirs
deleted in the app comes back.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from scraip.demo import councils, followup, history, medway, partnerships, plans, reviews


class Command(BaseCommand):
    help = "Load (or restore) the demonstration councils, people, logins and action plans."

    def handle(self, *args, **options):
        with transaction.atomic():
            councils.load_users()
            councils.load_councils()
            councils.load_people()
            for plan in (plans.PARTNERSHIPS, *plans.recent_plans(timezone.localdate())):
                plans.load_plan(plan)
            reviews.load(self.stdout)
            followup.load(self.stdout)
            partnerships.load(self.stdout)
            medway.load(self.stdout)
            # Last: the generated people take names the hand-written demo has not.
            history.load(self.stdout)
        self.stdout.write(f"Demo loaded. Sign in with any of these (password {councils.PASSWORD}):")
        for login in councils.LOGINS:
            self.stdout.write(f"  {login.username} / {councils.PASSWORD} — {login.role}")
