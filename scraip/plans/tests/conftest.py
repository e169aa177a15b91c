"""Fixtures of the plans app's tests (the conftest.py at the root holds the shared ones)."""

import datetime

import pytest

from scraip.councils.tests.factories import MeetingFactory
from scraip.plans.models import RecommendationPart, ReportBack, Response
from scraip.plans.tests.factories import PartFactory, RecommendationFactory, ResponseFactory


@pytest.fixture
def responded_plan(plan, part_a, part_b, committee, cabinet_a, cabinet_b, lead_officer_person):
    """The conftest plan with one part answered each way, one awaiting, and three report-backs."""
    sub_part_i = part_a
    sub_part_ii = RecommendationPart.objects.get(recommendation=part_a.recommendation, numeral="ii")
    ResponseFactory(
        part=sub_part_i,
        decision=Response.Decision.ACCEPTED,
        explanation="The definition should be adopted.",
        action="Adopt the definition.",
        timetable=datetime.date(2027, 3, 1),
        timetable_precision="month",
        lead_officer=lead_officer_person,
        responded_by=cabinet_a.person,
    )
    ResponseFactory(
        part=sub_part_ii,
        decision=Response.Decision.PARTIALLY_ACCEPTED,
        explanation="A database of priority partnerships only.",
        action="Build the database.",
        timetable=datetime.date(2027, 9, 11),
        timetable_precision="mid_late",
        lead_officer=lead_officer_person,
        responded_by=cabinet_a.person,
    )
    ResponseFactory(
        part=part_b,
        decision=Response.Decision.REJECTED,
        explanation="The council website already lists its partners.",
        action="",
        timetable=None,
        lead_officer=None,
        responded_by=cabinet_b.person,
    )
    awaiting = RecommendationFactory(
        action_plan=plan, letter="C", position=3, text="That a scrutiny sub-group be set up."
    )
    PartFactory(recommendation=awaiting)
    meeting = MeetingFactory(committee=committee, date=datetime.date(2027, 11, 27))
    ReportBack.objects.create(
        action_plan=plan,
        sequence=1,
        due_on=datetime.date(2027, 4, 1),
        meeting=None,
        completed=True,
        note="Definition adopted by full council.",
    )
    ReportBack.objects.create(
        action_plan=plan, sequence=2, due_on=datetime.date(2027, 10, 1), due_precision="month"
    )
    ReportBack.objects.create(action_plan=plan, sequence=3, due_on=meeting.date, meeting=meeting)
    return plan
