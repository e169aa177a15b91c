"""The network's shared pages as the years add up: the witness directory and the network view
run the same number of queries with few reviews and with many, including reviews of councils
the reader may only see summaries of, and the network view pages its councils and summarises
long cells."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from reviews.models import Review
from reviews.tests.factories import (
    ActivityFactory,
    ActivityPartFactory,
    ReviewFactory,
    WitnessFactory,
)
from reviews.tests.helpers import page_text
from scraip.councils.tests.factories import AuthorityFactory, PersonFactory

pytestmark = pytest.mark.django_db


def network_of(size: int, kent) -> None:
    """`size` reviews of Kent, each with a witness of its own, and one more council each,
    listed after Kent."""
    for number in range(size):
        review = ReviewFactory(
            title=f"Kent review {number:02d}",
            lead_authority=kent,
            programme_year=2010 + number % 15,
            status=Review.Status.REPORTED,
        )
        part = ActivityPartFactory(activity=ActivityFactory(review=review), letter="A")
        witness = PersonFactory(name=f"Witness {number:02d}", kind="witness", authority=kent)
        WitnessFactory(part=part, person=witness)
        AuthorityFactory(name=f"Weald Council {number:02d}")


def queries_of(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("route", ["reviews:witness_directory", "reviews:network"])
def test_the_same_queries_with_few_reviews_and_many(client, officer, kent, route):
    """The officer is of Maidstone: every review here is Kent's, which they see in summary, so
    whether they may open each is asked of the database once, not once a review."""
    client.force_login(officer)
    network_of(3, kent)
    few = queries_of(client, reverse(route))
    network_of(30, kent)
    assert queries_of(client, reverse(route)) == few


def test_the_network_view_pages_its_councils_and_summarises_long_cells(client, officer, kent):
    network_of(30, kent)
    client.force_login(officer)
    text = page_text(client.get(reverse("reviews:network")))
    assert "Page 1 of 2" in text
    assert text.count("Kent review") == 5  # the latest five reported
    assert "Kent review 29" in text and "Kent review 00" not in text
    assert "30 in all: see Kent County Council's programme" in text
    second = page_text(client.get(reverse("reviews:network"), {"page": "2"}))
    assert "Page 2 of 2" in second and "Weald Council 29" in second
    assert "Kent County Council" not in second
