"""The tracker at 10 and at 1,000 items: the import and the exports run the same queries at both
sizes (the import's bulk inserts apart, which SQLite splits into batches of its variable limit),
and an import writes every update and its history row."""

import datetime
import math

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from scraip.common.spreadsheets import read_spreadsheet
from scraip.followup import tracker
from scraip.followup.models import FollowedPart, ProgressUpdate, Verdict
from scraip.plans.models import Recommendation, RecommendationPart, Response

pytestmark = pytest.mark.django_db

SIZES = [10, 1000]


@pytest.fixture(params=SIZES, ids=lambda size: f"{size}-items")
def tracked_plan(request, followed, officer, cabinet_a, lead_officer_person, portfolio_a):
    """The followed plan with `size` accepted items in all (its own two among them), each with
    an update, every other one with a verdict at the 1st report-back's meeting."""
    size = request.param
    plan = followed.plan
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(
            action_plan=plan,
            letter=f"R{n}",
            position=10 + n,
            text=f"Do {n}.",
            portfolio=portfolio_a,
        )
        for n in range(size - 2)
    )
    parts = RecommendationPart.objects.bulk_create(
        RecommendationPart(recommendation=recommendation) for recommendation in recommendations
    )
    Response.objects.bulk_create(
        Response(
            part=part,
            decision=Response.Decision.ACCEPTED,
            explanation="Because.",
            action=f"Carry out {part.pk}.",
            timetable=datetime.date(2027, 3, 1),
            lead_officer=lead_officer_person,
            responded_by=cabinet_a.person,
            entered_by=officer,
            responded_on=datetime.date(2026, 11, 1),
        )
        for part in parts
    )
    content_type = ContentType.objects.get_for_model(RecommendationPart)
    ids = [followed.item_a.pk, followed.item_g.pk, *(part.pk for part in parts)]
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            content_type=content_type,
            object_id=pk,
            status="on_track",
            narrative="Started.",
            reported_by=lead_officer_person,
            entered_by=officer,
            reported_on=datetime.date(2026, 11, 1),
        )
        for pk in ids
    )
    Verdict.objects.bulk_create(
        Verdict(
            content_type=content_type,
            object_id=pk,
            meeting=followed.meeting,
            report_back=followed.first,
            verdict="satisfied",
            recorded_by=officer,
        )
        for pk in ids[::2]
    )
    assert FollowedPart.objects.listed().of_plan(plan).count() == size
    return plan


def batches(model, rows: int) -> int:
    """How many INSERTs bulk_create makes of `rows` new rows of `model` on this database."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    return math.ceil(rows / max(connection.ops.bulk_batch_size(fields, [None] * rows), 1))


def lookup_batches(rows: int) -> int:
    """How many queries in_bulk makes to look up `rows` rows on this database."""
    limit = connection.features.max_query_params
    return math.ceil(rows / limit) if limit else 1


# Measured. The import: the user's session and user, the plan and the person behind the
# permission check (4); its transaction's savepoint (1); locking the items (1); the items with
# their state (1); the council's own words for statuses (1); the verdicts that closed any of
# them (1, even when none did, so that the count does not vary with the data); the
# updates and their history rows, one INSERT each (2; SQLite splits them into batches of its
# variable limit, `extra`); the savepoint's release (1); the session saved with the success
# message (3).
IMPORT_QUERIES = 15


def test_import_queries_do_not_grow_with_the_rows(
    client, officer, tracked_plan, django_assert_max_num_queries
):
    items = FollowedPart.objects.listed().of_plan(tracked_plan)
    size = items.count()
    upload = SimpleUploadedFile("tracker.xlsx", tracker.filled_in(items, rows=size))
    history = ProgressUpdate.history.model
    extra = batches(ProgressUpdate, size) + batches(history, size) - 2
    client.force_login(officer)
    url = reverse("followup:plan_tracker_import", args=[tracked_plan.pk])
    before = ProgressUpdate.objects.count()
    with django_assert_max_num_queries(IMPORT_QUERIES + extra):
        response = client.post(url, {"spreadsheet": upload})
    assert response.status_code == 302
    assert ProgressUpdate.objects.count() == before + size
    assert history.objects.filter(history_type="+", history_user=officer).count() == size


# The export: the user's session and user, the plan and the person behind the permission check
# (4), the session saved (3), then the items with their state (1) and their latest updates and
# verdicts (2), for every 1,000 items (SQLite looks them up 999 at a time, `extra`).
EXPORT_QUERIES = 10


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_queries_do_not_grow_with_the_rows(
    client, officer, tracked_plan, fmt, django_assert_max_num_queries
):
    size = FollowedPart.objects.listed().of_plan(tracked_plan).count()
    extra = lookup_batches(size) + lookup_batches(size // 2) - 2
    client.force_login(officer)
    url = reverse("followup:plan_tracker_export", args=[tracked_plan.pk, fmt])
    with django_assert_max_num_queries(EXPORT_QUERIES + extra):
        response = client.get(url)
        content = b"".join(response.streaming_content)
    upload = SimpleUploadedFile(f"tracker.{fmt}", content)
    with read_spreadsheet(upload, max_rows=tracker.MAX_ROWS) as sheet:
        numbers = [row.number for row in sheet.rows()]
    assert numbers == list(range(2, size + 2))
