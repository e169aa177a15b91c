"""Council administrators: Maidstone's (`council_admin`) and Swale's (`other_admin`), who must
reach none of Maidstone's setup pages."""

import pytest

from scraip.councils.models import Person
from scraip.councils.tests.factories import PersonFactory, UserFactory


@pytest.fixture
def council_admin(authority):
    user = UserFactory(username="setup")
    PersonFactory(
        user=user,
        name="Sue Setup",
        kind=Person.Kind.OFFICER,
        authority=authority,
        job_title="Democratic Services Manager",
        email="sue.setup@example.gov.uk",
        is_council_admin=True,
    )
    return user


@pytest.fixture
def other_admin(other_authority):
    user = UserFactory(username="swale-setup")
    PersonFactory(
        user=user,
        name="Simon Swale",
        kind=Person.Kind.OFFICER,
        authority=other_authority,
        is_council_admin=True,
    )
    return user
