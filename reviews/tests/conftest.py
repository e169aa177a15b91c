"""Fixtures for the reviews tests: the conftest councils (Maidstone, Swale) and Tunbridge Wells
share a joint review led by Maidstone; Kent takes no part in it.

Uploaded files go to a temporary folder, never the project's media folder.
"""

import datetime

import pytest

from reviews.models import Review
from reviews.tests.factories import ReviewFactory
from scraip.councils.models import Person
from scraip.councils.tests.factories import (
    AuthorityFactory,
    CommitteeFactory,
    CouncillorFactory,
    PersonFactory,
    UserFactory,
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def login(username, **kwargs):
    return PersonFactory(user=UserFactory(username=username), **kwargs)


@pytest.fixture
def tunbridge_wells(db):
    return AuthorityFactory(name="Tunbridge Wells Borough Council", short_name="Tunbridge Wells")


@pytest.fixture
def kent(db):
    return AuthorityFactory(name="Kent County Council", short_name="Kent")


@pytest.fixture
def swale_committee(other_authority):
    return CommitteeFactory(authority=other_authority, name="Scrutiny Committee")


@pytest.fixture
def tunbridge_wells_committee(tunbridge_wells):
    return CommitteeFactory(authority=tunbridge_wells, name="Overview and Scrutiny Committee")


@pytest.fixture
def joint_review(
    authority,
    other_authority,
    tunbridge_wells,
    committee,
    swale_committee,
    tunbridge_wells_committee,
):
    """Seed 002's shape: led by Maidstone, with Swale and Tunbridge Wells; reports in December."""
    return ReviewFactory(
        title="Governance of the Mid Kent shared services partnership",
        aim="To consider how the partnership's governance and communications should develop.",
        lead_authority=authority,
        participants=[other_authority, tunbridge_wells],
        committees=[committee, swale_committee, tunbridge_wells_committee],
        programme_year=2014,
        status=Review.Status.SCOPING,
        report_due_on=datetime.date(2014, 12, 1),
        report_due_precision="month",
        reports_to_description="Joint meeting of the three scrutiny committees",
    )


@pytest.fixture
def swale_councillor(other_authority):
    return login(
        "swale-councillor",
        name="Nina Pryce",
        kind=Person.Kind.COUNCILLOR,
        authority=other_authority,
        political_group="Conservative",
    ).user


@pytest.fixture
def tunbridge_wells_officer(tunbridge_wells):
    return login(
        "tw-officer",
        name="Owen Marsh",
        kind=Person.Kind.OFFICER,
        authority=tunbridge_wells,
        in_scrutiny_team=True,
    ).user


@pytest.fixture
def kent_officer(kent):
    return login(
        "kent-officer",
        name="Kate Lydden",
        kind=Person.Kind.OFFICER,
        authority=kent,
        in_scrutiny_team=True,
    ).user


@pytest.fixture
def scoped_review(
    joint_review, officer, other_officer, authority, other_authority, tunbridge_wells
):
    """The joint review scoped as seed 002 scopes it: members of each council with two Swale
    substitutes, officer support, five sessions in lettered parts, a members' survey and costs."""
    from decimal import Decimal

    from reviews.tests.factories import (
        ActivityFactory,
        ActivityPartFactory,
        CostItemFactory,
        ReviewMemberFactory,
        WitnessFactory,
    )

    def councillor(name, council, group):
        return CouncillorFactory(name=name, authority=council, political_group=group)

    chair = ReviewMemberFactory(
        review=joint_review,
        councillor=councillor("Ruth Ashdown", authority, "Conservative"),
        role="chair",
    )
    ReviewMemberFactory(
        review=joint_review, councillor=councillor("Kevin Doyle", authority, "Labour")
    )
    for name in ("Nina Pryce", "Graham Tilley"):
        ReviewMemberFactory(
            review=joint_review, councillor=councillor(name, other_authority, "Independent")
        )
    for name in ("Owen Harte", "Lisa Crane"):
        ReviewMemberFactory(
            review=joint_review,
            councillor=councillor(name, other_authority, "Independent"),
            role="substitute",
        )
    for name in ("Diane Fowler", "Sanjay Patel"):
        ReviewMemberFactory(
            review=joint_review, councillor=councillor(name, tunbridge_wells, "Green")
        )
    joint_review.lead_officer = officer.person
    joint_review.day_rate = Decimal("350")
    joint_review.save()
    joint_review.supporting_officers.add(other_officer.person)
    plan = [
        (datetime.date(2014, 9, 10), "day", "session", "", ["A", "B"]),
        (datetime.date(2014, 9, 11), "mid_late", "session", "", ["A", "B", "C"]),
        (datetime.date(2014, 10, 1), "month", "survey", "Members' survey", []),
        (datetime.date(2014, 10, 1), "month", "session", "", ["A", "B"]),
        (datetime.date(2014, 11, 1), "early", "session", "", ["A", "B"]),
        (datetime.date(2014, 11, 11), "mid_late", "session", "", []),
    ]
    for planned_on, precision, kind, title, letters in plan:
        activity = ActivityFactory(
            review=joint_review,
            planned_on=planned_on,
            planned_precision=precision,
            kind=kind,
            title=title,
        )
        for letter in letters:
            part = ActivityPartFactory(
                activity=activity,
                letter=letter,
                description=f"Evidence {letter} of {activity.planned_display}.",
                aim=f"Aim {letter} of {activity.planned_display}.",
            )
            WitnessFactory(part=part, person__name=f"Witness {letter} {planned_on:%d %m}")
    CostItemFactory(
        review=joint_review,
        activity="Supporting the group",
        support_days=Decimal("8"),
        shared=True,
        day_rate=None,
    )
    CostItemFactory(
        review=joint_review, activity="Giving evidence", support_days=Decimal("1.5"), day_rate=None
    )
    joint_review.chair = chair
    return joint_review
