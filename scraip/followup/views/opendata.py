"""Open data: the published records as CSV and JSON, their schema, and an Atom feed. No sign-in.

What is published, and in which columns, is decided in scraip.followup.opendata. Each view
runs the same few queries however many plans there are; the files are streamed as the rows are
read. A council that has published nothing gets an empty file, the same as one whose plans are
all drafts, so no file shows that a draft exists; a council that does not exist is a 404.
"""

import datetime
import json
from collections.abc import Iterable, Iterator

from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.http.request import split_domain_port
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_safe

from scraip.common.spreadsheets import csv_lines
from scraip.common.text import download_name, one_line
from scraip.councils.models import Authority
from scraip.plans.models import ActionPlan

from .. import opendata

FORMATS = ("csv", "json")


def _authority_or_404(pk: int | None) -> Authority | None:
    return get_object_or_404(Authority, pk=pk) if pk is not None else None


def _plan_url(request):
    """The absolute address of a plan's public page, by its id."""
    return lambda plan_pk: request.build_absolute_uri(opendata.public_plan_path(plan_pk))


@require_safe
def open_data(request):
    """Permission: none (public). What the files hold, column by column, and where to download
    them and follow the feeds: for every council, and for each that has published plans."""
    published = ActionPlan.objects.published().filter(authority=OuterRef("pk"))
    councils = Authority.objects.filter(Exists(published)).order_by("name")
    return render(
        request,
        "followup/public/open_data.html",
        {
            "columns": opendata.COLUMNS,
            "version": opendata.SCHEMA_VERSION,
            "councils": councils,
        },
    )


@require_safe
def open_data_schema(request):
    """Permission: none (public). The columns as a Frictionless Table Schema (JSON)."""
    return JsonResponse(opendata.table_schema(), json_dumps_params={"indent": 2})


def _csv_value(value):
    """As the schema says: blank for a missing value, booleans as true or false (the text is
    quoted, where a spreadsheet would run it as a formula, by csv_lines)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _csv_lines(rows: Iterable[dict]) -> Iterator[bytes]:
    """Plain UTF-8 CSV, without the byte order mark Excel likes: the file is for programs."""
    return csv_lines(
        header=list(opendata.COLUMN_NAMES),
        rows=([_csv_value(row[name]) for name in opendata.COLUMN_NAMES] for row in rows),
        byte_order_mark=False,
    )


def _json_lines(request, rows: Iterable[dict]) -> Iterator[bytes]:
    """One JSON document, written an item at a time."""
    head = {
        "schema": request.build_absolute_uri(reverse("followup:open_data_schema")),
        "schema_version": opendata.SCHEMA_VERSION,
        "generated_at": timezone.localtime().isoformat(timespec="seconds"),
    }
    yield (json.dumps(head, ensure_ascii=False)[:-1] + ', "items": [').encode()
    separator = "\n"
    for row in rows:
        yield (separator + json.dumps(row, ensure_ascii=False)).encode()
        separator = ",\n"
    yield b"\n]}\n"


@require_safe
def open_data_download(request, fmt, authority=None):
    """Permission: none (public). Every item of the published plans, of every council or of
    one, as CSV or JSON, streamed."""
    if fmt not in FORMATS:
        raise Http404("No such format")
    council = _authority_or_404(authority)
    rows = opendata.item_rows(council, _plan_url(request))
    if fmt == "csv":
        lines, content_type = _csv_lines(rows), "text/csv; charset=utf-8"
    else:
        lines, content_type = _json_lines(request, rows), "application/json"
    response = StreamingHttpResponse(lines, content_type=content_type)
    filename = download_name(
        "scraip", "recommendations", council.name if council else "", extension=fmt
    )
    # The CSV is a download; the JSON opens in the browser or a program, named if it is saved.
    response["Content-Disposition"] = content_disposition_header(fmt == "csv", filename)
    return response


def _tag_authority(request) -> str:
    """The host, without its port, that names the feed's entries (tag URIs, RFC 4151)."""
    domain, _port = split_domain_port(request.get_host())
    return domain or "scraip"


def _midnight(day: datetime.date) -> datetime.datetime:
    """The start of the day in the council's time zone: Atom dates carry a time and zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def _atom_feed(request, entries: list[opendata.FeedEntry], *, title: str, link: str) -> str:
    """The entries as an Atom 1.0 document. Each entry's id is a tag URI naming the response
    or verdict (`tag:<host>,2026:response/12`): stable however its text or date is corrected."""
    feed_url = request.build_absolute_uri()
    feed = Atom1Feed(
        title=one_line(title),
        link=request.build_absolute_uri(link),
        description="The newest cabinet responses to scrutiny recommendations and the "
        "committees' verdicts on their progress.",
        feed_url=feed_url,
        feed_guid=feed_url,
        language="en-GB",
        author_name="SCRAIP",
    )
    plan_url, tag_authority = _plan_url(request), _tag_authority(request)
    for entry in entries:
        day = _midnight(entry.on)
        feed.add_item(
            title=entry.title,
            link=f"{plan_url(entry.plan_pk)}#item-{entry.item_pk}",
            description=entry.summary,
            unique_id=f"tag:{tag_authority},2026:{entry.kind}/{entry.pk}",
            unique_id_is_permalink=False,
            pubdate=day,
            updateddate=day,
            categories=(entry.kind,),
        )
    return feed.writeString("utf-8")


@require_safe
def public_feed(request, authority=None):
    """Permission: none (public). The newest cabinet responses and committee verdicts on the
    published plans, of every council or of one, as an Atom feed."""
    council = _authority_or_404(authority)
    if council is None:
        title, link = "SCRAIP: responses and verdicts", reverse("followup:public_councils")
    else:
        title = f"{council.name}: responses and verdicts"
        link = reverse("followup:public_plans", args=[council.pk])
    document = _atom_feed(request, opendata.feed_entries(council), title=title, link=link)
    return HttpResponse(document, content_type=Atom1Feed.content_type)
