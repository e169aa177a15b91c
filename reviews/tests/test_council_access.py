"""A joint review's councils are the lead council's to change; another council's officers see
a review's title, aim and status only."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from reviews.models import ReviewMember
from reviews.services import members as member_services
from reviews.services import reviews as review_services
from reviews.tests.factories import ReviewMemberFactory
from scraip.common.versioning import WorkflowError
from scraip.councils.tests.factories import CouncillorFactory

pytestmark = pytest.mark.django_db


def save_with_lead(review, lead, by):
    review.lead_authority = lead
    participants = set(review.participating_authorities.all())
    review_services.review_save(
        review=review,
        participants=participants,
        committees=list(review.commissioning_committees.all()),
        loaded_version=review.version,
        changed_by=by,
    )


def test_a_partner_councils_officer_cannot_make_their_council_the_lead(
    joint_review, tunbridge_wells_officer, tunbridge_wells, authority
):
    joint_review.supporting_officers.add(tunbridge_wells_officer.person)
    assert tunbridge_wells_officer.has_perm("reviews.change_review", joint_review)
    with pytest.raises(WorkflowError, match="Only officers of the lead council"):
        save_with_lead(joint_review, tunbridge_wells, tunbridge_wells_officer)
    joint_review.refresh_from_db()
    assert joint_review.lead_authority == authority


def test_a_partner_councils_officer_cannot_drop_the_lead_council(
    joint_review, tunbridge_wells_officer, other_authority, tunbridge_wells
):
    joint_review.supporting_officers.add(tunbridge_wells_officer.person)
    with pytest.raises(WorkflowError):
        review_services.review_save(
            review=joint_review,
            participants={tunbridge_wells},
            committees=[],
            loaded_version=joint_review.version,
            changed_by=tunbridge_wells_officer,
        )
    assert other_authority.pk in joint_review.participating_authority_ids


def test_the_lead_councils_officer_may_hand_the_lead_over(joint_review, officer, tunbridge_wells):
    save_with_lead(joint_review, tunbridge_wells, officer)
    joint_review.refresh_from_db()
    assert joint_review.lead_authority == tunbridge_wells


def test_another_councils_summary_shows_title_aim_and_status_only(
    client, joint_review, kent_officer, officer
):
    lead = officer.person
    lead.email = "olive@maidstone.gov.uk"
    lead.save()
    joint_review.lead_officer = lead
    joint_review.save()
    url = reverse("reviews:summary", args=[joint_review.pk])
    client.force_login(kent_officer)
    page = client.get(url).content.decode()
    assert joint_review.title in page and "To consider how the partnership" in page
    assert "Scoping" in page
    assert "olive@maidstone.gov.uk" not in page and "Lead officer" not in page
    client.force_login(officer)
    assert "olive@maidstone.gov.uk" in client.get(url).content.decode()


def _members_body(rows, existing=()):
    """The members page as posted: the stored rows (`existing`, kept unchanged) then `rows`."""
    body = {
        "members-TOTAL_FORMS": str(len(existing) + len(rows)),
        "members-INITIAL_FORMS": str(len(existing)),
    }
    for index, member in enumerate(existing):
        body[f"members-{index}-id"] = str(member.pk)
        body[f"members-{index}-councillor"] = str(member.councillor_id)
        body[f"members-{index}-role"] = member.role
    for index, row in enumerate(rows, start=len(existing)):
        body.update({f"members-{index}-{key}": value for key, value in row.items()})
    return body


@pytest.fixture
def partner_officer(joint_review, tunbridge_wells_officer):
    """A Tunbridge Wells officer supporting the Maidstone-led review: may change it."""
    joint_review.supporting_officers.add(tunbridge_wells_officer.person)
    return tunbridge_wells_officer


def test_a_partner_councils_officer_cannot_add_another_councils_member(
    client, joint_review, partner_officer, other_authority
):
    swale = CouncillorFactory(name="Nina Pryce", authority=other_authority)
    client.force_login(partner_officer)
    url = reverse("reviews:members", args=[joint_review.pk])
    page = client.post(url, _members_body([{"councillor": str(swale.pk), "role": "member"}]))
    assert page.status_code == 200
    assert "Only officers of the lead council" in page.content.decode()
    assert not joint_review.members.exists()


def test_a_partner_councils_officer_adds_their_own_councils_member(
    client, joint_review, partner_officer, tunbridge_wells
):
    own = CouncillorFactory(name="Diane Fowler", authority=tunbridge_wells)
    client.force_login(partner_officer)
    url = reverse("reviews:members", args=[joint_review.pk])
    page = client.post(url, _members_body([{"councillor": str(own.pk), "role": "member"}]))
    assert page.status_code == 302
    assert list(joint_review.members.values_list("councillor", flat=True)) == [own.pk]


def test_a_partner_councils_officer_cannot_remove_another_councils_member(
    client, joint_review, partner_officer, officer, authority
):
    chair = ReviewMemberFactory(
        review=joint_review,
        councillor=CouncillorFactory(name="Ruth Ashdown", authority=authority),
        role="chair",
    )
    body = _members_body([], existing=[chair])
    body["members-0-DELETE"] = "on"
    url = reverse("reviews:members", args=[joint_review.pk])
    client.force_login(partner_officer)
    page = client.post(url, body)
    assert "Only officers of the lead council" in page.content.decode()
    assert joint_review.members.filter(pk=chair.pk).exists()
    # The lead council's officer may.
    client.force_login(officer)
    assert client.post(url, body).status_code == 302
    assert not joint_review.members.filter(pk=chair.pk).exists()


def test_the_service_refuses_a_partner_officers_change_to_other_councils(
    joint_review, partner_officer, other_authority
):
    newcomer = ReviewMember(
        councillor=CouncillorFactory(name="Graham Tilley", authority=other_authority)
    )
    with pytest.raises(ValidationError, match="Only officers of the lead council"):
        member_services.review_members_save(
            review=joint_review, members=[newcomer], changed_by=partner_officer
        )
    assert not joint_review.members.exists()
