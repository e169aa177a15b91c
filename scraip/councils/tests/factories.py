import datetime

import factory
from django.contrib.auth import get_user_model

from scraip.councils import models

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


def access_objects(*, authority, officer) -> dict:
    """Records for every setup route in tests/test_access.py: the scrutiny officer persona is
    made the council's administrator; a committee, a portfolio with a term and a person to set
    up; and a password link that has expired."""
    person = officer.person
    person.is_council_admin = True
    person.save()
    committee = CommitteeFactory(authority=authority, name="Standards Committee")
    term = PortfolioTermFactory(
        portfolio=PortfolioFactory(authority=authority, title="Cabinet Member for Housing"),
        holder=CouncillorFactory(authority=authority, email="holder@example.gov.uk"),
    )
    return {
        "authority": [authority.pk],
        "setup_committee": [committee.pk],
        "setup_portfolio": [term.portfolio_id],
        "setup_term": [term.pk],
        "setup_person": [term.holder_id],
        "bulk_people": [authority.pk, "people"],
        "bulk_template": [authority.pk, "people", "xlsx"],
        "expired_link": ["MQ", "set-password"],
    }
