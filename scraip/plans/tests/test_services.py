"""The plans services called with plain data, as the admin and the demo loader call them."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from scraip.common.versioning import WorkflowError
from scraip.councils.tests.factories import MeetingFactory
from scraip.plans import services
from scraip.plans.models import ActionPlan, RecommendationPart
from scraip.plans.services import ScheduledReportBack, SubPart
from scraip.plans.tests.factories import ActionPlanFactory, PartFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def day(year, month, date) -> datetime.date:
    return datetime.date(year, month, date)


def test_the_schedule_is_numbered_in_date_order_with_the_rows_not_given(plan):
    services.report_back_schedule_save(
        plan=plan,
        report_backs=[ScheduledReportBack(due_on=day(2027, 6, 1))],
    )
    first = plan.report_backs.get()

    services.report_back_schedule_save(
        plan=plan,
        report_backs=[
            ScheduledReportBack(due_on=day(2027, 9, 1), due_precision="month"),
            ScheduledReportBack(due_on=day(2027, 1, 14)),
        ],
    )

    schedule = [(row.sequence, row.due_display) for row in plan.report_backs.all()]
    assert schedule == [(1, "14 January 2027"), (2, "1 June 2027"), (3, "September 2027")]
    assert plan.report_backs.get(sequence=2).pk == first.pk


def test_an_unchanged_report_back_is_not_saved_again(plan):
    (saved,) = services.report_back_schedule_save(
        plan=plan, report_backs=[ScheduledReportBack(due_on=day(2027, 6, 1), note="Spring")]
    )
    services.report_back_schedule_save(plan=plan, report_backs=[ScheduledReportBack.of(saved)])
    assert saved.history.count() == 1


def test_a_report_back_without_a_date_takes_its_meetings(plan):
    meeting = MeetingFactory(committee=plan.committee, date=day(2027, 1, 12))
    services.report_back_schedule_save(
        plan=plan, report_backs=[ScheduledReportBack(due_on=None, meeting=meeting)]
    )
    assert plan.report_backs.get().due_display == "12 January 2027"


def test_a_report_back_needs_a_date_or_a_meeting_of_the_plans_committee(plan):
    with pytest.raises(ValidationError) as refused:
        services.report_back_schedule_save(
            plan=plan, report_backs=[ScheduledReportBack(due_on=None)]
        )
    assert refused.value.message_dict == {
        "due_on": ["Enter the date of the report-back, or choose its meeting"]
    }
    with pytest.raises(ValidationError):
        services.report_back_schedule_save(
            plan=plan,
            report_backs=[ScheduledReportBack(due_on=day(2027, 1, 1), meeting=MeetingFactory())],
        )
    assert not plan.report_backs.exists()


def test_removed_report_backs_leave_the_rest_renumbered(plan):
    rows = services.report_back_schedule_save(
        plan=plan,
        report_backs=[
            ScheduledReportBack(due_on=day(2027, 1, 14)),
            ScheduledReportBack(due_on=day(2027, 6, 1)),
        ],
    )
    services.report_back_schedule_save(plan=plan, report_backs=[], removed=[rows[0].pk])
    assert [(row.sequence, row.due_display) for row in plan.report_backs.all()] == [
        (1, "1 June 2027")
    ]


def test_sub_parts_replace_the_whole_and_removing_them_brings_it_back(part_b):
    recommendation = part_b.recommendation
    services.recommendation_parts_save(
        recommendation=recommendation,
        sub_parts=[SubPart("(I)", "Adopt it."), SubPart("ii", "Keep a database.")],
    )
    parts = list(recommendation.parts.all())
    assert [(part.numeral, part.text) for part in parts] == [
        ("i", "Adopt it."),
        ("ii", "Keep a database."),
    ]

    services.recommendation_parts_save(
        recommendation=recommendation, removed=[part.pk for part in parts]
    )
    assert [part.numeral for part in recommendation.parts.all()] == [""]


def test_sub_parts_are_checked_by_the_models_rules(part_b):
    with pytest.raises(ValidationError) as refused:
        services.recommendation_parts_save(
            recommendation=part_b.recommendation, sub_parts=[SubPart("i", "")]
        )
    assert refused.value.message_dict == {"text": ["Enter the text of the sub-part"]}
    with pytest.raises(WorkflowError, match="Each sub-part needs its own numeral"):
        services.recommendation_parts_save(
            recommendation=part_b.recommendation,
            sub_parts=[SubPart("i", "One"), SubPart("i", "Two")],
        )
    assert [part.numeral for part in part_b.recommendation.parts.all()] == [""]


def test_an_answered_part_is_neither_removed_nor_replaced(part_a, part_b):
    ResponseFactory(part=part_a)
    with pytest.raises(WorkflowError, match=r"Sub-part \(i\) has a response"):
        services.recommendation_parts_save(
            recommendation=part_a.recommendation, removed=[part_a.pk]
        )
    ResponseFactory(part=part_b)
    with pytest.raises(WorkflowError, match="answered as a whole"):
        services.recommendation_parts_save(
            recommendation=part_b.recommendation, sub_parts=[SubPart("i", "New")]
        )
    assert RecommendationPart.objects.filter(pk__in=[part_a.pk, part_b.pk]).count() == 2


def test_a_plan_cannot_be_sent_as_received_in_the_future(authority, committee, portfolio_a):
    plan = ActionPlanFactory(authority=authority, committee=committee)
    PartFactory(recommendation__action_plan=plan, recommendation__portfolio=portfolio_a)
    with pytest.raises(WorkflowError, match="must be today or earlier"):
        services.action_plan_send_for_response(plan=plan, received_on=day(2026, 11, 24))
    plan.refresh_from_db()
    assert plan.status == ActionPlan.Status.DRAFT
