"""What a signed-in person is sent is never stored by a cache; a deactivated account's calendar
feeds stop answering."""

import pytest
from django.urls import reverse

from scraip.followup.models import CalendarFeed

pytestmark = pytest.mark.django_db


def test_private_pages_exports_and_pdfs_are_sent_no_store(client, officer, followed):
    client.force_login(officer)
    for url in (
        reverse("plans:plan_list"),
        followed.plan.get_absolute_url(),
        reverse("plans:plan_pdf", args=[followed.plan.pk]),
        reverse("followup:dashboard_officer"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url


def test_the_public_register_keeps_its_own_caching(client):
    response = client.get("/partnerships/register/")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def test_a_deactivated_owners_calendar_feed_stops_answering(client, officer, followed):
    feed = CalendarFeed.objects.create(owner=officer, committee=followed.meeting.committee)
    url = reverse("followup:calendar_feed", args=[feed.token])
    assert client.get(url).status_code == 200
    officer.is_active = False
    officer.save()
    assert client.get(url).status_code == 404
    officer.is_active = True
    officer.save()
    assert client.get(url).status_code == 200
