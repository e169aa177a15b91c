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
# record and its permission checks, then the followed items with their plans, responses and
# lead officers, and three prefetches (updates, verdicts, target date changes).
FOLLOW_UP_PAGES = [
    ("followup:meeting_list", None, "officer", 10),
    ("followup:meeting_detail", "meeting", "officer", 15),
    ("followup:meeting_pack", "meeting", "officer", 15),
    ("followup:meeting_pack_pdf", "meeting", "officer", 14),
    ("followup:progress_item", "item", "officer", 11),
    ("followup:progress_edit", "update", "officer", 15),
    ("followup:plan_tracker", "plan", "officer", 14),
    ("followup:updates_owed", None, "officer", 13),
    ("followup:dashboard_officer", None, "officer", 15),
    ("followup:dashboard_cabinet", None, "cabinet_a", 16),
    ("followup:dashboard_lead", None, "lead_officer", 13),
    ("followup:calendar_feeds", None, "officer", 9),
]


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
