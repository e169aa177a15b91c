"""The benchmark's own databases, never the developer's: generated once per size and cached
(SQLite files under the temp folder; with DATABASE_URL on PostgreSQL, databases of that server
named scraip_bench_*), then copied afresh for each run, so nothing a run writes (sign-ins, an
import, a PDF job) reaches the cache.

The cache is keyed by the generator's code, every migration, the models' code and the size, so
a change to any model or to the generator builds a new one.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[3]
CACHE = Path(os.environ.get("SCRAIP_BENCH_DIR", Path(tempfile.gettempdir()) / "scraip-bench"))
PG_PREFIX = "scraip_bench_"
# The day the benchmark's data ends on (generate_data --today): the test suite's day
# (conftest.py), so a page shows the same in both, and every run's clock travels there.
DATA_DAY = "2026-11-23"


@dataclass(frozen=True)
class Size:
    name: str
    authorities: int
    years: int
    plans_per_year: int

    def generate_args(self, day: str) -> list[str]:
        return [
            f"--authorities={self.authorities}",
            f"--years={self.years}",
            f"--plans-per-year={self.plans_per_year}",
            f"--today={day}",
        ]


SMALL = Size("small", authorities=2, years=1, plans_per_year=8)
LARGE = Size("large", authorities=14, years=10, plans_per_year=29)


def cache_key(size: Size, day: str) -> str:
    digest = hashlib.sha1(f"{size}{day}".encode())
    sources = sorted(ROOT.glob("scraip/demo/generate/*.py")) + sorted(
        path for path in ROOT.glob("**/migrations/*.py") if ".venv" not in path.parts
    )
    for path in sources:
        digest.update(str(path.relative_to(ROOT)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def manage(database_url: str, *args: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "AXES_ENABLED": "0"}
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def is_postgres(url: str | None) -> bool:
    return bool(url) and url.startswith(("postgres://", "postgresql://"))


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def prepare(size: Size, day: str, log=print) -> str:
    """A fresh working copy of the size's cached database, generating the cache if needed;
    returns its DATABASE_URL."""
    server = os.environ.get("DATABASE_URL")
    key = cache_key(size, day)
    if is_postgres(server):
        return _prepare_postgres(server, size, day, key, log)
    return _prepare_sqlite(size, day, key, log)


def _prepare_sqlite(size: Size, day: str, key: str, log) -> str:
    CACHE.mkdir(parents=True, exist_ok=True)
    cached = CACHE / f"{size.name}-{key}.sqlite3"
    if not cached.exists():
        for old in CACHE.glob(f"{size.name}-*.sqlite3*"):
            old.unlink()
        building = CACHE / f"{size.name}-{key}.building.sqlite3"
        building.unlink(missing_ok=True)
        url = f"sqlite:///{building}"
        log(f"Generating the {size.name} database into {cached} (once; cached after)…")
        manage(url, "migrate", "--noinput", "-v0")
        manage(url, "generate_data", *size.generate_args(day))
        building.rename(cached)
    work = CACHE / f"work-{size.name}.sqlite3"
    for path in CACHE.glob(f"work-{size.name}.sqlite3*"):
        path.unlink()
    shutil.copyfile(cached, work)
    return f"sqlite:///{work}"


def _admin(server: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(with_database(server, "postgres"), autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)


def _databases(server: str) -> set[str]:
    import psycopg

    with psycopg.connect(with_database(server, "postgres"), autocommit=True) as connection:
        rows = connection.execute("SELECT datname FROM pg_database").fetchall()
    return {row[0] for row in rows}


def _prepare_postgres(server: str, size: Size, day: str, key: str, log) -> str:
    cached = f"{PG_PREFIX}{size.name}_{key}"
    work = f"{PG_PREFIX}work_{size.name}"
    existing = _databases(server)
    if cached not in existing:
        stale = [name for name in existing if name.startswith(f"{PG_PREFIX}{size.name}_")]
        _admin(server, *(f'DROP DATABASE "{name}"' for name in stale))
        building = f"{cached}_building"
        _admin(server, f'DROP DATABASE IF EXISTS "{building}"', f'CREATE DATABASE "{building}"')
        url = with_database(server, building)
        log(f"Generating the {size.name} database {cached} (once; cached after)…")
        manage(url, "migrate", "--noinput", "-v0")
        manage(url, "generate_data", *size.generate_args(day))
        _admin(server, f'ALTER DATABASE "{building}" RENAME TO "{cached}"')
    _admin(
        server,
        f'DROP DATABASE IF EXISTS "{work}"',
        f'CREATE DATABASE "{work}" TEMPLATE "{cached}"',
    )
    return with_database(server, work)


def drop_work(url: str) -> None:
    """Remove a run's working copy."""
    server = os.environ.get("DATABASE_URL")
    if is_postgres(url) and is_postgres(server):
        _admin(server, f'DROP DATABASE IF EXISTS "{urlsplit(url).path.lstrip("/")}"')
    elif url.startswith("sqlite:///"):
        for path in Path(url.removeprefix("sqlite:///")).parent.glob(Path(url).name + "*"):
            path.unlink()
