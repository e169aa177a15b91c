"""The one way a page becomes a PDF: a `PdfDocument`, with every report extending pdf/base.html.

templates/pdf/base.html is the one print layout. A report template extends it and fills its
blocks: `title` (the <title>, which becomes the PDF's title), `running_title` (printed at the top
of every page), `author` and `description` (the PDF's metadata), `content` (the report), and
`status`, "draft" while the document is not final, so that DRAFT marks every page. The base
supplies the rest, styled by static/src/pdf.scss: the `lang`, the stylesheet, "Page X of Y",
table headers repeated on every page, rows never split, headings never hyphenated.

WeasyPrint lays out the HTML as tagged PDF/UA-1, so screen readers can read committee papers.
A view answers with `scraip.common.pdfjobs.serve`, which renders a short document in the request
and a long one in the background (a PdfJob, made by `manage.py run_pdf_jobs`).
"""

import gc
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

import weasyprint
from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django_weasyprint.utils import DjangoURLFetcher

from .text import download_name

PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


@dataclass
class PdfDocument:
    """A report to print: its template, what it prints (built only when it is printed), its
    download name, and how many items it holds, which decides whether it is made in the request
    or in the background."""

    template: str
    context: Callable[[], dict]
    filename: str
    title: str
    items: int
    extra: dict = field(default_factory=dict)

    def html(self) -> str:
        return render_to_string(self.template, self.context())


def pdf_filename(*parts: str) -> str:
    return download_name(*parts, extension="pdf")


@contextmanager
def collector_paused():
    """WeasyPrint builds hundreds of thousands of short-lived objects (boxes, line layouts) and
    almost none of them in reference cycles, so the cyclic garbage collector's passes find
    nothing, yet each pass walks every object the process holds (in a web process, all of
    Django's too). Pausing it while a document is laid out saves a fifth to a third of the time
    and makes the cost per page the same at 1,000 items as at 100; the peak memory is the same
    (a 1,000-item pack: 639 MB paused against 629 MB collecting). Once the document is released,
    a collection of the youngest generation (everything made while paused) frees its few cycles
    at once, so the next request does not pay for them."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
            gc.collect(0)


@dataclass(frozen=True)
class Printed:
    pdf: bytes
    pages: int


def print_html(html: str) -> Printed:
    """The tagged PDF of an HTML document that extends pdf/base.html. Its stylesheet and images
    are read from the static files (django-weasyprint's fetcher), never over HTTP."""
    with collector_paused():
        printed = _lay_out_and_write(html)
    return printed


def _lay_out_and_write(html: str) -> Printed:
    """WeasyPrint's work: the document it lays out is released when this returns."""
    base_url = getattr(settings, "WEASYPRINT_BASEURL", "/")
    source = weasyprint.HTML(string=html, base_url=base_url, url_fetcher=DjangoURLFetcher())
    document = source.render(**PDF_OPTIONS)
    return Printed(document.write_pdf(**PDF_OPTIONS), len(document.pages))


def pdf_response(pdf: bytes, filename: str) -> HttpResponse:
    """A PDF shown in the browser rather than downloaded."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
