import datetime

import factory

from scraip.common.tests.factories import SoftDeletableFactory
from scraip.councils.tests.factories import (
    AuthorityFactory,
    CommitteeFactory,
    CouncillorFactory,
    OfficerFactory,
    UserFactory,
)
from scraip.plans import models


class ActionPlanFactory(SoftDeletableFactory):
    class Meta:
        model = models.ActionPlan

    authority = factory.SubFactory(AuthorityFactory)
    committee = factory.SubFactory(CommitteeFactory, authority=factory.SelfAttribute("..authority"))
    title = factory.Sequence(lambda n: f"Review of Service {n}")
    publication_date = datetime.date(2026, 9, 1)


class SentActionPlanFactory(ActionPlanFactory):
    """A plan the cabinet received on 1 October 2026: due 1 December 2026."""

    status = models.ActionPlan.Status.AWAITING_RESPONSE
    received_on = datetime.date(2026, 10, 1)
    response_deadline = datetime.date(2026, 12, 1)


class RecommendationFactory(SoftDeletableFactory):
    class Meta:
        model = models.Recommendation

    action_plan = factory.SubFactory(SentActionPlanFactory)
    # Within the column's four characters however many the session creates (PostgreSQL enforces it).
    letter = factory.Sequence(lambda n: f"R{n % 1000}")
    position = factory.Sequence(lambda n: n)
    text = "That the council keeps a register of its partnerships."


class PartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.RecommendationPart

    recommendation = factory.SubFactory(RecommendationFactory)
    numeral = ""
    text = ""


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Response

    part = factory.SubFactory(PartFactory)
    decision = models.Response.Decision.ACCEPTED
    explanation = "Agreed: this fits the corporate plan."
    action = "Set up the register."
    timetable = datetime.date(2027, 3, 1)
    timetable_precision = "month"
    lead_officer = factory.SubFactory(
        OfficerFactory,
        authority=factory.SelfAttribute("..part.recommendation.action_plan.authority"),
    )
    responded_by = factory.SubFactory(
        CouncillorFactory,
        authority=factory.SelfAttribute("..part.recommendation.action_plan.authority"),
    )
    entered_by = factory.SubFactory(UserFactory)
    responded_on = datetime.date(2026, 11, 1)


class ReportBackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReportBack

    action_plan = factory.SubFactory(SentActionPlanFactory)
    sequence = factory.Sequence(lambda n: n + 1)
    due_on = datetime.date(2027, 1, 14)
