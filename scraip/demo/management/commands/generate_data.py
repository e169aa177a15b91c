"""`manage.py generate_data`: a generated network of councils, for benchmarks and trying SCRAIP
at scale. See scraip.demo.generate."""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from scraip.councils.models import Authority
from scraip.demo.generate import Size, generate
from scraip.demo.generate.councils import PASSWORD
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, ReportBack


class Command(BaseCommand):
    help = (
        "Generate councils with years of action plans, follow-up, reviews and partnerships "
        "(14 councils x 10 years: about 4,000 plans and 50,000 recommendations)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--authorities", type=int, default=14, help="councils (14)")
        parser.add_argument("--years", type=int, default=10, help="years of records (10)")
        parser.add_argument(
            "--plans-per-year", type=int, default=29, help="action plans a council a year (29)"
        )
        parser.add_argument("--seed", type=int, default=2026, help="the same seed, the same data")
        parser.add_argument(
            "--today",
            type=datetime.date.fromisoformat,
            default=None,
            help="the day the data ends on, YYYY-MM-DD (today)",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="add to a database that already holds records (it refuses otherwise)",
        )

    def handle(self, *args, **options):
        size = Size(
            authorities=options["authorities"],
            years=options["years"],
            plans_per_year=options["plans_per_year"],
            seed=options["seed"],
        )
        if min(size.authorities, size.years, size.plans_per_year) < 1:
            raise CommandError("--authorities, --years and --plans-per-year must be at least 1.")
        held = Authority.objects.count() + get_user_model().objects.count()
        if held and not options["force"]:
            raise CommandError(
                f"This database already holds {Authority.objects.count()} councils and "
                f"{get_user_model().objects.count()} sign-ins. generate_data is for an empty "
                "database: migrate a new one (for example DATABASE_URL=sqlite:////tmp/big.sqlite3) "
                "and run it there, or pass --force to add the generated councils to these."
            )
        today = options["today"] or timezone.localdate()
        self.stdout.write(f"Generating {size.describe()}, up to {today:%-d %B %Y}.")
        counts = generate(size, today=today, log=self.stdout.write)
        for model in (ActionPlan, Recommendation, RecommendationPart, ReportBack):
            counts[model._meta.verbose_name_plural] = model.objects.count()
        for label in ("councils.Meeting", "plans.Response", "reviews.Witness"):
            model = apps.get_model(label)
            counts[model._meta.verbose_name_plural] = model.objects.count()
        for name, count in sorted(counts.items()):
            self.stdout.write(f"  {name}: {count:,}")
        self.stdout.write(
            f"Sign in as officer1, leader1, lead1 or councillor1 (and …2, …3 for the other "
            f"councils), password {PASSWORD}."
        )
