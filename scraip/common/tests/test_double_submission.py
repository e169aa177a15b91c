"""A form posted twice (a double click, a resent request) saves once and lands on the same
page, for every kind of record a form creates."""

import datetime
import io
import re

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from scraip.common.models import Submission
from scraip.councils.models import Meeting
from scraip.followup.models import ProgressUpdate, Verdict
from scraip.followup.tests.factories import ProgressUpdateFactory
from scraip.followup.tests.helpers import verdict_url
from scraip.plans.models import ActionPlan, Recommendation

pytestmark = pytest.mark.django_db


def token_of(page) -> str:
    found = re.search(r'name="_submission"\s+value="([0-9a-f]{32})"', page.content.decode())
    assert found, "the form carries no submission token"
    return found.group(1)


def post_twice(client, url, data):
    data = {**data, "_submission": token_of(client.get(url))}
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302, first.content.decode()[:2000]
    assert second.status_code == 302
    assert second["Location"] == first["Location"]
    return first


def test_a_plan_posted_twice_is_created_once(client, officer, committee):
    client.force_login(officer)
    data = {
        "title": "Review of Parking",
        "committee": committee.pk,
        "publication_date_0": "17",
        "publication_date_1": "9",
        "publication_date_2": "2026",
    }
    post_twice(client, reverse("plans:plan_create"), data)
    assert ActionPlan.objects.filter(title="Review of Parking").count() == 1


def test_a_recommendation_posted_twice_is_created_once(client, officer, plan, portfolio_a):
    client.force_login(officer)
    data = {
        "letter": "K",
        "position": "5",
        "text": "That the council publishes its parking data.",
        "portfolio": portfolio_a.pk,
        "parts-TOTAL_FORMS": "0",
        "parts-INITIAL_FORMS": "0",
        "parts-MIN_NUM_FORMS": "0",
        "parts-MAX_NUM_FORMS": "1000",
    }
    post_twice(client, reverse("plans:recommendation_create", args=[plan.pk]), data)
    assert Recommendation.objects.filter(letter="K").count() == 1


def test_a_progress_update_posted_twice_is_created_once(client, lead_officer, followed):
    client.force_login(lead_officer)
    url = reverse("followup:progress_add", args=[followed.item_a.pk])
    data = {"status": "on_track", "narrative": "The definition went to Full Council."}
    post_twice(client, url, data)
    assert ProgressUpdate.objects.filter(narrative__startswith="The definition").count() == 1


def test_a_verdict_posted_twice_is_recorded_once(client, officer, followed):
    ProgressUpdateFactory(subject=followed.item_g, report_back=followed.first)
    client.force_login(officer)
    post_twice(client, verdict_url(followed.item_g, followed.meeting), {"verdict": "satisfied"})
    assert Verdict.objects.count() == 1


def test_a_meeting_posted_twice_is_created_once(client, officer, committee):
    client.force_login(officer)
    url = reverse("followup:meeting_create")
    before = Meeting.objects.count()
    data = {
        "committee": committee.pk,
        "date_0": "14",
        "date_1": "12",
        "date_2": "2026",
        "place": "Town Hall",
        "status": "scheduled",
    }
    post_twice(client, url, data)
    assert Meeting.objects.count() == before + 1


def test_a_refused_post_gives_its_token_back(client, officer, committee):
    client.force_login(officer)
    url = reverse("plans:plan_create")
    token = token_of(client.get(url))
    page = client.post(url, {"title": "", "_submission": token})
    assert page.status_code == 200
    assert token_of(page) == token  # the form shown again keeps it
    assert not Submission.objects.exists()


def test_tokens_older_than_a_month_are_forgotten(officer):
    """`prune_submissions` keeps the table to about a month of saves; a token still inside
    the month keeps guarding its form."""
    old = Submission.objects.create(user=officer, token="a" * 32, result_url="/plans/1/")
    recent = Submission.objects.create(user=officer, token="b" * 32, result_url="/plans/2/")
    Submission.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    out = io.StringIO()
    call_command("prune_submissions", stdout=out)
    assert out.getvalue().strip() == "Forgot 1 form token."
    assert list(Submission.objects.values_list("pk", flat=True)) == [recent.pk]
    with pytest.raises(CommandError, match="--days must be 1 or more"):
        call_command("prune_submissions", days=0)
