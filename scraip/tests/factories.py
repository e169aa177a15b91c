import datetime

import factory
from django.contrib.auth import get_user_model

from scraip import models

PASSWORD = "correct-horse-battery-staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password(PASSWORD)


class AuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Authority
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Borough Council {n}")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Committee

    authority = factory.SubFactory(AuthorityFactory)
    name = factory.Sequence(lambda n: f"Overview and Scrutiny Committee {n}")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Meeting

    committee = factory.SubFactory(CommitteeFactory)
    date = datetime.date(2026, 12, 1)
    place = "Town Hall"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Person

    name = factory.Faker("name", locale="en_GB")
    kind = models.Person.Kind.OFFICER
    authority = factory.SubFactory(AuthorityFactory)


class OfficerFactory(PersonFactory):
    job_title = "Lead officer"


class CouncillorFactory(PersonFactory):
    kind = models.Person.Kind.COUNCILLOR
    political_group = "Independent"


class PortfolioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Portfolio

    authority = factory.SubFactory(AuthorityFactory)
    title = factory.Sequence(lambda n: f"Cabinet Member for Portfolio {n}")


class PortfolioTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.PortfolioTerm

    portfolio = factory.SubFactory(PortfolioFactory)
    holder = factory.SubFactory(
        CouncillorFactory, authority=factory.SelfAttribute("..portfolio.authority")
    )
    starts_on = datetime.date(2020, 5, 1)


class ActionPlanFactory(factory.django.DjangoModelFactory):
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


class RecommendationFactory(factory.django.DjangoModelFactory):
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
