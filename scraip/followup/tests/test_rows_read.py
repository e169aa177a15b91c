"""Each follow-up page reads only the rows it shows: at 10 and at 200 accepted items, the items,
updates, verdicts and target date changes built into Python during the request are no more
than the rows of items on the page (the update pack also prints what changed since each
item's update before the latest, so it reads up to two updates a row). A page that loaded every
item to choose some, as the dashboards once did, fails here at the larger size.

The items are those of `owing_dataset` (conftest.py): every list is longer than a page at the
larger size (items needing attention, updates owed, the cabinet member's and lead officer's
items)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from .helpers import instances_built

pytestmark = pytest.mark.django_db

ROWS_OF = ("plans.RecommendationPart", "followup.TargetDateChange")
RECORDS_OF = ("followup.ProgressUpdate", "followup.Verdict")


class ItemRows(HTMLParser):
    """Counts the table rows and list entries of a page that link to an item's pages."""

    def __init__(self, item_path: str):
        super().__init__()
        self.item_path = item_path
        self.open_rows: list[bool] = []
        self.rows = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("tr", "li"):
            self.open_rows.append(False)
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.startswith(self.item_path) and self.open_rows:
            self.open_rows[-1] = True

    def handle_endtag(self, tag):
        if tag in ("tr", "li") and self.open_rows:
            self.rows += self.open_rows.pop()


def item_rows(html: str) -> int:
    parser = ItemRows(reverse("followup:progress_item", args=[0]).removesuffix("0/"))
    parser.feed(html)
    return parser.rows


# (page, its record, who reads it, updates and verdicts read a row). The update pack prints
# the items of the meeting page without linking to them: its rows are counted there.
PAGES = [
    ("followup:dashboard_officer", None, "officer", 1),
    ("followup:dashboard_cabinet", None, "cabinet_a", 1),
    ("followup:dashboard_lead", None, "lead_officer", 1),
    ("followup:updates_owed", None, "officer", 1),
    ("followup:updates_owed", None, "lead_officer", 1),
    ("followup:meeting_detail", "meeting", "officer", 1),
    ("followup:meeting_pack", "meeting", "officer", 2),
    # A plan's tracker shows every item of the plan, with its latest update and verdict only.
    ("followup:plan_tracker", "plan", "officer", 1),
]
ROWS_SHOWN_ON = {"followup:meeting_pack": "followup:meeting_detail"}


@pytest.mark.parametrize(("route", "kind", "persona", "records_a_row"), PAGES)
def test_a_page_reads_no_more_rows_than_it_shows(
    request, client, owing_dataset, route, kind, persona, records_a_row
):
    owing = owing_dataset
    args = [getattr(owing, kind).pk] if kind else []
    client.force_login(request.getfixturevalue(persona))
    with instances_built() as built:
        response = client.get(reverse(route, args=args))
    assert response.status_code == 200
    if route in ROWS_SHOWN_ON:
        response = client.get(reverse(ROWS_SHOWN_ON[route], args=args))
    shown = item_rows(response.content.decode())
    assert shown, "the page shows no item: the dataset does not reach it"
    for label in ROWS_OF:
        assert built[label] <= shown, (label, built[label], shown)
    for label in RECORDS_OF:
        assert built[label] <= records_a_row * shown, (label, built[label], shown)
    if owing.size > 100 and route.startswith("followup:dashboard"):
        assert shown < owing.size  # a page of each list, not every item


def test_the_officers_dashboard_pages_each_list_on_its_own(client, officer, owing_dataset):
    owing = owing_dataset
    client.force_login(officer)
    url = reverse("followup:dashboard_officer")
    first = client.get(url).content.decode()
    second = client.get(url, {"attention": "2"}).content.decode()
    attention = "Items off track or past their target date</h2>"
    if owing.size > 20:
        assert "Page 1 of" in first.split(attention)[1]
        assert "Page 2 of" in second.split(attention)[1]
        assert first.split(attention)[1] != second.split(attention)[1]
        assert 'href="?attention=2#attention"' in first
    # The owed updates before the meeting are counted in full, listed ten at most.
    owed = first.split("Updates due before")[1].split("Items off track")[0]
    assert owed.count("<li>") == min(10, owing.size)
    if owing.size > 10:
        assert f"The 10 due soonest of {owing.size}" in owed


@pytest.mark.parametrize("query", [{}, {"decision": "accepted"}, {"overdue": "false"}])
def test_the_recommendation_list_reads_one_page_of_parts(client, officer, owing_dataset, query):
    """Its page's ids and the count come from one query, then those parts alone are read."""
    client.force_login(officer)
    with instances_built() as built:
        page = client.get(reverse("plans:recommendation_list"), query).content.decode()
    shown = page.count('<tr class="govuk-table__row">') - 1  # less the header row
    assert shown == min(50, owing_dataset.size)
    assert f"{owing_dataset.size} recommendations" in page
    assert built["plans.RecommendationPart"] == shown
