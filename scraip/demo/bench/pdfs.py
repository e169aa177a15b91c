"""The PDF benchmark: the action plan and the update pack at 100 and 1,000 items, before and after.

For each document, in one process and interleaved round by round:

- before: the same records in the landed main's markup and stylesheet (bench/before/, copied
  from commit efaf2e7), printed as that code printed them (WeasyPrint with the collector on);
- after: today's template, printed by scraip.common.pdf.print_html (WeasyPrint's own time on the
  HTML the view prints);
- the view: the whole request through the test client, or for a document made in the background
  the request plus the worker's job (scraip.common.pdfjobs.make).

Times are CPU seconds of this process (steadier than wall time on a shared machine); the table
gives the minimum of the rounds, and the median beside it.
"""

import gc
import io
import re
import statistics
import time
from collections import Counter
from functools import partial
from pathlib import Path

from django.conf import settings
from django.template import Context, Engine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from weasyprint import HTML

from scraip.common import pdfjobs
from scraip.common.models import PdfJob
from scraip.common.pdf import PDF_OPTIONS, print_html
from scraip.followup import documents as followup_documents
from scraip.plans import documents as plan_documents

from . import pdfdata

BEFORE = Path(__file__).parent / "before"
PDF_LINK = re.compile(r'href="file://[^"]*pdf\.css"')
KINDS = {
    "plan": ("before/action_plan.html", plan_documents.action_plan, "plans:plan_pdf"),
    "pack": (
        "before/update_pack.html",
        followup_documents.update_pack,
        "followup:meeting_pack_pdf",
    ),
}


def before_engine() -> Engine:
    """The landed main's templates, with today's tag library standing in for its `scraip`
    library (the same filters: ordinal, current_holder, ordinal_update)."""
    return Engine(
        dirs=[str(BEFORE.parent), *(str(d) for d in settings.TEMPLATES[0]["DIRS"])],
        libraries={
            "scraip": "scraip.plans.templatetags.plans",
            "humanize": "django.contrib.humanize.templatetags.humanize",
            "static": "django.templatetags.static",
        },
    )


def before_html(engine: Engine, template: str, context: dict) -> str:
    html = engine.get_template(template).render(Context(context))
    return PDF_LINK.sub(f'href="file://{BEFORE / "pdf.css"}"', html)


def print_before(html: str) -> tuple[bytes, int]:
    """As the landed main printed (django-weasyprint's response: the collector left on)."""
    document = HTML(string=html, base_url="/").render(**PDF_OPTIONS)
    return document.write_pdf(**PDF_OPTIONS), len(document.pages)


def cpu(function):
    started = time.process_time()
    result = function()
    return time.process_time() - started, result


def body_words(pdf: bytes) -> Counter:
    """The words of the document, less its page furniture: a word on every page (the running
    title, "Page X of Y", the repeated table header) is left out, as the two layouts have
    different numbers of pages."""
    pages = [
        Counter(re.findall(r"[A-Za-z0-9]+", page.extract_text()))
        for page in PdfReader(io.BytesIO(pdf)).pages
    ]
    furniture = set.intersection(*(set(page) for page in pages)) if len(pages) > 1 else set()
    return Counter(word for page in pages for word in page.elements() if word not in furniture)


def is_tagged_ua(pdf: bytes) -> bool:
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    xmp = reader.xmp_metadata.stream.get_data().decode() if reader.xmp_metadata else ""
    return "/StructTreeRoot" in root and 'pdfuaid:part="1"' in xmp


def view_cpu(client: Client, url: str) -> tuple[float, int]:
    """The request; for a document made in the background, the request plus the worker."""
    started = time.process_time()
    response = client.get(url)
    if response.status_code == 302:
        job = PdfJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])
        pdfjobs.make(pdfjobs.claim_next() or job)
    elif response.status_code != 200:
        raise RuntimeError(f"{url} answered {response.status_code}")
    return time.process_time() - started, response.status_code


def measure(sizes=(100, 1000), rounds: int = 3, before_up_to: int = 100, log=print) -> list[dict]:
    records = pdfdata.build(sizes, timezone.localdate())
    client = Client()
    client.force_login(records.officer)
    engine = before_engine()
    results = []
    # The short documents first: a process that has laid out a thousand items holds more memory.
    for size in sorted(sizes):
        for kind in KINDS:
            record = (records.plans if kind == "plan" else records.meetings)[size]
            runs = rounds if size <= 100 else min(rounds, 2)
            row = measure_one(kind, record, size, runs, size <= before_up_to, client, engine)
            log(f"  {kind} {size}: {row}")
            results.append(row)
    return results


def measure_one(kind, record, size, runs, with_before, client, engine) -> dict:
    """One document: before, after and the view, interleaved round by round."""
    before_template, builder, view_name = KINDS[kind]
    document = builder(record.pk)
    html_after = document.html()
    html_before = before_html(engine, before_template, document.context())
    url = reverse(view_name, args=[record.pk])
    row = {"document": kind, "items": size, "size": document.items, "rounds": runs}
    times = {"before": [], "after": [], "view": []}
    for _ in range(runs):
        if with_before:
            seconds, (pdf_before, pages_before) = cpu(partial(print_before, html_before))
            times["before"].append(seconds)
        seconds, printed = cpu(partial(print_html, html_after))
        times["after"].append(seconds)
        times["view"].append(view_cpu(client, url)[0])
        gc.collect()
    for key, value in times.items():
        if value:
            row[f"{key}_s"], row[f"{key}_median_s"] = min(value), statistics.median(value)
    row["pages_after"] = printed.pages
    row["tagged_after"] = is_tagged_ua(printed.pdf)
    row["background"] = document.items > pdfjobs.background_threshold()
    if with_before:
        row["pages_before"] = pages_before
        row["tagged_before"] = is_tagged_ua(pdf_before)
        missing = body_words(pdf_before) - body_words(printed.pdf)
        row["words_missing_after"] = sum(missing.values())
        row["words_missing_sample"] = [word for word, _ in missing.most_common(8)]
    return row
