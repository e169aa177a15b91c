"""Members from each council with their roles; substitutes stand in for a member of their own
council; officer support defaults to the chair's council."""

import pytest
from django.urls import reverse

from reviews.models import ReviewMember
from reviews.tests.factories import ReviewMemberFactory
from reviews.tests.helpers import page_text
from scraip.councils.models import Person
from scraip.councils.tests.factories import CouncillorFactory

pytestmark = pytest.mark.django_db


def members_body(rows, existing=0):
    body = {
        "members-TOTAL_FORMS": str(len(rows)),
        "members-INITIAL_FORMS": str(existing),
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            body[f"members-{index}-{key}"] = value
    return body


@pytest.fixture
def councillors(authority, other_authority, tunbridge_wells, kent):
    def make(name, council, group="Independent"):
        return CouncillorFactory(name=name, authority=council, political_group=group)

    return {
        "ashdown": make("Ruth Ashdown", authority, "Conservative"),
        "pryce": make("Nina Pryce", other_authority),
        "tilley": make("Graham Tilley", other_authority),
        "harte": make("Owen Harte", other_authority),
        "fowler": make("Diane Fowler", tunbridge_wells),
        "lydden": make("Kent Member", kent),
    }


def row(person, role="member", **extra):
    return {"councillor": str(person.pk), "role": role, **extra}


def test_members_of_each_council_are_saved_with_their_roles(
    client, officer, joint_review, councillors
):
    client.force_login(officer)
    body = members_body(
        [
            row(councillors["ashdown"], "chair"),
            row(councillors["pryce"], "vice_chair"),
            row(councillors["tilley"]),
            row(councillors["harte"], "substitute"),
            row(councillors["fowler"]),
        ]
    )
    response = client.post(reverse("reviews:members", args=[joint_review.pk]), body)
    assert response.status_code == 302
    roles = dict(joint_review.members.values_list("councillor__name", "role"))
    assert roles == {
        "Ruth Ashdown": "chair",
        "Nina Pryce": "vice_chair",
        "Graham Tilley": "member",
        "Owen Harte": "substitute",
        "Diane Fowler": "member",
    }
    page = page_text(client.get(joint_review.get_absolute_url()))
    assert "Cllr Owen Harte Swale Independent Substitute, for any Swale member" in page


def test_a_substitute_with_no_member_of_their_council_to_stand_in_for_is_refused(
    client, officer, joint_review, councillors
):
    client.force_login(officer)
    body = members_body(
        [row(councillors["ashdown"], "chair"), row(councillors["harte"], "substitute")]
    )
    response = client.post(reverse("reviews:members", args=[joint_review.pk]), body)
    assert response.status_code == 200
    assert (
        "Cllr Owen Harte is a substitute, but no Swale member is on the group for them to stand "
        "in for" in page_text(response)
    )
    assert not ReviewMember.objects.exists()
    # What was entered is still on the page.
    assert f'value="{councillors["harte"].pk}" selected' in response.content.decode()


def test_removing_the_last_member_a_substitute_stands_in_for_is_refused(
    client, officer, joint_review, councillors
):
    member = ReviewMemberFactory(review=joint_review, councillor=councillors["pryce"])
    substitute = ReviewMemberFactory(
        review=joint_review,
        councillor=councillors["harte"],
        role="substitute",
        substitute_for=member,
    )
    client.force_login(officer)
    body = members_body(
        [
            row(councillors["pryce"], id=str(member.pk), DELETE="on"),
            row(
                councillors["harte"],
                "substitute",
                id=str(substitute.pk),
                substitute_for=str(member.pk),
            ),
        ],
        existing=2,
    )
    response = client.post(reverse("reviews:members", args=[joint_review.pk]), body)
    assert "no Swale member is on the group" in page_text(response)
    assert joint_review.members.count() == 2


def test_a_substitute_stands_in_for_a_member_of_their_own_council(
    client, officer, joint_review, councillors
):
    chair = ReviewMemberFactory(
        review=joint_review, councillor=councillors["ashdown"], role="chair"
    )
    member = ReviewMemberFactory(review=joint_review, councillor=councillors["pryce"])
    client.force_login(officer)
    url = reverse("reviews:members", args=[joint_review.pk])
    existing = [
        row(councillors["ashdown"], "chair", id=str(chair.pk)),
        row(councillors["pryce"], id=str(member.pk)),
    ]
    wrong = members_body(
        [*existing, row(councillors["harte"], "substitute", substitute_for=str(chair.pk))], 2
    )
    assert "A substitute stands in for a Swale member" in page_text(client.post(url, wrong))
    right = members_body(
        [*existing, row(councillors["harte"], "substitute", substitute_for=str(member.pk))], 2
    )
    assert client.post(url, right).status_code == 302
    assert ReviewMember.objects.get(role="substitute").substitute_for == member


def test_one_chair_only_and_no_one_twice(client, officer, joint_review, councillors):
    client.force_login(officer)
    body = members_body(
        [
            row(councillors["ashdown"], "chair"),
            row(councillors["pryce"], "chair"),
            row(councillors["pryce"]),
        ]
    )
    text = page_text(client.post(reverse("reviews:members", args=[joint_review.pk]), body))
    assert "The group has only one chair" in text
    assert "Cllr Nina Pryce is listed twice" in text
    assert not ReviewMember.objects.exists()


def test_only_councillors_of_the_councils_taking_part_are_offered(
    client, officer, joint_review, councillors
):
    client.force_login(officer)
    page = client.get(reverse("reviews:members", args=[joint_review.pk]))
    assert "Nina Pryce (Independent, Swale)" in page_text(page)
    assert "Kent Member" not in page_text(page)
    body = members_body([row(councillors["lydden"])])
    response = client.post(reverse("reviews:members", args=[joint_review.pk]), body)
    assert "Choose a councillor of one of the councils taking part" in page_text(response)


def test_the_lead_officer_is_suggested_from_the_chairs_council(
    client, officer, other_officer, joint_review, councillors
):
    ReviewMemberFactory(review=joint_review, councillor=councillors["pryce"], role="chair")
    client.force_login(officer)
    page = client.get(reverse("reviews:officers", args=[joint_review.pk]))
    html = page.content.decode()
    assert f'<option value="{other_officer.person.pk}" selected>' in html
    body = {
        "lead_officer": str(other_officer.person.pk),
        "supporting_officers": [str(officer.person.pk), str(other_officer.person.pk)],
        "loaded_version": str(joint_review.version),
    }
    response = client.post(reverse("reviews:officers", args=[joint_review.pk]), body)
    assert response.status_code == 302
    joint_review.refresh_from_db()
    assert joint_review.lead_officer == other_officer.person
    # The lead is not also listed as supporting.
    assert list(joint_review.supporting_officers.all()) == [officer.person]


def test_officers_of_councils_not_taking_part_are_not_offered(
    client, officer, joint_review, kent_officer
):
    client.force_login(officer)
    body = {"lead_officer": str(kent_officer.person.pk), "loaded_version": "1"}
    response = client.post(reverse("reviews:officers", args=[joint_review.pk]), body)
    assert "Select a valid choice" in page_text(response)
    assert not Person.objects.filter(reviews_led=joint_review).exists()
