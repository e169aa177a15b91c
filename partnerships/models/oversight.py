"""How the council keeps watch on a partnership: its risks, scored and flagged for the
corporate risk register, and the committee's six-monthly reviews."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from scraip.common.softdelete import all_rows, deleted_rows, live_rows
from scraip.common.vocabularies import Vocabulary
from scraip.councils.models import Meeting, Person
from scraip.plans.models import ReportBack

from .register import Partnership, PartnershipItem, PartnershipRowQuerySet, related

LIKELIHOOD_RANGE = "Likelihood must be from 1 (rare) to 5 (almost certain)"
IMPACT_RANGE = "Impact must be from 1 (negligible) to 5 (severe)"


def score_range(message: str) -> list:
    return [MinValueValidator(1, message=message), MaxValueValidator(5, message=message)]


class RiskRating(Vocabulary):
    """A risk's band by its score (likelihood × impact), highest first."""

    HIGH = "high", "red", "High"
    MEDIUM = "medium", "yellow", "Medium"
    LOW = "low", "green", "Low"


class RiskQuerySet(PartnershipRowQuerySet):
    def on_corporate_register(self):
        return self.filter(on_corporate_register=True)

    def corporate_register_of(self, authority):
        """The council's risks flagged for its corporate risk register, highest score first."""
        return (
            self.on_corporate_register()
            .filter(partnership__authority=authority)
            .select_related("partnership", "owner")
            .order_by((F("likelihood") * F("impact")).desc(), "partnership__name", "pk")
        )


class Risk(PartnershipItem):
    """A risk of the partnership to the council, scored likelihood × impact on 1 to 5 each."""

    anchor = "risks"
    HIGH, MEDIUM = 15, 8  # the lowest score of each band; below MEDIUM is low

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField("the risk")
    likelihood = models.PositiveSmallIntegerField(validators=score_range(LIKELIHOOD_RANGE))
    impact = models.PositiveSmallIntegerField(validators=score_range(IMPACT_RANGE))
    mitigation = models.TextField(blank=True)
    owner = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership_risks_owned",
        verbose_name="risk owner",
    )
    on_corporate_register = models.BooleanField(
        "belongs on the corporate risk register", default=False
    )
    corporate_reference = models.CharField(
        "corporate risk register reference", max_length=50, blank=True
    )
    history = HistoricalRecords()

    objects = live_rows(RiskQuerySet)
    all_objects = all_rows(RiskQuerySet)
    deleted_objects = deleted_rows(RiskQuerySet)

    class Meta:
        ordering = ["partnership_id", "-likelihood", "-impact", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(likelihood__gte=1, likelihood__lte=5, impact__gte=1, impact__lte=5),
                name="risk_scores_from_1_to_5",
                violation_error_message="Likelihood and impact are each scored from 1 to 5.",
            ),
            models.CheckConstraint(
                condition=Q(corporate_reference="") | Q(on_corporate_register=True),
                name="risk_reference_on_corporate_register",
                violation_error_message="Tick this box if the risk has a corporate risk "
                "register reference",
            ),
        ]

    def __str__(self):
        text = self.description if len(self.description) <= 60 else self.description[:57] + "…"
        return f"Risk: {text}"

    def clean(self):
        """Scores from 1 to 5; a corporate reference only for a risk on that register; an owner
        of the council."""
        errors = {}
        if self.likelihood is not None and not 1 <= self.likelihood <= 5:
            errors["likelihood"] = LIKELIHOOD_RANGE
        if self.impact is not None and not 1 <= self.impact <= 5:
            errors["impact"] = IMPACT_RANGE
        self.corporate_reference = (self.corporate_reference or "").strip()
        if self.corporate_reference and not self.on_corporate_register:
            errors["on_corporate_register"] = (
                "Tick this box if the risk has a corporate risk register reference"
            )
        errors |= self.person_errors(owner=self.owner if self.owner_id else None)
        if errors:
            raise ValidationError(errors)

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def risk_rating(self) -> RiskRating:
        if self.score >= self.HIGH:
            return RiskRating.HIGH
        return RiskRating.MEDIUM if self.score >= self.MEDIUM else RiskRating.LOW

    @property
    def rating(self) -> str:
        return self.risk_rating.label

    @property
    def rating_colour(self) -> str:
        return self.risk_rating.colour


class CommitteeReview(PartnershipItem):
    """A six-monthly review of the partnership by the committee: when it was considered, at
    which meeting, with which review or SCRAIP report-back, and when it is next due."""

    anchor = "committee-reviews"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="committee_reviews"
    )
    considered_on = models.DateField()
    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnership_reviews",
    )
    review = models.ForeignKey(
        "reviews.Review",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnership_considerations",
        verbose_name="task-and-finish review",
    )
    report_back = models.ForeignKey(
        ReportBack,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="partnership_reviews",
        verbose_name="SCRAIP report-back",
    )
    summary = models.TextField("what the committee concluded")
    # Left blank, the council's usual interval after this review (services.item_save).
    next_review_due = models.DateField("next review due", blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-considered_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_due__gt=F("considered_on")),
                name="next_review_after_this_one",
                violation_error_message="The next review must come after this one",
            )
        ]

    def __str__(self):
        return f"Committee review of {self.considered_on:%-d %B %Y}"

    def _council_errors(self, partnership: Partnership, meeting) -> dict:
        """The meeting, review and report-back named must be the partnership's council's."""
        errors = {}
        if meeting and meeting.committee.authority_id != partnership.authority_id:
            errors["meeting"] = "That meeting is not one of the partnership's council"
        reviews = partnership.linkable_reviews()
        if self.review_id and not reviews.filter(pk=self.review_id).exists():
            errors["review"] = "That review is not one the partnership's council takes part in"
        report_backs = partnership.linkable_report_backs()
        if self.report_back_id and not report_backs.filter(pk=self.report_back_id).exists():
            errors["report_back"] = "That report-back is not of the partnership's council"
        return errors

    def clean(self):
        """Considered on a day that has come, at a meeting of the council held that day; the
        next review after this one; the review and report-back the council's own."""
        errors = {}
        considered_on = self.considered_on
        if considered_on and considered_on > timezone.localdate():
            errors["considered_on"] = (
                "The date the committee considered it must be today or earlier"
            )
        if considered_on and self.next_review_due and self.next_review_due <= considered_on:
            errors["next_review_due"] = "The next review must come after this one"
        meeting = self.meeting if self.meeting_id else None
        if meeting and considered_on and meeting.date != considered_on:
            errors["meeting"] = f"That meeting was on {meeting.date:%-d %B %Y}, not the date above"
        if partnership := related(self, "partnership"):
            errors |= self._council_errors(partnership, meeting)
        if errors:
            raise ValidationError(errors)
