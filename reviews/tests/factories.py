import datetime
from decimal import Decimal

import factory

from reviews import models
from scraip.common.tests.factories import SoftDeletableFactory
from scraip.councils.tests.factories import (
    AuthorityFactory,
    CouncillorFactory,
    PersonFactory,
    UserFactory,
)


class ReviewFactory(SoftDeletableFactory):
    """A review led by one council, which also takes part; pass `participants` for a joint one."""

    class Meta:
        model = models.Review
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Review of Service {n}")
    aim = "To find out how the service could do better for residents."
    lead_authority = factory.SubFactory(AuthorityFactory)
    programme_year = 2026
    status = models.Review.Status.SCOPING

    @factory.post_generation
    def participants(self, create, extracted, **kwargs):
        if create:
            self.participating_authorities.set({self.lead_authority, *(extracted or [])})

    @factory.post_generation
    def committees(self, create, extracted, **kwargs):
        if create and extracted:
            self.commissioning_committees.set(extracted)


class ReviewMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ReviewMember

    review = factory.SubFactory(ReviewFactory)
    councillor = factory.SubFactory(
        CouncillorFactory, authority=factory.SelfAttribute("..review.lead_authority")
    )
    role = models.ReviewMember.Role.MEMBER


class ActivityFactory(SoftDeletableFactory):
    class Meta:
        model = models.Activity

    review = factory.SubFactory(ReviewFactory)
    kind = models.Activity.Kind.SESSION
    planned_on = datetime.date(2026, 10, 1)
    planned_precision = "month"


class ActivityPartFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.ActivityPart

    activity = factory.SubFactory(ActivityFactory)
    letter = factory.Sequence(lambda n: "ABCDEFGH"[n % 8])
    description = "To hear from the head of service."


class WitnessFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.Witness

    part = factory.SubFactory(ActivityPartFactory)
    person = factory.SubFactory(PersonFactory, kind="witness", authority=None)
    role = "Programme manager"


class CostItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = models.CostItem

    review = factory.SubFactory(ReviewFactory)
    activity = "Supporting the review"
    support_days = Decimal("2")
    day_rate = Decimal("650")


MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


class DocumentFactory(SoftDeletableFactory):
    """Writes its file to the default storage: point MEDIA_ROOT at a temporary folder first."""

    class Meta:
        model = models.ReviewDocument

    review = factory.SubFactory(ReviewFactory)
    kind = models.ReviewDocument.Kind.AGENDA
    title = "Agenda for the evidence day"
    file = factory.django.FileField(data=MINIMAL_PDF, filename="agenda.pdf")
    original_name = "agenda.pdf"
    size = len(MINIMAL_PDF)
    uploaded_by = factory.SubFactory(UserFactory)


def access_objects(*, authority, committee) -> dict[str, list[int]]:
    """The records the URL of each reviews route needs, for the access and fuzz tests: a review
    of the conftest council (not a joint one) with a session in two parts, a witness and a
    document, and a deleted review, activity and document to restore."""
    deleted = datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC)
    review = ReviewFactory(
        lead_authority=authority, committees=[committee], title="Review of Shared Services"
    )
    activity = ActivityFactory(review=review, title="Heads of service")
    part = ActivityPartFactory(activity=activity, letter="A")
    ActivityPartFactory(activity=activity, letter="B")
    WitnessFactory(part=part)
    return {
        "review": [review.pk],
        "activity": [activity.pk],
        "document": [DocumentFactory(review=review).pk],
        "deleted_review": [ReviewFactory(lead_authority=authority, deleted_at=deleted).pk],
        "deleted_activity": [ActivityFactory(review=review, deleted_at=deleted).pk],
        "deleted_document": [DocumentFactory(review=review, deleted_at=deleted).pk],
    }
