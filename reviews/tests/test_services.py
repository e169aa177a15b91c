"""The rules across rows hold for every caller of the services, not only the pages: the demo
loader, an import or a shell get the same refusals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from reviews import services
from reviews.models import Activity, ActivityPart, CostItem, ReviewMember, ReviewStatus
from reviews.tests.factories import ActivityFactory, ReviewMemberFactory, WitnessFactory
from scraip.common.versioning import WorkflowError
from scraip.councils.tests.factories import CommitteeFactory, CouncillorFactory

pytestmark = pytest.mark.django_db


def test_a_committee_of_a_council_not_taking_part_is_refused(joint_review, authority, kent):
    with pytest.raises(ValidationError, match="which is not taking part"):
        services.review_scope_check(
            review_pk=None,
            lead_authority=authority,
            participants=[],
            committees=[CommitteeFactory(authority=kent)],
            reports_to=None,
            report_deadline=None,
        )


def test_a_report_back_before_a_planned_step_is_refused(joint_review, authority):
    ActivityFactory(review=joint_review, planned_on=datetime.date(2014, 11, 11))
    with pytest.raises(ValidationError, match="after this date") as refused:
        services.review_scope_check(
            review_pk=joint_review.pk,
            lead_authority=authority,
            participants=[],
            committees=[],
            reports_to=None,
            report_deadline=datetime.date(2014, 10, 31),
        )
    assert set(refused.value.error_dict) == {"report_due_on"}


def test_a_step_planned_after_the_report_back_is_refused(joint_review):
    with pytest.raises(ValidationError, match="after the review reports back"):
        services.activity_planned_check(
            review=joint_review,
            kind=Activity.Kind.SURVEY,
            planned_on=datetime.date(2015, 1, 1),
            precision="month",
        )


def test_moving_back_needs_a_reason_and_no_date_before_the_last_change():
    with pytest.raises(ValidationError) as refused:
        services.review_status_check(
            from_status=ReviewStatus.SCOPING,
            to_status=ReviewStatus.PROPOSED,
            changed_on=datetime.date(2014, 9, 1),
            note=" ",
            last_changed_on=datetime.date(2014, 9, 10),
        )
    assert refused.value.message_dict == {
        "note": ["Give the reason for moving the review back to “proposed”"],
        "changed_on": ["The date cannot be before the last change, on 10 September 2014"],
    }


def test_the_status_service_refuses_what_the_status_page_refuses(joint_review, officer):
    with pytest.raises(ValidationError, match="Give the reason"):
        services.review_change_status(
            review=joint_review,
            to_status=ReviewStatus.PROPOSED,
            changed_on=datetime.date(2014, 9, 10),
            note="",
            changed_by=officer,
            loaded_version=joint_review.version,
        )
    with pytest.raises(WorkflowError, match="already scoping"):
        services.review_change_status(
            review=joint_review,
            to_status=ReviewStatus.SCOPING,
            changed_on=datetime.date(2014, 9, 10),
            note="",
            changed_by=officer,
            loaded_version=joint_review.version,
        )
    assert not joint_review.status_changes.exists()


def test_a_group_the_members_page_refuses_is_not_saved(joint_review, other_authority, kent):
    swale = CouncillorFactory(authority=other_authority)
    members = [
        ReviewMember(councillor=swale, role=ReviewMember.Role.SUBSTITUTE),
        ReviewMember(councillor=CouncillorFactory(authority=kent)),
    ]
    with pytest.raises(ValidationError) as refused:
        services.review_members_save(review=joint_review, members=members)
    assert "no Swale member is on the group" in str(refused.value)
    assert "Choose a councillor of one of the councils taking part" in str(refused.value)
    assert not ReviewMember.objects.exists()


def test_a_member_someone_stands_in_for_leaves_after_the_substitute_moves(
    joint_review, other_authority
):
    def swale_member(**fields):
        councillor = CouncillorFactory(authority=other_authority)
        return ReviewMemberFactory(review=joint_review, councillor=councillor, **fields)

    leaving, staying = swale_member(), swale_member()
    substitute = swale_member(role=ReviewMember.Role.SUBSTITUTE, substitute_for=leaving)
    substitute.substitute_for = staying
    services.review_members_save(
        review=joint_review, members=[staying, substitute], changed=[substitute], removed=[leaving]
    )
    assert list(joint_review.members.all()) == [staying, substitute]
    substitute.refresh_from_db()
    assert substitute.substitute_for == staying


def test_parts_share_no_letter_and_one_with_witnesses_stays(joint_review):
    activity = ActivityFactory(review=joint_review)
    with pytest.raises(ValidationError, match="Give each part its own letter"):
        services.activity_parts_save(
            activity=activity, parts=[ActivityPart(letter="A"), ActivityPart(letter="A")]
        )
    witnessed = WitnessFactory(part__activity=activity, part__letter="B").part
    with pytest.raises(ValidationError, match="Part B has witnesses"):
        services.activity_parts_save(activity=activity, parts=[], removed=[witnessed])
    assert list(activity.parts.all()) == [witnessed]


def test_parts_are_numbered_in_letter_order(joint_review):
    activity = ActivityFactory(review=joint_review)
    parts = [ActivityPart(letter=letter, description="What happens.") for letter in ("C", "A", "B")]
    services.activity_parts_save(activity=activity, parts=parts)
    assert [(part.letter, part.position) for part in activity.parts.all()] == [
        ("A", 1),
        ("B", 2),
        ("C", 3),
    ]


def test_cost_lines_need_a_day_rate_and_a_payer_taking_part(joint_review, kent):
    items = [
        CostItem(activity="Support", support_days=Decimal("2")),
        CostItem(activity="Survey", support_days=Decimal("1"), day_rate=1, borne_by=kent),
    ]
    with pytest.raises(ValidationError) as refused:
        services.review_costs_save(review=joint_review, loaded_version=None, items=items)
    assert "Give a day rate here, or a day rate for the whole review above" in str(refused.value)
    assert "Choose one of the councils taking part" in str(refused.value)
    assert not CostItem.objects.exists()


def test_cost_lines_keep_their_order(joint_review):
    joint_review.day_rate = Decimal("350")
    items = [CostItem(activity=name, support_days=Decimal("1")) for name in ("Second", "First")]
    services.review_costs_save(review=joint_review, loaded_version=None, items=items)
    assert list(joint_review.cost_items.values_list("activity", "position")) == [
        ("Second", 1),
        ("First", 2),
    ]


def test_officers_come_from_the_councils_taking_part(joint_review, officer, kent_officer):
    with pytest.raises(ValidationError, match="Choose a scrutiny officer"):
        services.review_officers_save(
            review=joint_review,
            lead_officer=kent_officer.person,
            supporting_officers=[],
            loaded_version=joint_review.version,
        )
    services.review_officers_save(
        review=joint_review,
        lead_officer=officer.person,
        supporting_officers=[officer.person],
        loaded_version=joint_review.version,
    )
    joint_review.refresh_from_db()
    assert joint_review.lead_officer == officer.person
    assert not joint_review.supporting_officers.exists()


def test_a_line_left_as_it_was_may_wait_for_a_day_rate(joint_review):
    waiting = CostItem.objects.create(
        review=joint_review, activity="Support", support_days=Decimal("2"), position=1
    )
    added = CostItem(activity="Survey", support_days=Decimal("1"), day_rate=Decimal("300"))
    services.review_costs_save(
        review=joint_review, loaded_version=None, items=[waiting, added], changed=[added]
    )
    assert list(joint_review.cost_items.values_list("activity", "position")) == [
        ("Support", 1),
        ("Survey", 2),
    ]
