"""The PDF benchmark: the action plan and the update pack at 100 and 1,000 items, before and after.

For each document, in one process and interleaved round by round:

- before: the same records in the landed main's markup and stylesheet (bench/before/, copied
  from commit efaf2e7), printed as that code printed them (WeasyPrint with the collector on);
- after: today's template, printed by scraip.common.pdf.print_html (WeasyPrint's own time on the
  HTML the view prints);
- the view: the whole request through the test client, or for a document made in the background
  the request plus the worker's job (scraip.common.pdfjobs.make).

Times are CPU seconds of this process (steadier than wall time on a shared machine); each round
starts with a different one of the three, and the table gives the minimum of the rounds, and the
median beside it. For each 100-item document it also reports the words the landed PDF prints
and today's does not (page furniture aside: `furniture`, `body_words`), and a cProfile of
today's print (`profile`).
"""

import cProfile
import gc
import io
import pstats
import re
import statistics
import time
from collections import Counter
from functools import partial
from html import unescape
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


WORD = re.compile(r"[A-Za-z0-9]+")
PAGE_NUMBER = re.compile(r"Page \d+ of \d+")
TABLE_HEAD = re.compile(r"<thead[^>]*>(.*?)</thead>", re.S)
RUNNING_TITLE = re.compile(r'<header class="running-title">(.*?)</header>', re.S)


def furniture(*htmls: str) -> list[tuple[str, ...]]:
    """What the layouts print as page furniture rather than content, as runs of words, longest
    first: each table's column headings (repeated on every page a table runs over, and worded
    differently by the two layouts: the landed pack had five columns, today's two) and the
    running title (the landed layout's was the same words, from the title in its heading)."""
    runs = set()
    for html in htmls:
        for head in TABLE_HEAD.findall(html):
            runs.add(tuple(WORD.findall(unescape(re.sub(r"<[^>]+>", " ", head)))))
        for title in RUNNING_TITLE.findall(html):
            runs.add(tuple(WORD.findall(unescape(title))))
    return sorted((run for run in runs if run), key=len, reverse=True)


def without(words: list[str], run: tuple[str, ...]) -> list[str]:
    kept, index, size = [], 0, len(run)
    while index < len(words):
        if tuple(words[index : index + size]) == run:
            index += size
        else:
            kept.append(words[index])
            index += 1
    return kept


def body_words(pdf: bytes, runs: list[tuple[str, ...]]) -> Counter:
    """Every word the document prints, less its page furniture: "Page X of Y" and the `runs` of
    `furniture()` wherever a page prints them. Two layouts of the same records should then print
    the same body words, however many pages they take."""
    words = Counter()
    for page in PdfReader(io.BytesIO(pdf)).pages:
        page_words = WORD.findall(PAGE_NUMBER.sub(" ", page.extract_text()))
        for run in runs:
            page_words = without(page_words, run)
        words.update(page_words)
    return words


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
    steps = {
        "before": partial(print_before, html_before),
        "after": partial(print_html, html_after),
        "view": partial(view_cpu, client, url),
    }
    if not with_before:
        del steps["before"]
    times, results = {key: [] for key in steps}, {}
    for number in range(runs):
        # Each round starts with a different step: the first print of a round pays for growing
        # the process's memory, which would otherwise always count against the same one.
        order = list(steps)[number % len(steps) :] + list(steps)[: number % len(steps)]
        for key in order:
            seconds, results[key] = cpu(steps[key])
            times[key].append(seconds)
            gc.collect()
    printed = results["after"]
    for key, value in times.items():
        if value:
            row[f"{key}_s"], row[f"{key}_median_s"] = min(value), statistics.median(value)
    row["pages_after"] = printed.pages
    row["tagged_after"] = is_tagged_ua(printed.pdf)
    row["background"] = document.items > pdfjobs.background_threshold()
    if with_before:
        pdf_before, row["pages_before"] = results["before"]
        row["tagged_before"] = is_tagged_ua(pdf_before)
        runs = furniture(html_before, html_after)
        missing = body_words(pdf_before, runs) - body_words(printed.pdf, runs)
        row["words_missing_after"] = sum(missing.values())
        row["words_missing_sample"] = [word for word, _ in missing.most_common(8)]
        added = body_words(printed.pdf, runs) - body_words(pdf_before, runs)
        row["words_added_after"] = sum(added.values())
        row["words_added_sample"] = [word for word, _ in added.most_common(8)]
        row["profile"] = profile(html_after)
    return row


# Where WeasyPrint's time goes (cumulative, so the parts overlap: "line boxes" is part of
# "layout", "text" part of "drawing").
PHASES = {
    "HTML parse": ("tinyhtml5/parser.py", "parse"),
    "styles": ("weasyprint/css/__init__.py", "get_all_computed_styles"),
    "boxes": ("formatting_structure/build.py", "build_formatting_structure"),
    "layout": ("weasyprint/layout/__init__.py", "layout_document"),
    "line boxes": ("weasyprint/layout/inline.py", "iter_line_boxes"),
    "page margins": ("weasyprint/layout/page.py", "make_margin_boxes"),
    "drawing": ("weasyprint/document.py", "paint"),
    "text": ("weasyprint/draw/text.py", "draw_text"),
    "tags": ("weasyprint/pdf/tags.py", "add_tags"),
    "PDF file": ("pydyf/__init__.py", "write"),
}


def profile(html: str, top: int = 15) -> dict:
    """One print of the HTML under cProfile: each phase's share of the time, how many line
    boxes were laid out (a row moved whole to the next page is laid out again there), and the
    functions that take the most time themselves. cProfile slows Python more than the C it calls
    (Pango, zlib), so the shares are approximate."""
    profiler = cProfile.Profile()
    profiler.enable()
    printed = print_html(html)
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    total = max(v[3] for (_, _, name), v in stats.items() if name == "print_html")

    def cumulative(path_end: str, function: str) -> float:
        found = [
            v[3]
            for (path, _, name), v in stats.items()
            if path.endswith(path_end) and name == function
        ]
        return max(found, default=0.0)

    lines = sum(v[1] for (path, _, name), v in stats.items() if name == "get_next_linebox")
    ranked = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:top]
    return {
        "share": {phase: round(cumulative(*key) / total, 3) for phase, key in PHASES.items()},
        "pages": printed.pages,
        "line_boxes_laid_out": lines,
        "top": [
            f"{v[2] / total:6.1%} {Path(path).parent.name}/{Path(path).name}:{line}({name}) x{v[1]}"
            for (path, line, name), v in ranked
        ],
    }
