"""`make bench` (and `make bench LOAD=1`): python -m scraip.demo.bench [--load] [--only ...]

Times every main page at a small and a large generated size, the PDFs before and after, and with
--load the officer's dashboard under gunicorn; prints the table and writes it, with the raw
figures, to bench-results/<date>-<database>.md and .json. The databases are the benchmark's own
(scraip.demo.bench.databases): with DATABASE_URL on PostgreSQL it makes its own databases on
that server; otherwise SQLite files under the temp folder. The developer's db.sqlite3 and
DATABASE_URL's own database are never touched.
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from . import databases, load, report

RESULTS = databases.ROOT / "bench-results"


def child(what: str, database_url: str, *args: str) -> dict:
    """Run one measuring process against `database_url` and read back its figures."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    env = {**os.environ, "DATABASE_URL": database_url, "AXES_ENABLED": "0"}
    command = [sys.executable, "-m", "scraip.demo.bench.measure", what, out, *args]
    subprocess.run(command, cwd=databases.ROOT, env=env, check=True)
    result = json.loads(Path(out).read_text())
    Path(out).unlink()
    return result


def commit() -> str:
    try:
        described = subprocess.run(
            ["git", "describe", "--always", "--dirty"],
            cwd=databases.ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        return described.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown commit"


def previous_run(vendor: str) -> dict | None:
    runs = sorted(RESULTS.glob(f"*-{vendor}.json"))
    return json.loads(runs[-1].read_text()) if runs else None


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(prog="python -m scraip.demo.bench")
    parser.add_argument("--load", action="store_true", help="also drive gunicorn under load")
    parser.add_argument(
        "--only", choices=["pages", "pdfs", "load"], help="run one part (default: pages and PDFs)"
    )
    parser.add_argument("--reps", default="5", help="timed requests a page (5)")
    parser.add_argument("--budget", default="20", help="seconds a slow page may take (20)")
    parser.add_argument("--rounds", default="3", help="rounds of each 100-item PDF (3)")
    options = parser.parse_args(argv)
    parts = {options.only} if options.only else {"pages", "pdfs"}
    if options.load:
        parts.add("load")
    vendor = "postgresql" if databases.is_postgres(os.environ.get("DATABASE_URL")) else "sqlite"
    run = {
        "started": datetime.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "commit": commit(),
        "database": vendor,
    }
    if "pages" in parts:
        for size in (databases.SMALL, databases.LARGE):
            url = databases.prepare(size, databases.DATA_DAY)
            print(f"Timing the pages at the {size.name} size…", flush=True)
            run[size.name] = child("pages", url, "--reps", options.reps, "--budget", options.budget)
            databases.drop_work(url)
    if "pdfs" in parts:
        url = databases.prepare(databases.SMALL, databases.DATA_DAY)
        print("Timing the PDFs, before and after…", flush=True)
        run["pdfs"] = child("pdfs", url, "--rounds", options.rounds)["pdfs"]
        databases.drop_work(url)
    if "load" in parts:
        url = databases.prepare(databases.LARGE, databases.DATA_DAY)
        print("Driving gunicorn…", flush=True)
        run["load"] = load.run(url)
        databases.drop_work(url)
    previous = previous_run(run["database"])
    text = report.markdown(run, previous)
    RESULTS.mkdir(exist_ok=True)
    stem = f"{datetime.datetime.now():%Y-%m-%d-%H%M}-{run['database']}"
    (RESULTS / f"{stem}.json").write_text(json.dumps(run, indent=1))
    (RESULTS / f"{stem}.md").write_text(text)
    print(text)
    print(f"Written to {RESULTS / stem}.md and .json")


if __name__ == "__main__":
    main()
