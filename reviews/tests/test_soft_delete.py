"""Deleting a review or an activity hides everything that hangs on it, everywhere (the witness
directory included), and restoring brings back exactly what went with it."""

import datetime

import pytest
from django.urls import reverse

from reviews.models import Activity, ActivityPart, ReviewDocument, ReviewMember, Witness
from reviews.tests.factories import (
    ActivityFactory,
    ActivityPartFactory,
    DocumentFactory,
    ReviewMemberFactory,
    WitnessFactory,
)
from reviews.tests.helpers import page_text
from scraip.common.softdelete import restore, soft_delete
from scraip.councils.tests.factories import CouncillorFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def evidence(joint_review):
    """Two sessions with lettered parts and witnesses, and a paper."""
    first = ActivityFactory(review=joint_review, planned_on=datetime.date(2014, 9, 10))
    second = ActivityFactory(review=joint_review, planned_on=datetime.date(2014, 10, 1))
    for activity in (first, second):
        for letter in "AB":
            part = ActivityPartFactory(activity=activity, letter=letter)
            WitnessFactory(part=part, organisation="Local Government Association", person=None)
    DocumentFactory(review=joint_review)
    return first, second


def live_counts() -> tuple[int, int, int, int]:
    return (
        Activity.objects.count(),
        ActivityPart.objects.count(),
        Witness.objects.count(),
        ReviewDocument.objects.count(),
    )


def test_a_deleted_reviews_evidence_and_papers_are_hidden_and_come_back_with_it(
    client, kent_officer, joint_review, evidence
):
    removed_before, _ = evidence
    soft_delete(record=removed_before)  # removed on its own before the review was deleted
    assert live_counts() == (1, 2, 2, 1)

    soft_delete(record=joint_review)

    assert live_counts() == (0, 0, 0, 0)
    client.force_login(kent_officer)
    assert "Local Government Association" not in page_text(
        client.get(reverse("reviews:witness_directory"))
    )

    restore(record=joint_review)

    assert live_counts() == (1, 2, 2, 1)
    assert not Activity.objects.filter(pk=removed_before.pk).exists()
    assert "Local Government Association" in page_text(
        client.get(reverse("reviews:witness_directory"))
    )


def test_removing_an_activity_hides_its_parts_and_witnesses_until_it_is_restored(
    client, officer, joint_review, evidence
):
    activity, _ = evidence
    client.force_login(officer)
    client.post(reverse("reviews:activity_delete", args=[activity.pk]))
    assert not ActivityPart.objects.filter(activity=activity).exists()
    assert not Witness.objects.filter(part__activity=activity).exists()

    client.post(reverse("reviews:activity_restore", args=[activity.pk]))

    assert [part.letter for part in activity.parts.all()] == ["A", "B"]
    assert Witness.objects.filter(part__activity=activity).count() == 2


def test_deleting_and_restoring_a_review_keeps_whom_each_substitute_stands_in_for(
    joint_review, other_authority
):
    member = ReviewMemberFactory(
        review=joint_review, councillor=CouncillorFactory(authority=other_authority)
    )
    substitute = ReviewMemberFactory(
        review=joint_review,
        councillor=CouncillorFactory(authority=other_authority),
        role=ReviewMember.Role.SUBSTITUTE,
        substitute_for=member,
    )
    soft_delete(record=joint_review)
    restore(record=joint_review)
    substitute.refresh_from_db()
    assert substitute.substitute_for == member


def test_a_part_removed_on_the_page_gives_up_its_letter(client, officer, joint_review):
    activity = ActivityFactory(
        review=joint_review, planned_on=datetime.date(2014, 10, 1), planned_precision="month"
    )
    part = ActivityPartFactory(activity=activity, letter="A", description="The first plan.")
    client.force_login(officer)
    url = reverse("reviews:activity_edit", args=[activity.pk])
    body = {
        "kind": "session",
        "planned": "October 2014",
        "loaded_version": str(activity.version),
        "parts-TOTAL_FORMS": "1",
        "parts-INITIAL_FORMS": "1",
        "parts-0-id": str(part.pk),
        "parts-0-letter": "A",
        "parts-0-kind": "part",
        "parts-0-description": "The first plan.",
        "parts-0-DELETE": "on",
    }
    assert client.post(url, body).status_code == 302
    assert ActivityPart.deleted_objects.get() == part

    activity.refresh_from_db()
    body = {
        **{key: value for key, value in body.items() if not key.startswith("parts-0")},
        "loaded_version": str(activity.version),
        "parts-INITIAL_FORMS": "0",
        "parts-0-letter": "A",
        "parts-0-kind": "part",
        "parts-0-description": "The second plan.",
    }
    assert client.post(url, body).status_code == 302
    assert activity.parts.get().description == "The second plan."
