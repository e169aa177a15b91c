"""What scraip.settings asks of each database on every connection."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings
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


def _production_database(**overrides) -> dict:
    """The database settings production starts with (a fresh interpreter: settings are read
    once)."""
    environment = {
        **os.environ,
        "SCRAIP_DEPLOYMENT": "production",
        "DJANGO_SECRET_KEY": "a-production-key-for-this-test-" + "x" * 40,
        "DJANGO_ALLOWED_HOSTS": "scraip.example",
        "DATABASE_URL": "sqlite:////tmp/scraip-settings-test.sqlite3",
        **overrides,
    }
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import json, scraip.settings as s; "
            "d = s.DATABASES['default']; "
            "print(json.dumps([d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS']]))",
        ],
        env=environment,
        capture_output=True,
        text=True,
        check=True,
        cwd=settings.BASE_DIR,
    )
    max_age, health_checks = json.loads(shown.stdout)
    return {"CONN_MAX_AGE": max_age, "CONN_HEALTH_CHECKS": health_checks}


def test_production_keeps_a_checked_connection_between_requests():
    """A worker reuses its connection for a minute, checking it first, instead of opening one
    per request; SCRAIP_DB_CONN_MAX_AGE=0 goes back to one per request."""
    assert _production_database() == {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True}
    assert _production_database(SCRAIP_DB_CONN_MAX_AGE="0")["CONN_MAX_AGE"] == 0
