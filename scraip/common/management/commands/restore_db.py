"""Load a backup made by backup_db into an empty database.

Refuses a database that holds any row, so a restore can never overwrite live records by mistake;
--force overrides that, replacing what is there. A restore either completes or changes nothing:
SQLite copies the backup in one step, and pg_restore runs in a single transaction.
"""

import sqlite3
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from .backup_db import run_postgres_tool


class Command(BaseCommand):
    help = "Restore a backup_db file into the configured database, which must be empty."
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="A file written by backup_db.")
        parser.add_argument(
            "--force",
            action="store_true",
            help="Restore even though the database holds rows, replacing them.",
        )

    def handle(self, *, path, force, **options):
        if not Path(path).is_file():
            raise CommandError(f"There is no backup file at {path}")
        if not force and _holds_rows():
            raise CommandError(
                "The target database is not empty: restore into a new database, "
                "or use --force to replace everything in this one"
            )
        if connection.vendor == "sqlite":
            _restore_sqlite(path)
        elif connection.vendor == "postgresql":
            clean = ["--clean", "--if-exists"] if force else []
            # The backup's owners and grants name roles this server may not have.
            run_postgres_tool(
                "pg_restore", "--no-owner", "--no-privileges", "--single-transaction", *clean, path
            )
        else:
            raise CommandError(f"restore_db cannot restore a {connection.vendor} database")
        self.stdout.write(f"Restored the database from {path}")


def _restore_sqlite(path: str) -> None:
    read_only = f"{Path(path).resolve().as_uri()}?mode=ro"
    with closing(sqlite3.connect(read_only, uri=True)) as backup:
        try:
            is_ours = backup.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'django_migrations'"
            ).fetchone()
        except sqlite3.DatabaseError:
            is_ours = False
        if not is_ours:
            raise CommandError(f"{path} is not a backup made by backup_db")
        connection.ensure_connection()
        backup.backup(connection.connection)
    # Django's connection may hold what it knew of the old database; start afresh.
    connection.close()


def _holds_rows() -> bool:
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT 1 FROM {connection.ops.quote_name(table)} LIMIT 1")
            if cursor.fetchone():
                return True
    return False
