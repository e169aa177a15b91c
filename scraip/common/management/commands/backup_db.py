"""Copy the whole database to one file, while the service keeps running.

SQLite: the online backup API, which copies a consistent snapshot even while pages are written.
PostgreSQL: pg_dump's custom format, which `restore_db` (pg_restore) reads back.

The file is written beside PATH and renamed into place only when complete, so a failed run never
leaves a half-written file where the last good backup was; only its owner may read it, as it
holds everyone's personal details and password hashes.
"""

import os
import sqlite3
import subprocess
from contextlib import closing
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection


class Command(BaseCommand):
    help = "Back up the database to PATH (restore it with restore_db)."
    # A backup must run even on the day a system check fails.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("path", help="The backup file to write; an existing one is replaced.")

    def handle(self, *, path, **options):
        target = Path(path)
        if not target.parent.is_dir():
            raise CommandError(f"There is no folder {target.parent} to write the backup in")
        partial = target.with_name(f".{target.name}.partial")
        partial.unlink(missing_ok=True)
        partial.touch(mode=0o600)
        try:
            if connection.vendor == "sqlite":
                connection.ensure_connection()
                with closing(sqlite3.connect(partial)) as backup:
                    connection.connection.backup(backup)
            elif connection.vendor == "postgresql":
                run_postgres_tool("pg_dump", "--format=custom", "--file", str(partial))
            else:
                raise CommandError(f"backup_db cannot back up a {connection.vendor} database")
            partial.replace(target)
        finally:
            partial.unlink(missing_ok=True)
        self.stdout.write(f"Backed up the database to {target}")


def run_postgres_tool(tool: str, *arguments: str) -> None:
    """Run pg_dump or pg_restore against the configured database, as its configured user."""
    database = connection.settings_dict
    command = [tool, "--no-password", "--dbname", database["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if database.get(key):
            command += [option, str(database[key])]
    # The password and any SSL options go in the environment, as `manage.py dbshell` passes them.
    _, client_env = connection.client.settings_to_cmd_args_env(database, [])
    try:
        subprocess.run(
            [*command, *arguments],
            env={**os.environ, **(client_env or {})},
            check=True,
            capture_output=True,
            text=True,
        )
    except FileNotFoundError:
        raise CommandError(f"{tool} is not installed: install postgresql-client") from None
    except subprocess.CalledProcessError as error:
        raise CommandError(f"{tool} failed: {error.stderr.strip()}") from None
