"""Lists that show a page at a time. A dashboard holds several, each paged by its own query
parameter (templates/followup/list_pages.html prints the links), so turning one list's page
keeps the others where they were."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Window


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


def page_of(request, rows, *, per_page: int, param: str = "page", read=None) -> ListPage:
    """The page of `rows` (a queryset, counted and sliced by the database) that `param` asks
    for; a page number past the end shows the last page, anything else not a number the first.

    One query finds the page's ids and how many rows there are in all (a window count), and a
    second reads the rows' columns (the items' state, their plans…) for those ids alone from
    `read` (by default `rows`; `rows` before its filters, to spare the database and Django
    working the filters out a second time for rows already chosen): the filter that chooses
    the rows is worked out once, and no row off the page is read."""
    number = _number(request.GET.get(param))
    ids, total = _ids_and_total(rows, number, per_page)
    if not ids and number > 1:
        number = max(1, -(-total // per_page)) if total else 1
        ids, total = _ids_and_total(rows, number, per_page)
    by_id = (rows if read is None else read).order_by().in_bulk(ids) if ids else {}
    page = Page(
        [by_id[pk] for pk in ids if pk in by_id], number, _CountedPaginator(total, per_page)
    )
    return ListPage(
        page,
        anchor=param,
        previous_url=_url(request, param, number - 1) if page.has_previous() else "",
        next_url=_url(request, param, number + 1) if page.has_next() else "",
    )


def _number(text) -> int:
    text = str(text or "")
    return max(1, int(text)) if text.isascii() and text.isdigit() and len(text) < 7 else 1


def _ids_and_total(rows, number: int, per_page: int) -> tuple[list, int]:
    start = (max(number, 1) - 1) * per_page
    found = list(
        rows.annotate(rows_in_all=Window(Count("pk"))).values_list("pk", "rows_in_all")[
            start : start + per_page
        ]
    )
    if found:
        return [pk for pk, _ in found], found[0][1]
    return [], rows.count() if number > 1 else 0


def _url(request, param: str, number: int) -> str:
    query = request.GET.copy()
    query[param] = str(number)
    return f"?{query.urlencode()}#{param}"
