"""What scraip.settings asks of each database on every connection."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_prices_random_reads_as_solid_state_storage():
    """random_page_cost 1.1 (SCRAIP_PG_RANDOM_PAGE_COST), so the planner follows the indexes
    to one council's items instead of reading every recommendation."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert cursor.fetchone()[0] == "1.1"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_reads_a_page_without_parallel_workers():
    """max_parallel_workers_per_gather 0 (SCRAIP_PG_PARALLEL_WORKERS): a page's query reads one
    council's rows, where starting workers costs more than it saves."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="a SQLite setting")
def test_sqlite_writes_ahead_so_readers_carry_on_during_a_write():
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
