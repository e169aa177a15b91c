"""One measuring run against the database DATABASE_URL names (a working copy made by
scraip.demo.bench.databases), started by the benchmark as a process of its own:

    python -m scraip.demo.bench.measure pages OUT.json [--reps 5] [--budget 20]
    python -m scraip.demo.bench.measure pdfs OUT.json [--rounds 3]

Every page is requested through Django's test client (the whole stack: middleware, sessions,
templates), signed in as one of the generated council's people, on the day the data was
generated for (the clock travels there, as in the tests). The first request of a page counts its
queries and warms it; then it is timed `--reps` times, or fewer once a slow page has used
`--budget` seconds (at least one timed request each). Before the timed rounds, everything the
process holds is set aside from garbage collection (gc.freeze(), as a server's workers may do
after loading): otherwise a full collection of this process's own large heap (a tenth of a
second) falls on whichever page's allocations cross Python's threshold, and it can be the same
page round after round (the one-year impact report once measured 142 ms for 21 ms, three of its
five requests each paying about 95 ms of collection). Collecting before every request would be
no fairer: it leaves each page to start with cold caches, a millisecond more on every page.
"""

import argparse
import gc
import json
import logging
import os
import statistics
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scraip.settings")
os.environ.setdefault("AXES_ENABLED", "0")

import django  # noqa: E402

django.setup()

import time_machine  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from scraip.demo.bench import pages as bench_pages  # noqa: E402
from scraip.demo.bench import pdfs  # noqa: E402
from scraip.demo.bench.pages import NOW, XLSX, consume, import_file  # noqa: E402


def request(client: Client, page, upload: bytes | None):
    if page.kind == "import":
        # All or nothing, and rolled back: every repetition imports the same rows afresh.
        with transaction.atomic():
            spreadsheet = SimpleUploadedFile("tracker.xlsx", upload, content_type=XLSX)
            response = client.post(page.url, {"spreadsheet": spreadsheet})
            transaction.set_rollback(True)
        return response
    return client.get(page.url)


def timed(client: Client, page, upload) -> tuple[float, float, object]:
    started, cpu = time.perf_counter(), time.process_time()
    response = request(client, page, upload)
    size = consume(response)
    return time.perf_counter() - started, time.process_time() - cpu, (response, size)


def measure_pages(reps: int, budget: float, log) -> dict:
    """Every page once to warm it and count its queries, then `reps` timed rounds over all the
    pages in turn, so that a machine busy for a while slows every page alike."""
    targets = bench_pages.find_targets()
    listed = bench_pages.pages(targets)
    users = get_user_model().objects
    clients: dict[str | None, Client] = {None: Client()}
    uploads: dict[str, tuple[bytes, int]] = {}
    rows, samples = {}, {}
    for page in listed:
        if page.persona not in clients:
            clients[page.persona] = Client()
            clients[page.persona].force_login(users.get(username=page.persona))
        client = clients[page.persona]
        if page.kind == "import":
            uploads[page.name] = import_file(client, page.url.replace("/import/", "/export/xlsx/"))
        upload = uploads.get(page.name, (None, 0))[0]
        with CaptureQueriesContext(connection) as queries:
            seconds, cpu, (response, size) = timed(client, page, upload)
        rows[page.name] = {
            "name": page.name,
            "persona": page.persona or "visitor",
            "url": page.url,
            "kind": page.kind,
            "status": response.status_code,
            "queries": len(queries.captured_queries),
            "bytes": size,
        }
        if page.name in uploads:
            rows[page.name]["rows"] = uploads[page.name][1]
        if connection.vendor == "postgresql" and page.kind in ("html", "ics"):
            rows[page.name]["seq_scans"] = whole_tables_read(queries.captured_queries)
        # A slow page's first request counts: repeating it would take the run past its budget.
        samples[page.name] = [(seconds, cpu)] if seconds > budget / 4 else []
        log(f"  {page.name}: {rows[page.name]['queries']} queries, first {seconds * 1000:.0f} ms")
    gc.collect()
    gc.freeze()  # this process's own heap is not a page's to collect (module docstring)
    for _ in range(reps):
        for page in listed:
            taken = samples[page.name]
            if len(taken) >= reps or (taken and sum(s[0] for s in taken) > budget):
                continue
            upload = uploads.get(page.name, (None, 0))[0]
            seconds, cpu, _ = timed(clients[page.persona], page, upload)
            taken.append((seconds, cpu))
    for page in listed:
        taken = samples[page.name]
        rows[page.name].update(
            reps=len(taken),
            median_ms=round(statistics.median(s[0] for s in taken) * 1000, 1),
            cpu_ms=round(statistics.median(s[1] for s in taken) * 1000, 1),
        )
    return {
        "pages": list(rows.values()),
        "data": data_counts(),
        "targets": describe(targets),
        "spreadsheets": measure_spreadsheets(targets, log),
    }


