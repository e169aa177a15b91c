"""The setup lists and the bulk preview and import make as many queries for 1,000 rows as for
10 (the limits below are the same at both sizes)."""

import datetime
import math

import pytest
from django.db import connection
from django.urls import reverse

from scraip.councils import bulk
from scraip.councils.models import Committee, Person, Portfolio, PortfolioTerm
from scraip.councils.tests.spreadsheets import confirm, sheet, upload

pytestmark = pytest.mark.django_db

SIZES = [10, 1000]
# Every page: the session, the user, their person (the permission), the council, whether
# they hold a portfolio and whether a recommendation awaits their answer by name (the header),
# their council (the footer), and the session saved (three statements). Then the page's own
# reads: committees with their successors (1); portfolios, then their terms with holders (2); a
# count and a page of people with their sign-ins (2).
LIST_QUERIES = {"committee_list": 11, "portfolio_list": 12, "person_list": 12}


def _fill(authority, rows: int) -> None:
    committees = Committee.objects.bulk_create(
        Committee(authority=authority, name=f"Committee {n}") for n in range(rows)
    )
    for committee, successor in zip(committees, committees[1:], strict=False):
        committee.abolished_on, committee.successor = datetime.date(2020, 1, 1), successor
    Committee.objects.bulk_update(committees[:-1], ["abolished_on", "successor"])
    people = Person.objects.bulk_create(
        Person(authority=authority, name=f"Councillor {n}", kind="councillor") for n in range(rows)
    )
    portfolios = Portfolio.objects.bulk_create(
        Portfolio(authority=authority, title=f"Portfolio {n}") for n in range(rows)
    )
    PortfolioTerm.objects.bulk_create(
        PortfolioTerm(portfolio=p, holder=h, starts_on=datetime.date(2023, 5, 24))
        for p, h in zip(portfolios, people, strict=True)
    )


@pytest.mark.parametrize("rows", SIZES)
@pytest.mark.parametrize("route", sorted(LIST_QUERIES))
def test_setup_lists(client, council_admin, authority, django_assert_max_num_queries, route, rows):
    _fill(authority, rows)
    client.force_login(council_admin)
    with django_assert_max_num_queries(LIST_QUERIES[route]):
        response = client.get(reverse(f"councils:{route}", args=[authority.pk]))
    assert response.status_code == 200
    assert "Committee 0" in response.content.decode() or route != "committee_list"


def _people_rows(rows: int) -> list[list[str]]:
    return [
        [f"Person {n}", "Officer", "", "Officer", "Housing", f"p{n}@example.gov.uk", "No"]
        for n in range(rows)
    ]


def _portfolio_rows(rows: int) -> list[list[str]]:
    return [[f"New portfolio {n}", f"Councillor {n}", "21/05/2025", ""] for n in range(rows)]


def _committee_rows(rows: int) -> list[list[str]]:
    return [
        [f"New committee {n}", f"NC{n}", "20/05/2025", f"New committee {n + 1}"]
        for n in range(rows - 1)
    ] + [[f"New committee {rows - 1}", "", "", ""]]


FILES = {
    "people": (bulk.PEOPLE.columns, _people_rows),
    "committees": (bulk.COMMITTEES.columns, _committee_rows),
    "portfolios": (bulk.PORTFOLIOS.columns, _portfolio_rows),
}
# The same eight a page costs (the session saved with the checked rows), the council, and the
# council's records the rules read: its committees (1); its people's names and emails (2); its
# portfolios, their terms and its people (3).
PREVIEW_QUERIES = {"committees": 11, "people": 12, "portfolios": 13}
# The import: the same seven, the council, its savepoint, locking the council, the records the
# rules read (as for the preview), one INSERT of the new rows and one of their history rows for
# each model, for committees one UPDATE linking successors among the new ones and its history,
# and the savepoint's release. SQLite splits each INSERT and UPDATE into batches of its variable
# limit (`extra_batches`); PostgreSQL does not.
IMPORT_QUERIES = {"committees": 15, "people": 14, "portfolios": 17}


def _batches(model, rows: int, fields=None) -> int:
    """How many statements bulk_create (or bulk_update of `fields`) makes of `rows` rows."""
    if fields is None:
        fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    else:
        fields = [model._meta.pk, model._meta.pk, *(model._meta.get_field(f) for f in fields)]
    return math.ceil(rows / max(connection.ops.bulk_batch_size(fields, [None] * rows), 1))


def extra_batches(kind: str, rows: int) -> int:
    """The statements past one per INSERT or UPDATE that this database needs for `rows`."""
    models = {
        "people": [Person],
        "committees": [Committee],
        "portfolios": [Portfolio, PortfolioTerm],
    }[kind]
    extra = sum(_batches(model, rows) + _batches(model.history.model, rows) - 2 for model in models)
    if kind == "committees":  # every new committee but the last is succeeded by a new one
        linked = rows - 1
        extra += _batches(Committee, linked, ["successor"]) - 1
        extra += _batches(Committee.history.model, linked) - 1
    return extra


@pytest.mark.parametrize("rows", SIZES)
@pytest.mark.parametrize("kind", sorted(FILES))
def test_bulk_preview_and_import(
    client, council_admin, authority, django_assert_max_num_queries, kind, rows
):
    _fill(authority, rows)
    header, make_rows = FILES[kind]
    client.force_login(council_admin)
    with django_assert_max_num_queries(PREVIEW_QUERIES[kind]):
        preview = upload(client, authority, kind, sheet(header, make_rows(rows)))
    assert not preview.context["problems"]
    assert len(preview.context["created"]) >= rows
    with django_assert_max_num_queries(IMPORT_QUERIES[kind] + extra_batches(kind, rows)):
        done = confirm(client, authority, kind)
    assert done.status_code == 302
    created = {
        "people": Person.objects.filter(name__startswith="Person "),
        "committees": Committee.objects.filter(
            name__startswith="New committee", successor__isnull=False
        ),
        "portfolios": PortfolioTerm.objects.filter(portfolio__title__startswith="New portfolio"),
    }[kind]
    assert created.count() == (rows - 1 if kind == "committees" else rows)
