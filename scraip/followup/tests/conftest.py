"""Fixtures of the follow-up tests. The personas, the plan and `followed` are in the project's
conftest.py."""

import datetime
from dataclasses import dataclass

import pytest
from django.contrib.contenttypes.models import ContentType

from scraip.councils.models import Meeting
from scraip.councils.tests.factories import MeetingFactory, OfficerFactory
from scraip.followup.models import ProgressUpdate, TargetDateChange, Verdict
from scraip.plans.models import ActionPlan, Recommendation, RecommendationPart, ReportBack, Response
from scraip.plans.tests.factories import SentActionPlanFactory

# Query counts: each follow-up page runs the same number of queries at 10 and at 200 accepted
# items (one ceiling for both sizes, as in test_query_counts.py). The items are spread over one
# more plan for every ten, all reporting back at one meeting; each item has two updates, every
# other one a verdict at the meeting and every third a moved target date.

FOLLOW_UP_SIZES = [10, 200]


@dataclass
class FollowedDataset:
    plan: ActionPlan
    meeting: Meeting
    item: RecommendationPart
    update: ProgressUpdate
    size: int


@pytest.fixture(params=FOLLOW_UP_SIZES, ids=lambda size: f"{size}-items")
def followed_dataset(
    request,
    plan,
    committee,
    authority,
    portfolio_a,
    portfolio_b,
    cabinet_a,
    officer,
    lead_officer_person,
):
    size = request.param
    leads = [lead_officer_person] + [
        OfficerFactory(authority=authority, name=f"Lead Officer {n}") for n in range(4)
    ]
    meeting = MeetingFactory(committee=committee, date=datetime.date(2027, 1, 14))
    plans = [plan] + [
        SentActionPlanFactory(authority=authority, committee=committee, title=f"Review {n}")
        for n in range(size // 10)
    ]
    ActionPlan.objects.filter(pk__in=[p.pk for p in plans]).update(
        status=ActionPlan.Status.RESPONDED
    )
    report_backs = {
        p.pk: ReportBack.objects.create(
            action_plan=p, sequence=1, due_on=meeting.date, meeting=meeting
        )
        for p in plans
    }
    recommendations = Recommendation.objects.bulk_create(
        Recommendation(
            action_plan=plans[n % len(plans)],
            letter=f"R{n}",
            position=n,
            text=f"That the council does thing {n}.",
            portfolio=portfolio_a if n % 2 else portfolio_b,
        )
        for n in range(size)
    )
    parts = RecommendationPart.objects.bulk_create(
        RecommendationPart(recommendation=r) for r in recommendations
    )
    Response.objects.bulk_create(
        Response(
            part=part,
            decision=Response.Decision.ACCEPTED,
            explanation="Because.",
            action="Do it.",
            timetable=datetime.date(2026, 3, 1) if n % 4 == 0 else datetime.date(2027, 3, 1),
            lead_officer=leads[n % len(leads)],
            responded_by=cabinet_a.person,
            entered_by=officer,
            responded_on=datetime.date(2026, 11, 1),
        )
        for n, part in enumerate(parts)
    )
    content_type = ContentType.objects.get_for_model(RecommendationPart)
    ProgressUpdate.objects.bulk_create(
        ProgressUpdate(
            content_type=content_type,
            object_id=part.pk,
            report_back=report_backs[part.recommendation.action_plan_id] if second else None,
            status=["on_track", "at_risk", "off_track", "implemented"][n % 4],
            narrative="Work goes on." if n % 3 else f"Update {second} on thing {n}.",
            reported_by=leads[n % len(leads)],
            entered_by=officer,
            reported_on=datetime.date(2026, 12 if second else 10, 1),
        )
        for n, part in enumerate(parts)
        for second in (False, True)
    )
    Verdict.objects.bulk_create(
        Verdict(
            content_type=content_type,
            object_id=part.pk,
            meeting=meeting,
            report_back=report_backs[part.recommendation.action_plan_id],
            verdict="satisfied",
            recorded_by=officer,
        )
        for n, part in enumerate(parts)
        if n % 2
    )
    TargetDateChange.objects.bulk_create(
        TargetDateChange(
            content_type=content_type,
            object_id=part.pk,
            old_date=datetime.date(2026, 12, 1),
            old_precision="month",
            new_date=datetime.date(2027, 3, 1),
            new_precision="month",
            reason="Waiting for the budget.",
            changed_by=officer,
        )
        for n, part in enumerate(parts)
        if n % 3 == 0
    )
    item = parts[0]
    return FollowedDataset(
        plan=plan,
        meeting=meeting,
        item=item,
        update=ProgressUpdate.objects.filter(object_id=item.pk).first(),
        size=size,
    )


@pytest.fixture
def owing_dataset(followed_dataset):
    """Every plan's 1st report-back completed and a 2nd due before the next meeting, for
    which nobody has reported yet."""
    firsts = ReportBack.objects.filter(sequence=1)
    for report_back in firsts:
        ReportBack.objects.create(
            action_plan_id=report_back.action_plan_id,
            sequence=2,
            due_on=datetime.date(2027, 1, 10),
        )
    firsts.update(completed=True)
    return followed_dataset
