"""Records changed by nobody (the system, an import, a command) show on every page."""

import datetime

import pytest
from django.urls import reverse

from reviews.models import ReviewStatusChange
from reviews.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_a_review_whose_status_the_system_changed_shows_its_pages(client, officer, authority):
    review = ReviewFactory(lead_authority=authority)
    ReviewStatusChange.objects.create(
        review=review,
        from_status="proposed",
        to_status="scoping",
        changed_on=datetime.date(2026, 11, 1),
        changed_by=None,
    )
    client.force_login(officer)
    for name in ("detail", "history", "summary"):
        page = client.get(reverse(f"reviews:{name}", args=[review.pk]))
        assert page.status_code == 200, name
    assert "The system" in client.get(reverse("reviews:detail", args=[review.pk])).content.decode()


def test_history_written_without_a_user_reads_as_the_system(client, officer, followed):
    # The fixture's records were saved outside any request, as an import or a command saves.
    response = followed.item_a.response
    client.force_login(officer)
    for url in (
        reverse("plans:plan_history", args=[followed.plan.pk]),
        reverse("plans:recommendation_history", args=[followed.item_a.recommendation_id]),
        reverse("plans:response_history", args=[response.pk]),
    ):
        page = client.get(url)
        assert page.status_code == 200, url
        assert "The system" in page.content.decode(), url
