"""Fixtures for the follow-up tests: the conftest plan answered and ready to follow up.

Recommendation A (i) is accepted and A (ii) rejected; G (part_b) is accepted; both accepted
items are led by Liam Lead (lead_officer). The committee meets on 14 January 2027, where the
1st report-back is due; the 2nd is due in June 2027 with no meeting yet.
"""

import datetime
from dataclasses import dataclass

import pytest

from scraip.models import ActionPlan, Meeting, RecommendationPart, ReportBack, Response
from scraip.tests import factories as f

MEETING_DAY = datetime.date(2027, 1, 14)


@dataclass
class Followed:
    plan: ActionPlan
    item_a: RecommendationPart
    rejected: RecommendationPart
    item_g: RecommendationPart
    meeting: Meeting
    first: ReportBack
    second: ReportBack


@pytest.fixture
def followed(plan, part_a, part_b, committee, cabinet_a, cabinet_b, lead_officer_person, officer):
    rejected = RecommendationPart.objects.get(recommendation=part_a.recommendation, numeral="ii")
    for part, holder in ((part_a, cabinet_a), (part_b, cabinet_b)):
        f.ResponseFactory(
            part=part,
            lead_officer=lead_officer_person,
            responded_by=holder.person,
            entered_by=holder,
            action=f"Carry out {part}.",
            timetable=datetime.date(2027, 3, 1),
        )
    f.ResponseFactory(
        part=rejected,
        decision=Response.Decision.REJECTED,
        explanation="Not affordable.",
        action="",
        timetable=None,
        lead_officer=None,
        responded_by=cabinet_a.person,
        entered_by=cabinet_a,
    )
    plan.status = ActionPlan.Status.RESPONDED
    plan.save()
    meeting = f.MeetingFactory(committee=committee, date=MEETING_DAY, place="Town Hall")
    first = ReportBack.objects.create(
        action_plan=plan, sequence=1, due_on=MEETING_DAY, meeting=meeting
    )
    second = ReportBack.objects.create(
        action_plan=plan, sequence=2, due_on=datetime.date(2027, 6, 1)
    )
    return Followed(plan, part_a, rejected, part_b, meeting, first, second)
