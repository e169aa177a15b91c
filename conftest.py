"""Shared fixtures: one council with its scrutiny officer, two cabinet members (portfolios A and
B), a lead officer and a councillor; a second council whose officer must see none of the first's
records; and a plan awaiting response with recommendations in both portfolios."""

import datetime
import os

import pytest

from scraip.models import Person
from scraip.tests import factories as f

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls the tests
# make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture
def authority(db):
    return f.AuthorityFactory(name="Maidstone Borough Council", short_name="Maidstone")


@pytest.fixture
def other_authority(db):
    return f.AuthorityFactory(name="Swale Borough Council", short_name="Swale")


@pytest.fixture
def committee(authority):
    return f.CommitteeFactory(
        authority=authority, name="Strategic Leadership Overview and Scrutiny Committee"
    )


def _person_with_login(username, **kwargs):
    user = f.UserFactory(username=username)
    return f.PersonFactory(user=user, **kwargs)


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
    return f.PortfolioFactory(authority=authority, title="Leader of the Council")


@pytest.fixture
def portfolio_b(authority):
    return f.PortfolioFactory(authority=authority, title="Cabinet Member for Corporate Services")


@pytest.fixture
def cabinet_a(portfolio_a, authority):
    person = _person_with_login(
        "leader",
        name="Alice Leader",
        kind=Person.Kind.COUNCILLOR,
        authority=authority,
        political_group="Liberal Democrat",
    )
    f.PortfolioTermFactory(
        portfolio=portfolio_a, holder=person, starts_on=datetime.date(2020, 5, 1)
    )
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
    f.PortfolioTermFactory(
        portfolio=portfolio_b, holder=person, starts_on=datetime.date(2020, 5, 1)
    )
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
    return f.SentActionPlanFactory(
        authority=authority,
        committee=committee,
        title="Review of Partnerships",
        publication_date=datetime.date(2026, 9, 17),
    )


@pytest.fixture
def part_a(plan, portfolio_a):
    """Recommendation A (i), in the Leader's portfolio."""
    recommendation = f.RecommendationFactory(
        action_plan=plan,
        letter="A",
        position=1,
        portfolio=portfolio_a,
        text="That the council adopts a definition of a partnership.",
    )
    f.PartFactory(recommendation=recommendation, numeral="ii", position=2, text="Keep a database.")
    return f.PartFactory(recommendation=recommendation, numeral="i", position=1, text="Adopt it.")


@pytest.fixture
def part_b(plan, portfolio_b):
    """Recommendation G, answered as a whole, in portfolio B."""
    recommendation = f.RecommendationFactory(
        action_plan=plan,
        letter="G",
        position=2,
        portfolio=portfolio_b,
        text="That a partnerships web page be created.",
    )
    return f.PartFactory(recommendation=recommendation)


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """Hashing the personas' passwords with PBKDF2 would dominate the suite's run time."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
