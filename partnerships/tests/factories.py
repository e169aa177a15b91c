"""Factories for the partnership register, and the records its routes need in the cross-app
access and fuzz tests."""

import datetime
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from partnerships import models
from scraip.common.tests.factories import SoftDeletableFactory
from scraip.common.tests.files import MINIMAL_PDF
from scraip.councils.tests.factories import (
    AuthorityFactory,
    CommitteeFactory,
    CouncillorFactory,
    MeetingFactory,
    UserFactory,
)
from scraip.followup.tests.factories import ProgressUpdateFactory


class PartnershipFactory(SoftDeletableFactory):
    class Meta:
        model = models.Partnership
        skip_postgeneration_save = True

    authority = factory.SubFactory(AuthorityFactory)
    name = factory.Sequence(lambda n: f"Partnership {n}")
    slug = factory.Sequence(lambda n: f"partnership-{n}")
    purpose = "To join up local services for residents."
    kind = models.Partnership.Kind.STRATEGIC
    status = models.Partnership.Status.ACTIVE


class CriterionFactory(SoftDeletableFactory):
    class Meta:
        model = models.DefinitionCriterion

    authority = factory.SubFactory(AuthorityFactory)
    question = factory.Sequence(lambda n: f"Do the partners share goal {n}?")
    meets_when = models.Answer.YES
    position = factory.Sequence(lambda n: n)


class DefinitionAnswerFactory(SoftDeletableFactory):
    class Meta:
        model = models.DefinitionAnswer

    partnership = factory.SubFactory(PartnershipFactory)
    criterion = factory.SubFactory(
        CriterionFactory, authority=factory.SelfAttribute("..partnership.authority")
    )
    answer = models.Answer.YES


class ChecklistItemFactory(SoftDeletableFactory):
    class Meta:
        model = models.ChecklistItem

    authority = factory.SubFactory(AuthorityFactory)
    text = factory.Sequence(lambda n: f"Checklist item {n}")
    position = factory.Sequence(lambda n: n)


class ChecklistAnswerFactory(SoftDeletableFactory):
    class Meta:
        model = models.ChecklistAnswer

    partnership = factory.SubFactory(PartnershipFactory)
    item = factory.SubFactory(
        ChecklistItemFactory, authority=factory.SelfAttribute("..partnership.authority")
    )
    status = models.ChecklistAnswer.Status.MET
    answered_on = datetime.date(2026, 9, 1)
    evidence = "Signed agreement on file."


class PartnerFactory(SoftDeletableFactory):
    class Meta:
        model = models.Partner

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.Sequence(lambda n: f"Partner Organisation {n}")
    sector = models.Partner.Sector.PUBLIC


class RepresentativeFactory(SoftDeletableFactory):
    class Meta:
        model = models.Representative

    partnership = factory.SubFactory(PartnershipFactory)
    person = factory.SubFactory(
        CouncillorFactory, authority=factory.SelfAttribute("..partnership.authority")
    )
    role = "Board member"


class ContributionFactory(SoftDeletableFactory):
    class Meta:
        model = models.Contribution

    partnership = factory.SubFactory(PartnershipFactory)
    year = 2025
    kind = models.Contribution.Kind.MONEY
    amount = Decimal("1000")
    unit = models.Contribution.Unit.POUNDS


class BenefitFactory(SoftDeletableFactory):
    class Meta:
        model = models.Benefit

    partnership = factory.SubFactory(PartnershipFactory)
    year = 2025
    description = "Faster help for families."


class AnnualReportFactory(SoftDeletableFactory):
    class Meta:
        model = models.AnnualReport

    partnership = factory.SubFactory(PartnershipFactory)
    year = 2025
    title = "Annual report"
    file = factory.LazyFunction(lambda: ContentFile(MINIMAL_PDF, name="report.pdf"))
    original_name = "report.pdf"
    size = len(MINIMAL_PDF)
    uploaded_by = factory.SubFactory(UserFactory)


class OutcomeFactory(SoftDeletableFactory):
    class Meta:
        model = models.Outcome

    partnership = factory.SubFactory(PartnershipFactory)
    description = factory.Sequence(lambda n: f"Agreed outcome {n}")
    target_date = datetime.date(2027, 3, 1)


class RiskFactory(SoftDeletableFactory):
    class Meta:
        model = models.Risk

    partnership = factory.SubFactory(PartnershipFactory)
    description = factory.Sequence(lambda n: f"Risk {n}")
    likelihood = 3
    impact = 3


