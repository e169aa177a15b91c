"""Links both ways: a partnership shows the reviews and recommendations about it; a
recommendation names the partnerships it concerns."""

import pytest
from django.urls import reverse

from reviews.tests.factories import ReviewFactory

pytestmark = pytest.mark.django_db


def test_the_partnership_links_recommendations_and_reviews(
    client, officer, partnership, part_a, authority
):
    review = ReviewFactory(lead_authority=authority, title="Review of Health Partnerships")
    recommendation = part_a.recommendation
    client.force_login(officer)
    response = client.post(
        reverse("partnerships:links", args=[partnership.pk]),
        {
            "recommendations": [recommendation.pk],
            "reviews": [review.pk],
            "loaded_version": partnership.version,
        },
    )
    assert response.status_code == 302
    page = client.get(partnership.get_absolute_url()).content.decode()
    assert "Review of Health Partnerships" in page
    assert recommendation.get_absolute_url() in page
    assert list(recommendation.partnerships.all()) == [partnership]


def test_a_recommendation_names_its_partnerships(client, officer, councillor, partnership, part_a):
    recommendation = part_a.recommendation
    url = reverse("partnerships:recommendation", args=[recommendation.pk])
    client.force_login(officer)
    response = client.post(url, {"partnerships": [partnership.pk], "shown": ""})
    assert response.status_code == 302
    assert list(partnership.recommendations.all()) == [recommendation]
    client.force_login(councillor)
    page = client.get(url)
    assert "West Kent Health Partnership" in page.content.decode()
    assert page.context["form"] is None
    assert client.post(url, {"partnerships": []}).status_code == 403


def test_the_action_plan_links_each_recommendation_to_its_partnerships(client, councillor, part_a):
    recommendation = part_a.recommendation
    client.force_login(councillor)
    page = client.get(recommendation.action_plan.get_absolute_url()).content.decode()
    assert reverse("partnerships:recommendation", args=[recommendation.pk]) in page
