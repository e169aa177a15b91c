"""A proposal like another council's recent or running review is flagged; unrelated ones are not.

The same pairs run on whichever database the suite uses: PostgreSQL's full-text search, or the
Python fallback on SQLite (see reviews/similarity.py).
"""

import datetime

import pytest
from django.db import connection

from reviews.models import Review
from reviews.similarity import SIMILAR_AT, jaccard, significant_words, similar_reviews, stem
from reviews.tests.factories import ReviewFactory
from scraip.councils.tests.factories import AuthorityFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 10, 1)

# Reviews on other councils' work programmes.
EXISTING = {
    "shared services": (
        "Swale",
        "Governance and communication of the Mid Kent shared services partnership",
        "To consider how the shared services partnership's governance arrangements should be "
        "taken forward and how a communications plan for the partnership should be developed.",
    ),
    "fly-tipping": (
        "Tunbridge Wells",
        "Fly-tipping and enforcement",
        "To examine how fly-tipping is reported, cleared and prosecuted across the borough.",
    ),
    "coastal health": (
        "Kent",
        "Health inequalities in coastal towns",
        "To understand why life expectancy is lower in coastal towns and what the NHS and the "
        "council can do about it.",
    ),
    "partnerships": (
        "Ashford",
        "Review of Partnerships",
        "To establish what counts as a partnership, which partnerships matter most, and what "
        "time and money the council gives them.",
    ),
}

# Maidstone's proposals: each is a near-duplicate of one existing review, or of none.
PROPOSALS = [
    pytest.param(
        "Shared services governance",
        "To look at how decisions about shared services are governed and communicated to "
        "members and residents.",
        "shared services",
        id="shared-services",
    ),
    pytest.param(
        "Partnership working",
        "Which partnerships the council belongs to, what it contributes to them in time and "
        "money, and what they achieve.",
        "partnerships",
        id="partnerships",
    ),
    pytest.param(
        "Tackling fly-tipping",
        "How the council deals with fly-tipping: reporting, clearing it up and prosecuting "
        "offenders.",
        "fly-tipping",
        id="fly-tipping",
    ),
    pytest.param(
        "Affordable housing delivery",
        "To examine why the number of affordable homes built has fallen short of the target.",
        None,
        id="unrelated-housing",
    ),
    pytest.param(
        "Parking enforcement in town centres",
        "Whether civil parking enforcement in the town centres is fair and consistent.",
        None,
        id="unrelated-parking-shares-one-word",
    ),
    pytest.param(
        "Residents' communications",
        "How the council communicates with residents about changes to services, online and "
        "in print.",
        None,
        id="unrelated-communications-shares-two-words",
    ),
]


@pytest.fixture
def maidstone():
    return AuthorityFactory(name="Maidstone Borough Council")


@pytest.fixture
def existing(maidstone):
    reviews = {}
    for key, (council, title, aim) in EXISTING.items():
        authority = AuthorityFactory(name=f"{council} Borough Council")
        reviews[key] = ReviewFactory(
            title=title, aim=aim, lead_authority=authority, programme_year=2025
        )
    return reviews


def find(title, aim, lead_authority, **kwargs):
    return similar_reviews(
        title=title, aim=aim, lead_authority=lead_authority, today=TODAY, **kwargs
    )


@pytest.mark.parametrize(("title", "aim", "expected"), PROPOSALS)
def test_near_duplicates_are_found_and_unrelated_reviews_are_not(
    maidstone, existing, title, aim, expected
):
    matches = find(title, aim, maidstone)
    found = [match.review for match in matches]
    assert found == ([existing[expected]] if expected else []), [
        (m.review.title, round(m.score, 3)) for m in matches
    ]
    assert all(match.score >= SIMILAR_AT for match in matches)


def test_the_backend_in_use_is_the_databases_own(maidstone, existing):
    """On PostgreSQL the words are PostgreSQL's stems: "governed" meets "governance"."""
    matches = find("Governed shared services", "", maidstone)
    assert [match.review for match in matches] == [existing["shared services"]]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_tsvector('english', 'governed governance')::text")
            assert cursor.fetchone()[0] == "'govern':1,2"


def test_an_identical_review_scores_one(maidstone, existing):
    _, title, aim = EXISTING["fly-tipping"]
    (match,) = find(title, aim, maidstone)
    assert match.score == pytest.approx(1.0)


def test_the_proposing_councils_own_reviews_are_not_flagged(maidstone):
    ReviewFactory(
        title="Tackling fly-tipping",
        aim="Fly-tipping reports and clearance.",
        lead_authority=maidstone,
    )
    assert find("Tackling fly-tipping", "Fly-tipping reports and clearance.", maidstone) == []


def test_a_review_being_edited_is_not_its_own_duplicate(existing):
    review = existing["fly-tipping"]
    other = AuthorityFactory(name="Ashford Borough Council")
    assert find(review.title, review.aim, other, exclude_pk=review.pk) == []


def test_old_closed_and_deleted_reviews_are_not_flagged(maidstone, existing):
    _, title, aim = EXISTING["fly-tipping"]
    fly_tipping = existing["fly-tipping"]
    Review.objects.filter(pk=fly_tipping.pk).update(
        status=Review.Status.CLOSED, programme_year=2019
    )
    assert find(title, aim, maidstone) == []
    # Still running, however old: flagged.
    Review.objects.filter(pk=fly_tipping.pk).update(status=Review.Status.MONITORING)
    assert len(find(title, aim, maidstone)) == 1
    Review.objects.filter(pk=fly_tipping.pk).update(deleted_at=datetime.datetime.now(datetime.UTC))
    assert find(title, aim, maidstone) == []


def test_a_closed_review_of_the_last_three_programmes_is_recent(maidstone, existing):
    _, title, aim = EXISTING["fly-tipping"]
    Review.objects.filter(pk=existing["fly-tipping"].pk).update(
        status=Review.Status.CLOSED, programme_year=2023
    )
    assert len(find(title, aim, maidstone)) == 1


def test_a_proposal_of_only_common_words_matches_nothing(maidstone, existing):
    assert (
        find("Review of the council", "To consider how the council could improve.", maidstone) == []
    )


def test_fallback_words_drop_common_words_and_meet_at_their_stems():
    assert significant_words("A review of the Council's communications") == {"communicat"}
    assert stem("communicated") == stem("communicating") == stem("communications")
    assert stem("processes") == stem("process")
    assert jaccard({"a", "b"}, {"b", "c"}) == pytest.approx(1 / 3)
    assert jaccard(set(), {"a"}) == 0
