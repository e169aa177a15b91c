"""One measuring run against the database DATABASE_URL names (a working copy made by
scraip.demo.bench.databases), started by the benchmark as a process of its own:

    python -m scraip.demo.bench.measure pages OUT.json [--reps 5] [--budget 20]
    python -m scraip.demo.bench.measure pdfs OUT.json [--rounds 3]

Every page is requested through Django's test client (the whole stack: middleware, sessions,
templates), signed in as one of the generated council's people, on the day the data was
generated for (the clock travels there, as in the tests). The first request of a page counts its
queries and warms it; then it is timed `--reps` times, or fewer once a slow page has used
`--budget` seconds (at least one timed request each).
"""

import argparse
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
        # A slow page's first request counts: repeating it would take the run past its budget.
        samples[page.name] = [(seconds, cpu)] if seconds > budget / 4 else []
        log(f"  {page.name}: {rows[page.name]['queries']} queries, first {seconds * 1000:.0f} ms")
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
    return {"pages": list(rows.values()), "data": data_counts(), "targets": describe(targets)}


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