class CommitteeReviewFactory(SoftDeletableFactory):
    class Meta:
        model = models.CommitteeReview

    partnership = factory.SubFactory(PartnershipFactory)
    considered_on = datetime.date(2026, 6, 1)
    summary = "The committee was content with progress."
    next_review_due = datetime.date(2026, 12, 1)


def qualifying(partnership, *, publish=False):
    """Make `partnership` meet its council's definition: answer each of the council's criteria
    as it requires (creating one question first if the council has none)."""
    criteria = list(models.DefinitionCriterion.objects.filter(authority=partnership.authority))
    if not criteria:
        criteria = [CriterionFactory(authority=partnership.authority)]
    for criterion in criteria:
        models.DefinitionAnswer.objects.update_or_create(
            partnership=partnership, criterion=criterion, defaults={"answer": criterion.meets_when}
        )
    if publish:
        partnership.published_at = timezone.now()
        partnership.save(update_fields=["published_at"])
    return partnership


OTHER_KINDS = (
    "partner",
    "representative",
    "contribution",
    "benefit",
    "report",
    "outcome",
    "review",
)


def access_objects(*, authority, lead_officer_person, recommendation, officer) -> dict:
    """Records for every partnerships route in tests/test_access.py and the fuzz test: a
    published partnership of the conftest council meeting its definition, led by the lead
    officer, with a risk, an annual report and an outcome (with an update holding evidence);
    a deleted partnership and a deleted risk to restore."""
    deleted = datetime.datetime(2026, 10, 1, tzinfo=datetime.UTC)
    partnership = qualifying(
        PartnershipFactory(
            authority=authority,
            name="Community Safety Partnership",
            lead_officer=lead_officer_person,
        ),
        publish=True,
    )
    ChecklistAnswerFactory(partnership=partnership)
    risk = RiskFactory(partnership=partnership)
    report = AnnualReportFactory(partnership=partnership, uploaded_by=officer)
    outcome = OutcomeFactory(partnership=partnership, lead=lead_officer_person)
    update = ProgressUpdateFactory(subject=outcome, entered_by=officer)
    update.evidence_file.save("minutes.pdf", ContentFile(MINIMAL_PDF))
    meeting = MeetingFactory(
        committee=CommitteeFactory(authority=authority), date=datetime.date(2027, 2, 1)
    )
    return {
        "partnership": [partnership.pk],
        "partnership_item_new": [partnership.pk, "risk"],
        # Every other kind of row, for the fuzz test's forms.
        **{f"partnership_new_{kind}": [partnership.pk, kind] for kind in OTHER_KINDS},
        "partnership_item": ["risk", risk.pk],
        "partnership_deleted_item": [
            "risk",
            RiskFactory(partnership=partnership, deleted_at=deleted).pk,
        ],
        "partnership_deleted": [
            PartnershipFactory(authority=authority, deleted_at=deleted).pk,
        ],
        "partnership_report": [report.pk],
        "partnership_slug": [partnership.slug],
        "partnership_public_report": [partnership.slug, report.pk],
        "partnership_outcome": [outcome.pk],
        "partnership_outcome_meeting": [outcome.pk, meeting.pk],
        "partnership_update": [update.pk],
        "partnership_recommendation": [recommendation.pk],
    }


def build_register(authority, size, lead, officer):
    """`size` published partnerships meeting the definition, each with a row of every kind."""
    committee = CommitteeFactory(authority=authority)
    MeetingFactory(committee=committee, date=datetime.date(2027, 2, 1))
    items = [ChecklistItemFactory(authority=authority) for _ in range(2)]
    partnerships = []
    for number in range(size):
        partnership = qualifying(
            PartnershipFactory(authority=authority, lead_officer=lead, priority_rank=number + 1),
            publish=True,
        )
        PartnerFactory(partnership=partnership)
        RepresentativeFactory(partnership=partnership, person=lead)
        ContributionFactory(partnership=partnership, year=2024)
        ContributionFactory(
            partnership=partnership, year=2023, kind="officer_time", unit="days", person=lead
        )
        BenefitFactory(partnership=partnership)
        AnnualReportFactory(partnership=partnership, uploaded_by=officer)
        outcome = OutcomeFactory(partnership=partnership, lead=lead)
        ProgressUpdateFactory(subject=outcome, entered_by=officer)
        RiskFactory(partnership=partnership, on_corporate_register=True)
        CommitteeReviewFactory(partnership=partnership)
        for item in items:
            ChecklistAnswerFactory(partnership=partnership, item=item)
        partnerships.append(partnership)
    return partnerships
