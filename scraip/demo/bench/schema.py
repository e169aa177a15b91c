"""Bring a benchmark database up to the models when they are ahead of the migrations.

The cached databases are built by `migrate`, so a model change whose migration has not been
written yet (work in progress: a new field, table or index) would leave them without it, and the
generator or the pages would fail, or be timed without the index. So the cache is keyed by the
models' code too (databases.cache_key), and when it is built, after `migrate` and before
`generate_data`, this works out in memory the operations `makemigrations` would write (Django's
own autodetector; no migration file is written) and applies them to it:

    DATABASE_URL=... python -m scraip.demo.bench.schema

The results of a run list them (`pending`). With the migrations written there is nothing to do.
"""

import os

from django.apps import apps
from django.db import connection
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.questioner import NonInteractiveMigrationQuestioner
from django.db.migrations.state import ProjectState


def _changes() -> tuple[MigrationLoader, list]:
    loader = MigrationLoader(connection)
    autodetector = MigrationAutodetector(
        loader.project_state(),
        ProjectState.from_apps(apps),
        NonInteractiveMigrationQuestioner(specified_apps=None, dry_run=True),
    )
    changes = autodetector.changes(graph=loader.graph)
    return loader, [migration for found in changes.values() for migration in found]


def pending() -> list[str]:
    """The model changes no migration holds yet, a line each."""
    return [
        f"{migration.app_label}: {operation.describe()}"
        for migration in _changes()[1]
        for operation in migration.operations
    ]


def bring_up_to_models() -> list[str]:
    """Apply the model changes no migration holds yet, each app's after those it depends on;
    returns a line for each operation."""
    loader, waiting = _changes()
    state = loader.project_state()
    applied: list[str] = []
    done: set[tuple[str, str]] = set()
    names = {(migration.app_label, migration.name) for migration in waiting}
    while waiting:
        ready = [
            migration
            for migration in waiting
            if all(
                tuple(dependency[:2]) in done or tuple(dependency[:2]) not in names
                for dependency in migration.dependencies
            )
        ]
        for migration in ready or waiting[:1]:
            with connection.schema_editor(atomic=migration.atomic) as editor:
                state = migration.apply(state, editor)
            applied += [f"{migration.app_label}: {op.describe()}" for op in migration.operations]
            done.add((migration.app_label, migration.name))
            waiting.remove(migration)
    return applied


if __name__ == "__main__":
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scraip.settings")
    django.setup()
    for line in bring_up_to_models():
        print(f"  not yet in a migration, applied: {line}")
