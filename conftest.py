"""Shared fixtures: one council with its scrutiny officer, two cabinet members (portfolios A and
B), a lead officer and a councillor; a second council whose officer must see none of the first's
records; a plan awaiting response with recommendations in both portfolios; the same plan
answered and ready to follow up (`followed`); and the browser the journeys drive."""

import datetime
import os
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from hypothesis import settings as hypothesis_settings

from scraip.councils.models import Meeting, Person
from scraip.councils.tests.factories import (
    AuthorityFactory,
    CommitteeFactory,
    MeetingFactory,
    PersonFactory,
    PortfolioFactory,
    PortfolioTermFactory,
    UserFactory,
)
from scraip.followup.models import FollowedPart
from scraip.plans.models import ActionPlan, RecommendationPart, ReportBack, Response
from scraip.plans.tests.factories import (
    PartFactory,
    RecommendationFactory,
    ResponseFactory,
    SentActionPlanFactory,
)

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls the tests
# make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property-based tests take their number of examples from a profile: CI runs `ci`
# (HYPOTHESIS_PROFILE=ci, set by .ci/run), a developer's run the quicker `dev`.
# No deadline: how long one example takes depends on what else the machine is doing, and speed
# is measured by the benchmark (`make bench`), not by tests that fail when a core is busy.
hypothesis_settings.register_profile("ci", max_examples=200, deadline=None)
hypothesis_settings.register_profile("dev", max_examples=40, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# Every test runs on this day, whatever the real date: no test depends on today's date. The clock
# ticks on from here, so timeouts and "a moment later" still work.
TODAY = datetime.date(2026, 11, 23)
NOW = datetime.datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/London"))


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """On PostgreSQL a statement kept waiting two minutes for a lock fails, naming itself,
    instead of holding the run until CI's deadline (no test waits anywhere near that long)."""
    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.postgresql":
        options = database.setdefault("OPTIONS", {})
        # Beside the settings' own (random_page_cost, parallel workers), not instead of them.
        options["options"] = f"{options.get('options', '')} -c lock_timeout=120s".strip()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """On PostgreSQL, no autovacuum in the test databases. The query-plan tests gather their
    statistics themselves (ANALYZE); a server's autovacuum analysing or vacuuming a table in the
    middle of one writes its own row counts into pg_class at once (not transactionally), and one
    PostgreSQL run in five then planned a scan the test forbids."""
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock(), connection.cursor() as cursor:
            for table in connection.introspection.table_names(cursor):
                cursor.execute(
                    f"ALTER TABLE {connection.ops.quote_name(table)} "
                    "SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)"
                )


@pytest.fixture(autouse=True)
def fixed_clock(request, settings):
    """Travel to 23 November 2026, 10am. The browser keeps the real clock, so in browser
    journeys the session and CSRF cookies carry no expiry date it could judge as past."""
    if request.node.get_closest_marker("browser"):
        settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
        settings.CSRF_COOKIE_AGE = None
    with time_machine.travel(NOW, tick=True):
        yield


@pytest.fixture
def authority(db):
    return AuthorityFactory(name="Maidstone Borough Council", short_name="Maidstone")


@pytest.fixture
def other_authority(db):
    return AuthorityFactory(name="Swale Borough Council", short_name="Swale")


@pytest.fixture
def committee(authority):
    return CommitteeFactory(
        authority=authority, name="Strategic Leadership Overview and Scrutiny Committee"
    )


def _person_with_login(username, **kwargs):
    user = UserFactory(username=username)
    return PersonFactory(user=user, **kwargs)


@pytest.fixture
def officer(authority):
    """A scrutiny officer of the council."""
    return _person_with_login(
        "officer",
        name="Olive Officer",
        kind=Person.Kind.OFFICER,
        authority=authority,
        job_title="Overview and Scrutiny Officer",
        in_scrutiny_team=True,
    ).user


@pytest.fixture
def lead_officer_person(authority):
    return _person_with_login(
        "lead",
        name="Liam Lead",
        kind=Person.Kind.OFFICER,
        authority=authority,
        job_title="Head of Policy",
    )


@pytest.fixture
def lead_officer(lead_officer_person):
    return lead_officer_person.user


@pytest.fixture
def portfolio_a(authority):
    return PortfolioFactory(authority=authority, title="Leader of the Council")


@pytest.fixture
def portfolio_b(authority):
    return PortfolioFactory(authority=authority, title="Cabinet Member for Corporate Services")


@pytest.fixture
def cabinet_a(portfolio_a, authority):
    person = _person_with_login(
        "leader",
        name="Alice Leader",
        kind=Person.Kind.COUNCILLOR,
        authority=authority,
        political_group="Liberal Democrat",
    )
    PortfolioTermFactory(portfolio=portfolio_a, holder=person, starts_on=datetime.date(2020, 5, 1))
    return person.user


@pytest.fixture
def cabinet_b(portfolio_b, authority):
    person = _person_with_login(
        "hooper",
        name="Bob Hooper",
        kind=Person.Kind.COUNCILLOR,
        authority=authority,
        political_group="Conservative",
    )
    PortfolioTermFactory(portfolio=portfolio_b, holder=person, starts_on=datetime.date(2020, 5, 1))
    return person.user


@pytest.fixture
def councillor(authority):
    return _person_with_login(
        "councillor",
        name="Carol Councillor",
        kind=Person.Kind.COUNCILLOR,
        authority=authority,
        political_group="Labour",
    ).user


@pytest.fixture
def other_officer(other_authority):
    return _person_with_login(
        "swale-officer",
        name="Sam Swale",
        kind=Person.Kind.OFFICER,
        authority=other_authority,
        in_scrutiny_team=True,
    ).user


@pytest.fixture
def plan(authority, committee):
    """Sent to the cabinet on 1 October 2026, so the response is due on 1 December 2026."""
    return SentActionPlanFactory(
        authority=authority,
        committee=committee,
        title="Review of Partnerships",
        publication_date=datetime.date(2026, 9, 17),
    )


@pytest.fixture
def part_a(plan, portfolio_a):
    """Recommendation A (i), in the Leader's portfolio."""
    recommendation = RecommendationFactory(
        action_plan=plan,
        letter="A",
        position=1,
        portfolio=portfolio_a,
        text="That the council adopts a definition of a partnership.",
    )
    PartFactory(recommendation=recommendation, numeral="ii", position=2, text="Keep a database.")
    return PartFactory(recommendation=recommendation, numeral="i", position=1, text="Adopt it.")


@pytest.fixture
def part_b(plan, portfolio_b):
    """Recommendation G, answered as a whole, in portfolio B."""
    recommendation = RecommendationFactory(
        action_plan=plan,
        letter="G",
        position=2,
        portfolio=portfolio_b,
        text="That a partnerships web page be created.",
    )
    return PartFactory(recommendation=recommendation)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing the personas' passwords with PBKDF2 would dominate the suite's run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# Follow-up: the plan answered and ready to follow up.

# Recommendation A (i) is accepted and A (ii) rejected; G (part_b) is accepted; both accepted
# items are led by Liam Lead (lead_officer). The committee meets on 14 January 2027, where the
# 1st report-back is due; the 2nd is due in June 2027 with no meeting yet.

MEETING_DAY = datetime.date(2027, 1, 14)


@dataclass
class Followed:
    plan: ActionPlan
    item_a: FollowedPart
    rejected: FollowedPart
    item_g: FollowedPart
    meeting: Meeting
    first: ReportBack
    second: ReportBack


@pytest.fixture
def followed(plan, part_a, part_b, committee, cabinet_a, cabinet_b, lead_officer_person, officer):
    rejected = RecommendationPart.objects.get(recommendation=part_a.recommendation, numeral="ii")
    for part, holder in ((part_a, cabinet_a), (part_b, cabinet_b)):
        ResponseFactory(
            part=part,
            lead_officer=lead_officer_person,
            responded_by=holder.person,
            entered_by=holder,
            action=f"Carry out {part}.",
            timetable=datetime.date(2027, 3, 1),
        )
    ResponseFactory(
        part=rejected,
        decision=Response.Decision.REJECTED,
        explanation="Not affordable.",
        action="",
        timetable=None,
        lead_officer=None,
        responded_by=cabinet_a.person,
        entered_by=cabinet_a,
    )
    plan.status = ActionPlan.Status.RESPONDED
    plan.save()
    meeting = MeetingFactory(committee=committee, date=MEETING_DAY, place="Town Hall")
    first = ReportBack.objects.create(
        action_plan=plan, sequence=1, due_on=MEETING_DAY, meeting=meeting
    )
    second = ReportBack.objects.create(
        action_plan=plan, sequence=2, due_on=datetime.date(2027, 6, 1)
    )
    tracked = FollowedPart.objects.in_bulk([part_a.pk, rejected.pk, part_b.pk])
    return Followed(
        plan, tracked[part_a.pk], tracked[rejected.pk], tracked[part_b.pk], meeting, first, second
    )


# Browser journeys: pytest-playwright drives Debian's Chromium, never a downloaded browser.

CHROMIUM = "/usr/bin/chromium"

# No sandbox because CI containers run as root; the rest keeps Chromium off the network so a test
# only ever talks to the live server.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def built_stylesheet():
    """axe judges contrast and focus on the page as styled, so the compiled CSS must exist."""
    stylesheet = Path(settings.BASE_DIR) / "static" / "dist" / "scraip.css"
    if not stylesheet.exists():
        pytest.fail(f"{stylesheet} is missing: run `npm run build` first", pytrace=False)
