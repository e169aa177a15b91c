"""A joint review is read by every council taking part, changed by its officers, and hidden (404)
from everyone else, who still sees its entry in the shared work programmes."""

import pytest
from django.urls import reverse

from reviews.models import Review
from reviews.rules import belongs_to_participating_authority
from reviews.tests.factories import ReviewFactory
from reviews.tests.helpers import page_text
from scraip.councils.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def status_of(client, user, route, review):
    client.force_login(user)
    return client.get(reverse(route, args=[review.pk])).status_code


@pytest.mark.parametrize(
    "persona",
    ["officer", "councillor", "swale_councillor", "other_officer", "tunbridge_wells_officer"],
)
def test_councillors_and_officers_of_every_participating_council_read_it(
    client, request, joint_review, persona
):
    user = request.getfixturevalue(persona)
    for route in ["reviews:detail", "reviews:scoping_report", "reviews:history"]:
        assert status_of(client, user, route, joint_review) == 200, route


def test_a_council_taking_no_part_gets_not_found_but_sees_the_programme_entry(
    client, joint_review, kent_officer
):
    assert status_of(client, kent_officer, "reviews:detail", joint_review) == 404
    assert status_of(client, kent_officer, "reviews:scoping_pdf", joint_review) == 404
    page = client.get(reverse("reviews:summary", args=[joint_review.pk]))
    assert page.status_code == 200
    assert joint_review.aim in page_text(page)
    assert "Open the full review" not in page_text(page)


def test_supporting_officers_from_another_council_edit_it(
    client, joint_review, other_officer, tunbridge_wells_officer
):
    assert status_of(client, other_officer, "reviews:edit", joint_review) == 403
    joint_review.supporting_officers.add(other_officer.person)
    assert status_of(client, other_officer, "reviews:edit", joint_review) == 200
    assert status_of(client, other_officer, "reviews:members", joint_review) == 200
    # Supporting one review gives no right to change another.
    assert status_of(client, tunbridge_wells_officer, "reviews:edit", joint_review) == 403


def test_the_lead_officer_edits_it_wherever_they_work(client, joint_review, kent_officer):
    assert status_of(client, kent_officer, "reviews:detail", joint_review) == 404
    Review.objects.filter(pk=joint_review.pk).update(lead_officer=kent_officer.person)
    assert status_of(client, kent_officer, "reviews:detail", joint_review) == 200
    assert status_of(client, kent_officer, "reviews:status", joint_review) == 200


def test_scrutiny_officers_of_the_lead_council_edit_it_and_its_councillors_only_read(
    client, joint_review, officer, councillor, swale_councillor
):
    assert status_of(client, officer, "reviews:edit", joint_review) == 200
    assert status_of(client, councillor, "reviews:edit", joint_review) == 403
    assert status_of(client, swale_councillor, "reviews:costs", joint_review) == 403
    page = client.get(reverse("reviews:detail", args=[joint_review.pk]))
    assert b"Edit details" not in page.content


def test_a_council_leaving_the_review_loses_sight_of_it(client, joint_review, swale_councillor):
    assert status_of(client, swale_councillor, "reviews:detail", joint_review) == 200
    joint_review.participating_authorities.remove(swale_councillor.person.authority)
    fresh = Review.objects.get(pk=joint_review.pk)
    assert not belongs_to_participating_authority(swale_councillor, fresh)
    assert status_of(client, swale_councillor, "reviews:detail", joint_review) == 404


def test_a_deleted_review_is_not_found(client, joint_review, officer):
    Review.objects.filter(pk=joint_review.pk).update(deleted_at="2026-10-01T00:00Z")
    assert status_of(client, officer, "reviews:detail", joint_review) == 404
    assert status_of(client, officer, "reviews:summary", joint_review) == 404


@pytest.mark.parametrize(
    "persona",
    [
        "officer",
        "councillor",
        "swale_councillor",
        "other_officer",
        "tunbridge_wells_officer",
        "kent_officer",
        "lead_officer",
    ],
)
def test_the_database_reads_agree_with_the_rules(
    request, joint_review, other_authority, kent_officer, persona
):
    """Review.objects.visible_to and changeable_by give the reviews the rules allow."""
    user = request.getfixturevalue(persona)
    swale_review = ReviewFactory(lead_authority=other_authority, title="Swale's own")
    supported = ReviewFactory(lead_authority=kent_officer.person.authority, title="Kent's")
    supported.supporting_officers.add(user.person)
    reviews = list(Review.objects.all())
    for permission, reads in [
        ("reviews.view_review", Review.objects.visible_to(user)),
        ("reviews.change_review", Review.objects.changeable_by(user)),
    ]:
        allowed = {review for review in reviews if user.has_perm(permission, review)}
        assert set(reads) == allowed, permission
    assert swale_review in Review.objects.visible_to(UserFactory(is_superuser=True))
