"""`manage.py generate_data`: a network of councils generated from the project's own models.

A small network is generated and every row put through its model's own rules (full_clean:
clean() and the constraints), so the bulk inserts, which skip them for speed, cannot make data
the pages would refuse. The same seed gives the same records; a database holding other records
is refused unless told.
"""

import datetime
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.auth import authenticate, get_user_model
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from scraip.councils.models import Authority
from scraip.councils.tests.factories import AuthorityFactory
from scraip.demo.generate import settle
from scraip.demo.generate.councils import PASSWORD
from scraip.followup.models import PartFacts, ProgressUpdate, Verdict
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, ReportBack

pytestmark = pytest.mark.django_db

DAY = "2026-11-23"  # the suite's frozen day (conftest.py)
SMALL = ["--authorities=2", "--years=2", "--plans-per-year=3", f"--today={DAY}"]
APPS = ("councils", "plans", "followup", "reviews", "partnerships")


def generate(*args) -> str:
    out = StringIO()
    call_command("generate_data", *args, stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = [model for label in APPS for model in apps.get_app_config(label).get_models()]
    return {model._meta.label: model._base_manager.count() for model in models}


def test_a_small_network_has_every_kind_of_record(settings):
    output = generate(*SMALL)
    made = counts()
    assert made["councils.Authority"] == 2
    assert made["plans.ActionPlan"] == 2 * 2 * 3
    for label in (
        "councils.Meeting",
        "plans.Recommendation",
        "plans.RecommendationPart",
        "plans.Response",
        "plans.ReportBack",
        "followup.ProgressUpdate",
        "followup.Verdict",
        "followup.TargetDateChange",
        "reviews.Review",
        "reviews.Witness",
        "reviews.CostItem",
        "partnerships.Partnership",
        "partnerships.Outcome",
        "partnerships.Risk",
    ):
        assert made[label] > 0, label
    assert "Generated in" in output and "officer1" in output
    # The history pages have something to show: one "created" entry per record.
    assert Recommendation.history.count() == made["plans.Recommendation"]
    assert ProgressUpdate.history.count() == made["followup.ProgressUpdate"]


def test_every_generated_row_meets_its_models_rules():
    generate(*SMALL)
    checked = 0
    for label in APPS:
        for model in apps.get_app_config(label).get_models():
            if model._meta.model_name.startswith("historical"):
                continue  # the history of the rows checked, written by simple_history
            for row in model._base_manager.all():
                if isinstance(row, ProgressUpdate) and Verdict.objects.closing(row.item):
                    # An update recorded before the committee closed its item: the rule
                    # refuses new updates to a closed item, not its history.
                    continue
                try:
                    row.full_clean()
                except ValidationError as error:
                    pytest.fail(f"{model._meta.label} {row.pk}: {error.message_dict}")
                checked += 1
    assert checked > 2000


def test_the_follow_up_is_consistent():
    """Report-backs are tied to meetings of their plan's committee; a verdict follows an update
    reported by its meeting's date; a plan is closed only when every followed item is."""
    generate(*SMALL)
    for report_back in ReportBack.objects.filter(meeting__isnull=False).select_related(
        "meeting", "action_plan"
    ):
        assert report_back.meeting.committee_id == report_back.action_plan.committee_id
        assert report_back.due_on == report_back.meeting.date
    for verdict in Verdict.objects.select_related("meeting"):
        reported = ProgressUpdate.objects.for_subject(verdict.item)
        assert reported.filter(reported_on__lte=verdict.meeting.date).exists()
    for plan in ActionPlan.objects.filter(status=ActionPlan.Status.CLOSED):
        for part in RecommendationPart.objects.filter(recommendation__action_plan=plan):
            if part.is_trackable:
                assert Verdict.objects.closing(part) is not None


def test_the_generated_people_can_sign_in(rf):
    generate(*SMALL)
    for username in ("officer1", "leader1", "lead1", "councillor1", "officer2"):
        user = authenticate(rf.get("/"), username=username, password=PASSWORD)
        assert user is not None and user.person.authority.name.endswith("Council")
    assert get_user_model().objects.get(username="officer1").person.in_scrutiny_team


class Discard(Exception):
    """Raised to roll a generation back once its fingerprint is taken."""


def fingerprint(*args) -> list:
    rows: list = []
    try:
        with transaction.atomic():
            generate(*args)
            rows = list(
                Recommendation.objects.order_by("action_plan__publication_date", "pk").values_list(
                    "action_plan__title", "action_plan__publication_date", "letter", "text"
                )
            )
            rows += list(ProgressUpdate.objects.order_by("pk").values_list("status", "reported_on"))
            raise Discard
    except Discard:
        return rows


def test_the_same_seed_gives_the_same_records_and_another_seed_others():
    first = fingerprint(*SMALL)
    assert first and fingerprint(*SMALL) == first
    assert fingerprint(*SMALL, "--seed=7") != first


def test_a_database_holding_records_is_refused_unless_told():
    AuthorityFactory(name="Maidstone Borough Council")
    with pytest.raises(CommandError, match="already holds 1 councils"):
        generate(*SMALL)
    assert Authority.objects.count() == 1
    generate(*SMALL, "--force")
    assert Authority.objects.count() == 3


def test_sizes_must_be_at_least_one():
    with pytest.raises(CommandError, match="at least 1"):
        generate("--authorities=0")


def test_the_day_the_data_ends_on_is_today_unless_given():
    generate("--authorities=1", "--years=1", "--plans-per-year=2")
    latest = ActionPlan.objects.order_by("-publication_date").first().publication_date
    assert latest <= datetime.date(2026, 11, 23)


@pytest.mark.django_db(transaction=True)
def test_the_generated_database_is_left_vacuumed_as_a_live_one_is():
    """On PostgreSQL the generated tables come out vacuumed, as autovacuum keeps a live
    database, so the benchmark's plans (index-only scans among them) are those a council's
    database gets; inside a transaction, where VACUUM cannot run, the planner's statistics are
    still gathered."""
    AuthorityFactory.create_batch(3)
    with transaction.atomic():
        settle()  # ANALYZE only: no error inside a transaction
    if connection.vendor != "postgresql":
        return
    settle()
    with connection.cursor() as cursor:
        cursor.execute("SELECT relallvisible FROM pg_class WHERE relname = 'councils_authority'")
        assert cursor.fetchone()[0] > 0


def test_a_third_of_the_network_shares_its_impact_and_every_item_has_its_kept_row():
    """The network comparison is measured on figures: councils 1, 4, 7… share their impact
    report. The bulk inserts fire the database's triggers, so every answerable item of a sent
    plan has its kept row (followup.models.facts), as the impact report reads them."""
    generate("--authorities=4", "--years=1", "--plans-per-year=2", f"--today={DAY}")
    sharing = Authority.objects.order_by("pk").values_list("compares_impact", flat=True)
    assert list(sharing) == [True, False, False, True]
    sent = RecommendationPart.objects.exclude(recommendation__action_plan__status="draft")
    assert PartFacts.objects.count() == sent.count() > 0