def measure_spreadsheets(targets, log) -> dict:
    """Issue 14's spreadsheet targets, through the tracker's own measuring call
    (scraip.followup.tracker.measure: the median of 3 runs and the peak memory of a fourth):
    exporting IMPORT_ROWS open items of the council and importing them back with news on every
    row (rolled back), and refusing files longer than the import takes."""
    from scraip.followup import tracker
    from scraip.followup.models import FollowedPart

    officer = get_user_model().objects.get(username="officer1")
    items = FollowedPart.objects.listed().of_authorities([targets.authority])
    open_items = items.filter(closed=False)
    rows = min(bench_pages.IMPORT_ROWS, open_items.count())
    figures = {"import": tracker.measure(open_items, entered_by=officer, rows=rows)}
    log(f"  tracker of {rows} rows: {figures['import']}")
    # Files too long to import: one row over the limit, and the 10,000 rows. The
    # network's items, as one council has too few.
    everyone = FollowedPart.objects.listed()
    available = everyone.count()
    figures["oversized"] = []
    for rows in (tracker.MAX_ROWS + 1, 10_000):
        if available < rows:
            continue
        content = tracker.filled_in(everyone, rows=rows)

        def refuse(content=content, rows=rows):
            upload = SimpleUploadedFile("tracker.xlsx", content, content_type=XLSX)
            try:
                tracker.tracker_import(file=upload, items=everyone, entered_by=officer)
            except tracker.ImportRefused:
                return
            raise AssertionError(f"a file of {rows} rows was not refused")

        figures["oversized"].append({"rows": rows, **tracker._measured(refuse)})
        log(f"  refusing {rows} rows: {figures['oversized'][-1]}")
    return figures


BIG_TABLE_ROWS = 10_000  # a table read whole past this many rows is a finding


def whole_tables_read(captured: list[dict]) -> list[str]:
    """The tables of more than BIG_TABLE_ROWS rows (by the planner's statistics) that
    PostgreSQL's plan for any of these queries reads whole (a Seq Scan): EXPLAIN, not run."""
    found = set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND reltuples > %s",
            [BIG_TABLE_ROWS],
        )
        big = {name for (name,) in cursor.fetchall()}
        for query in captured:
            sql = query["sql"]
            if not sql.startswith("SELECT"):
                continue
            cursor.execute("EXPLAIN (FORMAT JSON) " + sql)
            stack = [cursor.fetchone()[0][0]["Plan"]]
            while stack:
                node = stack.pop()
                if node["Node Type"] == "Seq Scan" and node.get("Relation Name") in big:
                    found.add(node["Relation Name"])
                stack.extend(node.get("Plans", []))
    return sorted(found)


def data_counts() -> dict:
    from reviews.models import Review, Witness
    from scraip.councils.models import Meeting
    from scraip.followup.models import ProgressUpdate, Verdict
    from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart

    models = {
        "action plans": ActionPlan,
        "recommendations": Recommendation,
        "sub-parts": RecommendationPart,
        "progress updates": ProgressUpdate,
        "verdicts": Verdict,
        "meetings": Meeting,
        "reviews": Review,
        "witnesses": Witness,
    }
    return {name: model.objects.count() for name, model in models.items()}


def describe(targets) -> dict:
    return {
        "plan": f"{targets.plan.title} (#{targets.plan.pk})",
        "meeting": f"{targets.meeting} (#{targets.meeting.pk})",
        "partnership": f"{targets.partnership} (#{targets.partnership.pk})",
    }


def main(argv=None) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["pages", "pdfs"])
    parser.add_argument("out")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--budget", type=float, default=20.0)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # sign-ins and refused requests are logged at INFO
    log = lambda text: print(text, flush=True)  # noqa: E731
    with time_machine.travel(NOW, tick=True):
        if options.what == "pages":
            result = measure_pages(options.reps, options.budget, log)
        else:
            result = {"pdfs": pdfs.measure(rounds=options.rounds, log=log)}
    result["database"] = connection.vendor
    with open(options.out, "w") as out:
        json.dump(result, out, indent=1, default=str)


if __name__ == "__main__":
    main(sys.argv[1:])
