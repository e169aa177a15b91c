"""Lists shown a page at a time (views/paging.py): the page's rows in the list's order and how
many there are in all, found in one query, whether the page is chosen by LIMIT (a council's
lists) or by row number (`few`: one person's rows among many, where PostgreSQL's plan for a
LIMIT read every recommendation); a page past the end shows the last."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from scraip.councils.models import Person
from scraip.followup.views.paging import page_of, pages_of

pytestmark = pytest.mark.django_db

NAMES = ["Ada", "Bea", "Cy", "Di", "Ed", "Flo", "Gus"]


@pytest.fixture
def people():
    Person.objects.bulk_create(Person(name=name, kind="witness") for name in reversed(NAMES))
    return Person.objects.filter(name__in=NAMES)


def shown(rows, *, page=None, few, per_page=3, **kwargs):
    request = RequestFactory().get("/", {"page": page} if page else {})
    listed = page_of(request, rows, per_page=per_page, few=few, **kwargs)
    return [person.name for person in listed], listed.total, listed.page.number


@pytest.mark.parametrize("few", [False, True])
def test_pages_come_in_the_lists_order_with_the_total(people, few, django_assert_num_queries):
    with django_assert_num_queries(2):  # the page's ids and total; its rows
        assert shown(people, few=few) == (["Ada", "Bea", "Cy"], 7, 1)
    assert shown(people, page=3, few=few) == (["Gus"], 7, 3)
    assert shown(people.order_by("-name"), page=2, few=few) == (["Di", "Cy", "Bea"], 7, 2)
    assert shown(people.filter(name__gt="Cy"), page=2, few=few) == (["Gus"], 4, 2)


def test_a_list_counted_already_reads_its_page_alone(people):
    """Told its total (the chart's query counts it), the page's query reads the page's ids with
    no window count, so the database can stop at the page's last row."""
    with CaptureQueriesContext(connection) as queries:
        assert shown(people, page=2, few=False, total=7) == (["Di", "Ed", "Flo"], 7, 2)
    assert len(queries) == 2 and "OVER" not in queries[0]["sql"].upper()
    assert shown(people, page=40, few=False, total=7) == (["Gus"], 7, 3)
    assert shown(people.none(), page=2, few=False, total=0) == ([], 0, 1)
    # One person's few rows are still chosen by row number (see _by_row_number).
    with CaptureQueriesContext(connection) as queries:
        assert shown(people, page=2, few=True, total=7) == (["Di", "Ed", "Flo"], 7, 2)
    assert "ROW_NUMBER" in queries[0]["sql"].upper()


@pytest.mark.parametrize("few", [False, True])
def test_a_page_past_the_end_shows_the_last_and_nonsense_the_first(people, few):
    assert shown(people, page=40, few=few) == (["Gus"], 7, 3)
    assert shown(people, page="x", few=few) == (["Ada", "Bea", "Cy"], 7, 1)
    assert shown(people.none(), page=2, few=few) == ([], 0, 1)


def test_rows_of_the_same_place_in_the_order_are_paged_by_id(people):
    """Row numbers are given in the list's order and then by id, so no row is on two pages."""
    Person.objects.filter(name__in=NAMES).update(name="Same")
    ids = list(Person.objects.filter(name="Same").order_by("pk").values_list("pk", flat=True))
    pages = [
        page_of(
            RequestFactory().get("/", {"page": n}),
            people.model.objects.filter(name="Same"),
            per_page=3,
            few=True,
        )
        for n in (1, 2, 3)
    ]
    assert [person.pk for page in pages for person in page] == ids


@pytest.mark.parametrize("few", [False, True])
def test_several_lists_of_a_page_read_their_rows_together(people, few, django_assert_num_queries):
    """A dashboard's lists of the same rows: each list's page and total in a query of its own,
    then the rows of every page in one, each list paged by its own parameter."""

    def lists(**asked):
        request = RequestFactory().get("/", asked)
        late = people.filter(name__gt="Bea")
        return pages_of(request, people, per_page=3, few=few, everyone=people, late=late)

    with django_assert_num_queries(3):
        first = lists()
    assert [person.name for person in first["everyone"]] == ["Ada", "Bea", "Cy"]
    assert [person.name for person in first["late"]] == ["Cy", "Di", "Ed"]
    # A row on two lists is read once: the same object.
    assert first["everyone"].rows[2] is first["late"].rows[0]
    later = lists(late=2)
    assert [person.name for person in later["everyone"]] == ["Ada", "Bea", "Cy"]
    assert [person.name for person in later["late"]] == ["Flo", "Gus"]
    assert (later["late"].total, later["late"].page.number) == (5, 2)
    assert later["late"].previous_url == "?late=1#late"
