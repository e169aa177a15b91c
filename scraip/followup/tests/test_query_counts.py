"""Query counts of the follow-up pages, at 10 and at 200 accepted items (the dataset is the
`followed_dataset` fixture of conftest.py)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _count_queries(client, user, url, ceiling, django_assert_max_num_queries):
    client.force_login(user)
    with django_assert_max_num_queries(ceiling):
        response = client.get(url)
    assert response.status_code == 200, url
    return response


# Measured ceilings (the same at 10 and 200 items). Each counts the six queries every signed-in
# page runs (five for the PDF, which has no site header); the rest are the page's own: the
# record and its permission checks, then the followed items with their state (one query, the
# state in subqueries), and the latest records of the rows shown (updates, verdicts: one query
# each). A list shown a page at a time costs three: how many, the page's ids, those rows.
FOLLOW_UP_PAGES = [
    ("followup:meeting_list", None, "officer", 10),
    # Meeting; report-backs at it; each plan's counts of items due, updates in and verdicts
    # given, by standing (one aggregate); the items due of the plans shown (with the verdict here
    # and whether each came in); their latest updates; their verdicts (latest and here).
    ("followup:meeting_detail", "meeting", "officer", 13),
    # As the meeting page, and the target dates moved between each item's last two updates.
    ("followup:meeting_pack", "meeting", "officer", 14),
    ("followup:meeting_pack_pdf", "meeting", "officer", 14),
    # The pack's Word copy: as the PDF, less the pack's size (a Word copy is never queued).
    ("followup:meeting_pack_docx", "meeting", "officer", 12),
    ("followup:progress_item", "item", "officer", 11),
    ("followup:progress_edit", "update", "officer", 15),
    ("followup:plan_tracker", "plan", "officer", 14),
    # How many updates are owed (none here; see OWING_PAGES).
    ("followup:updates_owed", None, "officer", 8),
    # Items needing attention (a page); their latest updates and verdicts; responses due (how
    # many); the committees' next meetings; how many updates are owed before each and the first
    # ten with how many (one query); the chart's counts; people who cannot be emailed (who they
    # are, then what each has due). A list's latest updates and verdicts are two queries even
    # when it is empty (state.attach_latest), so the count does not vary with the data.
    ("followup:dashboard_officer", None, "officer", 20),
    # Portfolios held (once, for the permission, the header and the page); awaiting my response
    # (a page); my portfolios' items (a page) with their latest updates and verdicts; the
    # chart's counts.
    ("followup:dashboard_cabinet", None, "cabinet_a", 15),
    # Person; the pages of my items, of the updates I owe and of those needing attention (their
    # ids and totals, then the rows of all three in one query); the latest updates and verdicts
    # of those needing attention; the chart's counts.
    ("followup:dashboard_lead", None, "lead_officer", 16),
    ("followup:calendar_feeds", None, "officer", 9),
]

# The same pages when every list is longer than a page (`owing_dataset`): each list's page of
# rows is read, so a few more queries, still the same at 10 and at 200 items.
OWING_PAGES = [
    # ... and the supporting officers owing updates, among those who cannot be emailed.
    ("followup:dashboard_officer", None, "officer", 20),
    ("followup:dashboard_cabinet", None, "cabinet_a", 15),
    ("followup:dashboard_lead", None, "lead_officer", 16),
    ("followup:updates_owed", None, "officer", 10),
    # A lead officer's header also asks whether a recommendation awaits their answer by name.
    ("followup:updates_owed", None, "lead_officer", 13),
    ("followup:meeting_detail", "meeting", "officer", 13),
    ("followup:meeting_pack", "meeting", "officer", 14),
]


@pytest.mark.parametrize(("route", "kind", "persona", "ceiling"), OWING_PAGES)
def test_follow_up_page_queries_with_long_lists(
    request, client, owing_dataset, django_assert_max_num_queries, route, kind, persona, ceiling
):
    url = reverse(route, args=[owing_dataset.meeting.pk] if kind else [])
    user = request.getfixturevalue(persona)
    _count_queries(client, user, url, ceiling, django_assert_max_num_queries)


@pytest.mark.parametrize(("route", "kind", "persona", "ceiling"), FOLLOW_UP_PAGES)
def test_follow_up_page_queries(
    request, client, followed_dataset, django_assert_max_num_queries, route, kind, persona, ceiling
):
    objects = {
        "meeting": followed_dataset.meeting.pk,
        "item": followed_dataset.item.pk,
        "update": followed_dataset.update.pk,
        "plan": followed_dataset.plan.pk,
    }
    url = reverse(route, args=[objects[kind]] if kind else [])
    user = request.getfixturevalue(persona)
    page = _count_queries(client, user, url, ceiling, django_assert_max_num_queries)
    if route == "followup:meeting_detail":  # every item due is on the page
        assert f"{followed_dataset.size} items" in page.content.decode()
