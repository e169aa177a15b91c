"""The Django admin refuses what the review's pages refuse: the review's councils, committees
and report-back, its officers and status, its members and its cost lines. Each test posts the
admin's change page as a superuser, with one thing the page would refuse, and finds the page's
message and nothing saved."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from reviews.models import CostItem, Review, ReviewMember
from reviews.tests.admin_forms import add_inline_rows, admin_form_data
from reviews.tests.factories import ActivityFactory, ReviewMemberFactory
from reviews.tests.helpers import page_text
from scraip.councils.tests.factories import (
    CommitteeFactory,
    CouncillorFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


def change_url(review) -> str:
    return reverse("admin:reviews_review_change", args=[review.pk])


def change_page(admin_client, review) -> dict:
    return admin_form_data(admin_client.get(change_url(review)))


def refused(response, message: str) -> bool:
    return response.status_code == 200 and message in page_text(response)


def test_a_committee_of_a_council_not_taking_part_is_refused(admin_client, joint_review, kent):
    kent_committee = CommitteeFactory(authority=kent, name="Kent Scrutiny Committee")
    data = change_page(admin_client, joint_review)
    data["commissioning_committees"] = [*data["commissioning_committees"], str(kent_committee.pk)]
    response = admin_client.post(change_url(joint_review), data)
    assert refused(
        response,
        "Kent Scrutiny Committee is a committee of Kent County Council, which is not taking part",
    )
    assert joint_review.commissioning_committees.count() == 3


def test_a_report_back_meeting_of_another_committee_is_refused(admin_client, joint_review, kent):
    meeting = MeetingFactory(committee=CommitteeFactory(authority=kent))
    data = change_page(admin_client, joint_review)
    data["reports_to"] = str(meeting.pk)
    response = admin_client.post(change_url(joint_review), data)
    assert refused(response, "Choose a meeting of one of the commissioning committees")
    joint_review.refresh_from_db()
    assert joint_review.reports_to is None


def test_a_report_back_before_a_planned_session_is_refused(admin_client, joint_review):
    ActivityFactory(
        review=joint_review, planned_on=datetime.date(2014, 11, 11), planned_precision="mid_late"
    )
    data = change_page(admin_client, joint_review)
    data["report_due_on"] = "2014-10-01"
    response = admin_client.post(change_url(joint_review), data)
    assert refused(response, "Session 1 is planned for Mid/Late November 2014, after this date")
    joint_review.refresh_from_db()
    assert joint_review.report_due_on == datetime.date(2014, 12, 1)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("programme_year", "1989", "Ensure this value is greater than or equal to 1990"),
        ("day_rate", "-1", "Ensure this value is greater than or equal to 0"),
    ],
)
def test_a_year_outside_the_programmes_or_a_negative_day_rate_is_refused(
    admin_client, joint_review, field, value, message
):
    data = change_page(admin_client, joint_review)
    data[field] = value
    assert refused(admin_client.post(change_url(joint_review), data), message)
    joint_review.refresh_from_db()
    assert (joint_review.programme_year, joint_review.day_rate) == (2014, None)


def test_an_officer_of_a_council_not_taking_part_is_refused(
    admin_client, joint_review, kent_officer
):
    data = change_page(admin_client, joint_review)
    data["lead_officer"] = str(kent_officer.person.pk)
    response = admin_client.post(change_url(joint_review), data)
    assert refused(response, "Choose a scrutiny officer of one of the councils taking part")
    joint_review.refresh_from_db()
    assert joint_review.lead_officer is None


def test_the_lead_officer_is_not_also_listed_as_supporting(
    admin_client, joint_review, officer, other_officer
):
    data = change_page(admin_client, joint_review)
    data["lead_officer"] = str(officer.person.pk)
    data["supporting_officers"] = f"{officer.person.pk},{other_officer.person.pk}"
    assert admin_client.post(change_url(joint_review), data).status_code == 302
    joint_review.refresh_from_db()
    assert joint_review.lead_officer == officer.person
    assert list(joint_review.supporting_officers.all()) == [other_officer.person]


def test_the_status_moves_only_on_the_reviews_page(admin_client, joint_review):
    data = change_page(admin_client, joint_review)
    data["status"] = Review.Status.CLOSED
    assert admin_client.post(change_url(joint_review), data).status_code == 302
    joint_review.refresh_from_db()
    assert joint_review.status == Review.Status.SCOPING
    assert not joint_review.status_changes.exists()


@pytest.fixture
def councillors(authority, other_authority, kent):
    def make(name, council):
        return CouncillorFactory(name=name, authority=council)

    return {
        "ashdown": make("Ruth Ashdown", authority),
        "pryce": make("Nina Pryce", other_authority),
        "harte": make("Owen Harte", other_authority),
        "lydden": make("Kent Member", kent),
    }


def member_row(person, role="member", **extra) -> dict:
    return {"councillor": str(person.pk), "role": role, "substitute_for": "", **extra}


def post_members(admin_client, review, rows):
    data = add_inline_rows(change_page(admin_client, review), "members", rows)
    return admin_client.post(change_url(review), data)


def test_a_substitute_with_no_member_of_their_council_is_refused(
    admin_client, joint_review, councillors
):
    rows = [
        member_row(councillors["ashdown"], "chair"),
        member_row(councillors["harte"], "substitute"),
    ]
    response = post_members(admin_client, joint_review, rows)
    assert refused(
        response,
        "Cllr Owen Harte is a substitute, but no Swale member is on the group for them to stand "
        "in for",
    )
    assert not ReviewMember.objects.exists()


def test_a_substitute_for_a_member_of_another_council_is_refused(
    admin_client, joint_review, councillors
):
    chair = ReviewMemberFactory(
        review=joint_review, councillor=councillors["ashdown"], role="chair"
    )
    ReviewMemberFactory(review=joint_review, councillor=councillors["pryce"])
    rows = [member_row(councillors["harte"], "substitute", substitute_for=str(chair.pk))]
    response = post_members(admin_client, joint_review, rows)
    assert refused(
        response, "A substitute stands in for a Swale member of the group who is not being removed"
    )
    assert joint_review.members.count() == 2


def test_only_a_substitute_stands_in_for_a_member(admin_client, joint_review, councillors):
    member = ReviewMemberFactory(review=joint_review, councillor=councillors["pryce"])
    rows = [member_row(councillors["harte"], "member", substitute_for=str(member.pk))]
    response = post_members(admin_client, joint_review, rows)
    assert refused(response, "Only a substitute stands in for a member")
    assert joint_review.members.count() == 1


def test_one_chair_only_and_no_one_twice(admin_client, joint_review, councillors):
    rows = [
        member_row(councillors["ashdown"], "chair"),
        member_row(councillors["pryce"], "chair"),
        member_row(councillors["pryce"]),
    ]
    text = page_text(post_members(admin_client, joint_review, rows))
    assert "The group has only one chair" in text
    assert "Cllr Nina Pryce is listed twice" in text
    assert not ReviewMember.objects.exists()


def test_a_councillor_of_a_council_not_taking_part_is_refused(
    admin_client, joint_review, councillors
):
    response = post_members(admin_client, joint_review, [member_row(councillors["lydden"])])
    assert refused(response, "Choose a councillor of one of the councils taking part")
    assert not ReviewMember.objects.exists()


def cost_row(**fields) -> dict:
    row = {
        "activity": "Survey",
        "support_days": "2",
        "day_rate": "300",
        "borne_by": "",
        "comments": "",
        "position": "0",
    }
    return {**row, **fields}


def post_costs(admin_client, review, rows):
    data = add_inline_rows(change_page(admin_client, review), "cost_items", rows)
    return admin_client.post(change_url(review), data)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"shared": "on", "borne_by": "swale"}, "A shared cost is split between the councils"),
        ({"day_rate": ""}, "Give a day rate here, or a day rate for the whole review above"),
        ({"borne_by": "kent"}, "Choose one of the councils taking part"),
        ({"support_days": "-1"}, "Ensure this value is greater than or equal to 0"),
    ],
    ids=["shared-with-a-payer", "no-day-rate", "payer-not-taking-part", "negative-days"],
)
def test_a_cost_line_the_costs_page_refuses_is_refused(
    admin_client, joint_review, other_authority, kent, row, message
):
    payers = {"swale": str(other_authority.pk), "kent": str(kent.pk)}
    if "borne_by" in row:
        row = {**row, "borne_by": payers[row["borne_by"]]}
    response = post_costs(admin_client, joint_review, [cost_row(**row)])
    assert refused(response, message)
    assert not CostItem.objects.exists()


def test_a_cost_line_takes_the_reviews_day_rate(admin_client, joint_review):
    data = change_page(admin_client, joint_review)
    data["day_rate"] = "350"
    add_inline_rows(data, "cost_items", [cost_row(day_rate="")])
    assert admin_client.post(change_url(joint_review), data).status_code == 302
    assert CostItem.objects.get().day_rate is None
    joint_review.refresh_from_db()
    assert joint_review.day_rate == Decimal("350")
