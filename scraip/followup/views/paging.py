"""Lists that show a page at a time. A dashboard holds several, each paged by its own query
parameter (templates/followup/list_pages.html prints the links), so turning one list's page
keeps the others where they were."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window
from django.db.models.functions import RowNumber


@dataclass(frozen=True)
class ListPage:
    page: Page
    anchor: str  # the id of the list's heading, where its page links land
    previous_url: str = ""
    next_url: str = ""

    def __iter__(self):
        return iter(self.page.object_list)

    def __len__(self):
        return len(self.page.object_list)

    @property
    def rows(self) -> list:
        return self.page.object_list

    @property
    def total(self) -> int:
        return self.page.paginator.count


class _CountedPaginator(Paginator):
    """A paginator told its count, which the page's own query brought back."""

    def __init__(self, count: int, per_page: int):
        super().__init__([], per_page)
        self.__dict__["count"] = count


def page_of(
    request,
    rows,
    *,
    per_page: int,
    param: str = "page",
    read=None,
    few: bool = False,
    total: int | None = None,
) -> ListPage:
    """The page of `rows` (a queryset, counted and sliced by the database) that `param` asks
    for; a page number past the end shows the last page, anything else not a number the first.

    One query finds the page's ids and how many rows there are in all (a window count), and a
    second reads the rows' columns (the items' state, their plans…) for those ids alone from
    `read` (by default `rows`; `rows` before its filters, to spare the database and Django
    working the filters out a second time for rows already chosen): the filter that chooses
    the rows is worked out once, and no row off the page is read. `few` for a list of one
    person's rows (a few among many): the page is chosen by row number (see _by_row_number).

    `total`, how many rows there are when the page has counted them already (the chart's query
    can: FollowedPartQuerySet.counts): then the page's query reads its ids alone, and the
    database stops at the last row of the page, where counting would have gone through every
    row (on the generated network, a council's items needing attention: 4.5 ms to 0.2 ms on
    SQLite, 13 ms to 1 ms on PostgreSQL)."""
    totals = {} if total is None else {param: total}
    return pages_of(
        request,
        rows if read is None else read,
        per_page=per_page,
        few=few,
        totals=totals,
        **{param: rows},
    )[param]


def pages_of(
    request, read, *, per_page: int, few: bool = False, totals: dict | None = None, **lists
) -> dict[str, ListPage]:
    """Several lists of the same kind of row on one page (a dashboard's), each a queryset
    narrowing `read` and paged by its own query parameter, the keyword it is given by: one
    query each finds its page's ids and total (as page_of; `totals`, those already counted),
    and one query reads the rows of every list's page together from `read`."""
    totals = totals or {}
    found = {
        param: _found(request, rows, param, per_page, few, totals.get(param))
        for param, rows in lists.items()
    }
    wanted = {pk for _number, ids, _total in found.values() for pk in ids}
    by_id = read.order_by().in_bulk(wanted) if wanted else {}
    pages = {}
    for param, (number, ids, total) in found.items():
        page = Page(
            [by_id[pk] for pk in ids if pk in by_id], number, _CountedPaginator(total, per_page)
        )
        pages[param] = ListPage(
            page,
            anchor=param,
            previous_url=_url(request, param, number - 1) if page.has_previous() else "",
            next_url=_url(request, param, number + 1) if page.has_next() else "",
        )
    return pages


def _found(
    request, rows, param: str, per_page: int, few: bool, total: int | None
) -> tuple[int, list, int]:
    """The page number `param` asks for (the last page for one past the end), its rows' ids
    and how many rows there are in all (`total` when already counted; one person's few rows
    are still chosen by row number, whose plan does not hang on a LIMIT)."""
    number = _number(request.GET.get(param))
    if total is not None and not few:
        number = min(number, _last_page(total, per_page))
        start = (number - 1) * per_page
        return number, list(rows.values_list("pk", flat=True)[start : start + per_page]), total
    ids, total = _ids_and_total(rows, number, per_page, few)
    if not ids and number > 1:
        number = _last_page(total, per_page)
        ids, total = _ids_and_total(rows, number, per_page, few)
    return number, ids, total


def _last_page(total: int, per_page: int) -> int:
    """The number of the last page of `total` rows (1 when there are none)."""
    return max(1, -(-total // per_page))


def _number(text) -> int:
    text = str(text or "")
    return max(1, int(text)) if text.isascii() and text.isdigit() and len(text) < 7 else 1


def _ids_and_total(rows, number: int, per_page: int, few: bool) -> tuple[list, int]:
    """The ids of the page's rows and how many rows there are in all (a window count), in one
    query."""
    start = (max(number, 1) - 1) * per_page
    counted = rows.annotate(rows_in_all=Window(Count("pk")))
    if few:
        found = list(_by_row_number(counted, start, per_page).values_list("pk", "rows_in_all"))
    else:
        found = list(counted.values_list("pk", "rows_in_all")[start : start + per_page])
    if found:
        return [pk for pk, _ in found], found[0][1]
    return [], rows.count() if number > 1 else 0


def _by_row_number(rows, start: int, per_page: int):
    """The page's rows chosen by their row numbers in the list's order, not by ORDER BY …
    LIMIT. PostgreSQL 15 prices a LIMIT over a window as if it could stop early, so for a few
    rows among many (the items needing a lead officer's attention: 83 of 76,000) it walked
    every recommendation in the list's order looking for the first of them, reading the whole
    table (0.4 s on the generated network). Without a LIMIT it starts from the rows the filter
    picks through their indexes (the officer's responses: 5 ms). For a council's lists, whose
    rows are many, the LIMIT's early stop is the better plan, so this is asked for."""
    ordering = [*(rows.query.order_by or rows.model._meta.ordering), "pk"]
    return (
        rows.annotate(row_number=Window(RowNumber(), order_by=ordering))
        .filter(row_number__gt=start, row_number__lte=start + per_page)
        .order_by("row_number")
    )


def _url(request, param: str, number: int) -> str:
    query = request.GET.copy()
    query[param] = str(number)
    return f"?{query.urlencode()}#{param}"
