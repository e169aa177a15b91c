"""Every public URL, read as an anonymous visitor, gives away no personal contact detail and
nothing the council keeps to itself: every person in the database has an email address, the
progress update has its narrative, the verdict its note and the report-back its note, and the
walk finds none of them on any public page, download or feed.

The routes walked are the access matrix's PUBLIC list (tests/test_access.py) with the records
its RULES name, so a public route added there is walked here too."""

import pytest
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse

from scraip.councils.models import Person
from scraip.followup.models import ProgressUpdate
from scraip.followup.tests.factories import VerdictFactory
from scraip.plans.models import ActionPlan, ReportBack
from tests.test_access import PUBLIC, RULES

pytestmark = pytest.mark.django_db

# Signing in and resetting a password are public but show no records.
WALKED = sorted(route for route in PUBLIC if ":" in route)
SECRETS = (
    "@example.org",
    "Work has started and is on schedule.",  # the progress update's narrative
    "Said in closed session.",  # the verdict's note
    "Officer to brief the chair first.",  # the report-back's note
    "Draft plan nobody may see",
)


@pytest.fixture
def published(objects, plan, officer):
    """The access matrix's records, with the plan answered, followed up and published; a
    draft beside it; and an email address for every person."""
    Person.objects.update(
        email=Concat(Value("person"), Cast("pk", CharField()), Value("@example.org"))
    )
    plan.status = ActionPlan.Status.RESPONDED
    plan.save()
    update = ProgressUpdate.objects.get(pk=objects["update"][0])
    ReportBack.objects.filter(pk=objects["report_back"][0]).update(
        note="Officer to brief the chair first."
    )
    meeting = update.report_back.meeting
    VerdictFactory(
        subject=update.subject, meeting=meeting, verdict="satisfied", note="Said in closed session."
    )
    ActionPlan.objects.create(
        authority=plan.authority,
        committee=plan.committee,
        title="Draft plan nobody may see",
        publication_date=plan.publication_date,
    )
    return {**objects, "published_plan": [plan.pk]}


def test_the_walk_covers_the_plans_pages_downloads_and_feeds():
    assert {
        "followup:public_plan",
        "followup:public_plans",
        "followup:open_data_all",
        "followup:public_feed",
        "partnerships:register_detail",
    } <= set(WALKED)


@pytest.mark.parametrize("route", WALKED)
def test_no_public_url_shows_a_contact_detail_or_anything_kept_private(client, published, route):
    _, kind, _ = RULES[route]
    args = published[kind]
    if route == "followup:open_data_all":
        urls = [reverse(route, args=[fmt]) for fmt in ("csv", "json")]
    elif route == "followup:open_data_council":
        urls = [reverse(route, args=[args[0], fmt]) for fmt in ("csv", "json")]
    else:
        urls = [reverse(route, args=args)]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        text = body.decode()
        for secret in SECRETS:
            assert secret not in text, (url, secret)


def test_the_published_plan_is_really_there(client, published, plan):
    """The walk reads a page that has the records, not an empty one."""
    page = client.get(reverse("followup:public_plan", args=[plan.pk])).content.decode()
    assert "Satisfied" in page and plan.title in page
