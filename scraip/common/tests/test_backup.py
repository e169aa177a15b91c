"""Restore drills: back up a filled database with backup_db, restore it into an empty one with
restore_db, and check every table came back with every row and takes new ones. The commands run
as they would from cron, in their own processes, against databases of their own."""

import json
import os
import stat
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from scraip.plans.tests.factories import ActionPlanFactory

MANAGE = Path(settings.BASE_DIR) / "manage.py"

# Answered recommendations with everything they hang on (councils, committees, plans, people,
# logins) and the history of each; enough that a lost table or row shows.
FILL = """
from scraip.plans.tests.factories import ResponseFactory
ResponseFactory.create_batch(3)
"""
# Another answered recommendation, of a council of its own so no name repeats one in FILL.
ADD_ONE = """
from scraip.plans.tests.factories import ResponseFactory
ResponseFactory(part__recommendation__action_plan__authority__name="Restored Borough Council")
"""
COUNT_ROWS = """
import json
from django.db import connection
with connection.cursor() as cursor:
    counts = {}
    for table in connection.introspection.table_names(cursor):
        cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
        counts[table] = cursor.fetchone()[0]
print(json.dumps(counts))
"""


def manage(database_url: str, *arguments: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": database_url, "SCRAIP_DEPLOYMENT": "development"}
    return subprocess.run(
        [sys.executable, str(MANAGE), *arguments],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def run(database_url: str, *arguments: str) -> str:
    result = manage(database_url, *arguments)
    assert result.returncode == 0, result.stderr
    return result.stdout


def row_counts(database_url: str) -> dict[str, int]:
    """Rows in every table Django sees in the database, counted by the database itself."""
    return json.loads(run(database_url, "shell", "--no-imports", "-c", COUNT_ROWS))


def drill(source_url: str, restored_url: str, backup: Path) -> None:
    run(source_url, "migrate", "--noinput", "--skip-checks", "-v0")
    run(source_url, "shell", "--no-imports", "-c", FILL)

    run(source_url, "backup_db", str(backup))
    run(restored_url, "restore_db", str(backup))

    before, after = row_counts(source_url), row_counts(restored_url)
    assert after == before
    assert before["plans_response"] == 3
    assert before["plans_historicalresponse"] == 3
    assert before["auth_user"] > 0
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600  # it holds password hashes

    # A second restore over the now filled database needs --force, and adds nothing twice.
    refused = manage(restored_url, "restore_db", str(backup))
    assert refused.returncode == 1
    assert "The target database is not empty" in refused.stderr
    run(restored_url, "restore_db", "--force", str(backup))
    assert row_counts(restored_url) == before

    # The restored database carries on numbering its rows where the backup left off.
    run(restored_url, "shell", "--no-imports", "-c", ADD_ONE)
    assert row_counts(restored_url)["plans_response"] == 4


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the test database is not SQLite")
def test_sqlite_backup_restores_every_row(tmp_path):
    drill(
        f"sqlite:///{tmp_path / 'live.sqlite3'}",
        f"sqlite:///{tmp_path / 'restored.sqlite3'}",
        tmp_path / "nightly.sqlite3",
    )


@pytest.mark.django_db
def test_restore_refuses_a_database_with_rows(tmp_path):
    ActionPlanFactory()
    backup = tmp_path / "old.sqlite3"
    backup.write_bytes(b"")
    with pytest.raises(CommandError, match="The target database is not empty"):
        call_command("restore_db", str(backup))


def test_restore_needs_a_backup_file(tmp_path):
    with pytest.raises(CommandError, match="There is no backup file at"):
        call_command("restore_db", str(tmp_path / "missing.sqlite3"))


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the test database is not SQLite")
def test_sqlite_restore_refuses_a_file_that_is_no_backup(tmp_path):
    not_a_backup = tmp_path / "notes.sqlite3"
    not_a_backup.write_text("Minutes of the meeting")
    result = manage(f"sqlite:///{tmp_path / 'new.sqlite3'}", "restore_db", str(not_a_backup))
    assert result.returncode == 1
    assert f"{not_a_backup} is not a backup made by backup_db" in result.stderr


@pytest.fixture
def scratch_postgres_urls():
    """Two databases of our own on the test server: the live one and the one restored into."""
    database = connection.settings_dict
    server = {
        "host": database["HOST"] or None,
        "port": database["PORT"] or None,
        "user": database["USER"] or None,
        "password": database["PASSWORD"] or None,
    }
    names = [f"scraip_drill_{kind}_{uuid.uuid4().hex[:8]}" for kind in ("live", "restored")]
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        for name in names:
            admin.execute(f'CREATE DATABASE "{name}"')
    auth = f"{server['user'] or ''}:{server['password'] or ''}@"
    yield [f"postgres://{auth}{server['host'] or ''}:{server['port'] or 5432}/{n}" for n in names]
    with psycopg.connect(dbname="postgres", autocommit=True, **server) as admin:
        for name in names:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the test database is not PostgreSQL")
def test_postgres_backup_restores_every_row(tmp_path, scratch_postgres_urls):
    source_url, restored_url = scratch_postgres_urls
    drill(source_url, restored_url, tmp_path / "nightly.dump")
