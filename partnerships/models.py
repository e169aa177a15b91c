"""The partnership register a council keeps of the partnerships it takes part in.

Seed 001's recommendations specify it: a definition of what is and is not a partnership, tested
against each arrangement; a priority list with a line above which reviews start; the officer and
councillor time and money the council gives, and the benefits it gets, year by year; action
plans and agreed outcomes, whose progress is reported through the core's progress updates; risk
assessments and exit strategies; the model protocol checklist; and a six-monthly review by the
committee. Published partnerships that meet the definition make the public register.

The core app knows nothing of this one: a partnership points at the recommendations and reviews
about it (`recommendation.partnerships`, `review.partnerships` from the other side).
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from scraip.common.fuzzydates import Precision, format_fuzzy_date
from scraip.common.softdelete import (
    SoftDeletable,
    SoftDeleteQuerySet,
    all_rows,
    deleted_rows,
    live_rows,
)
from scraip.common.uploads import FileCheck, SafeUploadTo
from scraip.common.versioning import Versioned
from scraip.councils.models import Authority, Meeting, Person
from scraip.followup.models import TrackedItem
from scraip.plans.models import Recommendation, ReportBack

# Councils account for partnerships by financial year, April to March.
FIRST_YEAR = 1990
REPORT_TYPES = ("pdf", "docx", "odt")


def financial_year_of(day: datetime.date) -> int:
    """The financial year a day falls in, named by the year it starts: 2007/08 is 2007."""
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(year: int | None) -> str:
    return f"{year}/{(year + 1) % 100:02d}" if year else ""


def current_financial_year() -> int:
    return financial_year_of(timezone.localdate())


class RegisterSettings(Versioned):
    """One council's choices for its register: where the priority line falls, how often the
    committee reviews each partnership, and how many hours make a working day."""

    authority = models.OneToOneField(
        Authority, on_delete=models.CASCADE, related_name="partnership_settings"
    )
    above_the_line = models.PositiveSmallIntegerField(
        "partnerships above the line",
        default=0,
        validators=[MaxValueValidator(1000)],
        help_text="How many of the top-ranked partnerships are above the line. Reviews start "
        "with these.",
    )
    review_interval_months = models.PositiveSmallIntegerField(
        "months between committee reviews",
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(36)],
    )
    hours_per_day = models.DecimalField(
        "hours in a working day",
        max_digits=4,
        decimal_places=2,
        default=Decimal("7.4"),
        validators=[MinValueValidator(Decimal("1")), MaxValueValidator(Decimal("24"))],
        help_text="Used to add up time given in hours and in days.",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "register settings"

    def __str__(self):
        return f"Partnership register settings of {self.authority}"

    @classmethod
    def for_authority(cls, authority) -> "RegisterSettings":
        """The council's settings, or the defaults (unsaved) until an officer changes them."""
        authority_id = getattr(authority, "pk", authority)
        found = cls.objects.filter(authority=authority_id).first()
        return found or cls(authority_id=authority_id)


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class DefinitionCriterion(Versioned, SoftDeletable):
    """One test in the council's definition of a partnership. An arrangement meets the
    definition when every criterion is answered as `meets_when` says."""

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="partnership_criteria"
    )
    question = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)
    meets_when = models.CharField(
        "meets the definition when the answer is",
        max_length=3,
        choices=Answer.choices,
        default=Answer.YES,
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        ordering = ["authority_id", "position", "pk"]
        verbose_name_plural = "definition criteria"

    def __str__(self):
        return self.question


class ChecklistItem(Versioned, SoftDeletable):
    """One item of the council's model protocol checklist for partnership working."""

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="partnership_checklist_items"
    )
    text = models.CharField("checklist item", max_length=300)
    guidance = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        ordering = ["authority_id", "position", "pk"]

    def __str__(self):
        return self.text


class DefinitionState(models.TextChoices):
    MEETS = "meets", "Meets the definition"
    FAILS = "fails", "Does not meet the definition"
    UNTESTED = "untested", "Not yet tested"


class PartnershipQuerySet(SoftDeleteQuerySet):
    def for_authorities(self, authorities):
        return self.filter(authority__in=authorities)

    def with_definition(self):
        """Annotate `definition_state`: fails if any answer contradicts a live criterion, else
        meets once every live criterion of the council is answered, else untested (which is
        also where everything stands while the council has no criteria)."""
        criteria = DefinitionCriterion.objects.filter(authority=OuterRef("authority"))
        answered = DefinitionAnswer.objects.filter(
            partnership=OuterRef(OuterRef("pk")), criterion=OuterRef("pk")
        )
        contradicted = DefinitionAnswer.objects.filter(
            partnership=OuterRef("pk"), criterion__deleted_at__isnull=True
        ).exclude(answer=F("criterion__meets_when"))
        return self.annotate(
            definition_state=Case(
                When(Exists(contradicted), then=Value(DefinitionState.FAILS)),
                When(~Exists(criteria), then=Value(DefinitionState.UNTESTED)),
                When(
                    Exists(criteria.filter(~Exists(answered))),
                    then=Value(DefinitionState.UNTESTED),
                ),
                default=Value(DefinitionState.MEETS),
                output_field=models.CharField(),
            )
        )

    def with_priority_line(self):
        """Annotate `line_cut`: how many of the council's partnerships are above the line."""
        cut = RegisterSettings.objects.filter(authority=OuterRef("authority")).values(
            "above_the_line"
        )[:1]
        return self.annotate(line_cut=Coalesce(Subquery(cut), Value(0)))

    def qualifying(self):
        """The register proper: only partnerships meeting the definition enter it."""
        return self.with_definition().filter(definition_state=DefinitionState.MEETS)

    def published(self):
        """What the public register shows: published, meeting the definition, not deleted."""
        return self.filter(published_at__isnull=False).qualifying()

    def in_priority_order(self):
        """Ranked partnerships first, by rank; the unranked after them, by name."""
        return self.order_by(F("priority_rank").asc(nulls_last=True), "name", "pk")

    def due_for_review(self, by: datetime.date):
        """Active partnerships whose next committee review falls by `by`, or was never set."""
        return self.exclude(status=Partnership.Status.ENDED).filter(
            Q(next_review_due__lte=by) | Q(next_review_due__isnull=True)
        )


class Partnership(Versioned, SoftDeletable):
    """One arrangement the council takes part in, tested against its definition."""

    class Kind(models.TextChoices):
        STRATEGIC = "strategic", "Strategic partnership"
        STATUTORY = "statutory", "Statutory partnership"
        DELIVERY = "delivery", "Service delivery partnership"
        SHARED_SERVICE = "shared_service", "Shared service"
        COMPANY = "company", "Joint venture or company"
        COMMUNITY = "community", "Community or voluntary sector partnership"
        CONTRACT = "contract", "Contract or commissioning arrangement"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        ACTIVE = "active", "Active"
        ENDING = "ending", "Being wound up"
        ENDED = "ended", "Ended"

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="partnerships")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, editable=False)
    purpose = models.TextField()
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    lead_officer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships_led",
        limit_choices_to={"kind": Person.Kind.OFFICER},
    )
    starts_on = models.DateField(null=True, blank=True)
    starts_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    ends_on = models.DateField(null=True, blank=True)
    ends_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    governance = models.TextField("governance arrangements", blank=True)
    exit_strategy = models.TextField(blank=True)
    website = models.URLField("partnership's website", max_length=500, blank=True)
    priority_rank = models.PositiveIntegerField(null=True, blank=True, editable=False)
    next_review_due = models.DateField("next committee review due", null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    recommendations = models.ManyToManyField(
        Recommendation, related_name="partnerships", blank=True
    )
    reviews = models.ManyToManyField("reviews.Review", related_name="partnerships", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = live_rows(PartnershipQuerySet)
    all_objects = all_rows(PartnershipQuerySet)
    deleted_objects = deleted_rows(PartnershipQuerySet)

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["authority", "priority_rank"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="partnership_ends_after_it_starts",
                violation_error_message="The end date must be after the start date.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])

    def get_public_url(self):
        return reverse("partnerships:register_detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def starts_display(self) -> str:
        return format_fuzzy_date(self.starts_on, self.starts_precision)

    @property
    def ends_display(self) -> str:
        return format_fuzzy_date(self.ends_on, self.ends_precision)

    @property
    def meets_definition(self) -> bool:
        """Read from `with_definition()`'s annotation: fetch partnerships through it."""
        return self.definition_state == DefinitionState.MEETS

    @property
    def definition_state_label(self) -> str:
        return DefinitionState(self.definition_state).label

    def is_above_the_line(self, register_settings: RegisterSettings) -> bool:
        rank = self.priority_rank
        return bool(rank and rank <= register_settings.above_the_line)

    @property
    def above_the_line(self) -> bool:
        """Read from `with_priority_line()`'s annotation."""
        return bool(self.priority_rank and self.priority_rank <= self.line_cut)

    def review_is_overdue(self, today: datetime.date | None = None) -> bool:
        due = self.next_review_due
        return bool(due and due < (today or timezone.localdate()))


class PartnershipItem(Versioned, SoftDeletable):
    """A row people add to a partnership on its own page: versioned, soft-deleted, with history."""

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return f"{self.partnership.get_absolute_url()}#{self.anchor}"


class DefinitionAnswer(models.Model):
    """A partnership's answer to one criterion, saved with the partnership's version."""

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="definition_answers"
    )
    criterion = models.ForeignKey(
        DefinitionCriterion, on_delete=models.CASCADE, related_name="answers"
    )
    answer = models.CharField(max_length=3, choices=Answer.choices)
    note = models.CharField(max_length=500, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "criterion"], name="one_answer_per_criterion"
            )
        ]

    def __str__(self):
        return f"{self.criterion}: {self.get_answer_display()}"

    @property
    def meets(self) -> bool:
        return self.answer == self.criterion.meets_when


class ChecklistAnswer(models.Model):
    """How far a partnership meets one checklist item, when that was judged, and the evidence."""

    class Status(models.TextChoices):
        MET = "met", "Met"
        PARTLY_MET = "partly_met", "Partly met"
        NOT_MET = "not_met", "Not met"
        NOT_APPLICABLE = "not_applicable", "Not applicable"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="checklist_answers"
    )
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="answers")
    status = models.CharField(max_length=20, choices=Status.choices)
    answered_on = models.DateField()
    evidence = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["partnership", "item"], name="one_answer_per_item")
        ]

    def __str__(self):
        return f"{self.item}: {self.get_status_display()}"


class Partner(PartnershipItem):
    """An organisation in the partnership besides the council."""

    class Sector(models.TextChoices):
        PUBLIC = "public", "Public sector"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        PRIVATE = "private", "Private sector"
        OTHER = "other", "Other"

    anchor = "partners"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="partners")
    organisation = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    role = models.CharField("role in the partnership", max_length=200, blank=True)
    history = HistoricalRecords()

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        ordering = ["organisation", "pk"]

    def __str__(self):
        return self.organisation


class Representative(PartnershipItem):
    """A councillor or officer who represents the council in the partnership."""

    anchor = "representatives"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="representatives"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="partnership_roles")
    role = models.CharField(max_length=200, help_text="For example, board member or substitute.")
    history = HistoricalRecords()

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        ordering = ["person__kind", "person__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "person"],
                condition=Q(deleted_at__isnull=True),
                name="one_role_per_representative",
            )
        ]

    def __str__(self):
        return f"{self.person}, {self.role}"


class Contribution(PartnershipItem):
    """Time or money the council gave a partnership in one financial year, by one person or
    in total."""

    class Kind(models.TextChoices):
        OFFICER_TIME = "officer_time", "Officer time"
        COUNCILLOR_TIME = "councillor_time", "Councillor time"
        MONEY = "money", "Money"

    class Unit(models.TextChoices):
        HOURS = "hours", "Hours"
        DAYS = "days", "Days"
        POUNDS = "pounds", "Pounds (£)"

    anchor = "contributions"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="contributions"
    )
    year = models.PositiveSmallIntegerField(
        "financial year", validators=[MinValueValidator(FIRST_YEAR)]
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership_contributions",
        help_text="Leave blank for a total.",
    )
    amount = models.DecimalField(
        max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    unit = models.CharField(max_length=10, choices=Unit.choices)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="contribution_is_not_negative",
                violation_error_message="The amount cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(kind="money", unit="pounds")
                | (~Q(kind="money") & Q(unit__in=["hours", "days"])),
                name="contribution_unit_fits_kind",
                violation_error_message="Give time in hours or days, and money in pounds.",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year_label}: {self.amount_display}"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    @property
    def amount_display(self) -> str:
        if self.unit == self.Unit.POUNDS:
            return f"£{self.amount:,.2f}"
        return f"{self.amount.normalize():f} {self.get_unit_display().lower()}"

    def hours(self, hours_per_day: Decimal) -> Decimal:
        return self.amount * hours_per_day if self.unit == self.Unit.DAYS else self.amount


class Benefit(PartnershipItem):
    """What the council gets from a partnership in a year: in words, and where it can be
    counted, as a measure with a value and unit."""

    anchor = "benefits"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="benefits")
    year = models.PositiveSmallIntegerField(
        "financial year", validators=[MinValueValidator(FIRST_YEAR)]
    )
    description = models.TextField("the benefit")
    measure = models.CharField(max_length=200, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True)
    history = HistoricalRecords()

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure="", value__isnull=True)
                | (~Q(measure="") & Q(value__isnull=False)),
                name="benefit_measure_has_a_value",
                violation_error_message="A measured benefit needs what is counted and its value.",
            )
        ]

    def __str__(self):
        return self.description[:80]

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    @property
    def is_quantitative(self) -> bool:
        return self.value is not None

    @property
    def value_display(self) -> str:
        if self.value is None:
            return ""
        number = f"{self.value.normalize():,f}"
        return f"{number} {self.unit}".strip()


class AnnualReport(PartnershipItem):
    """The partnership's annual report for one financial year."""

    anchor = "annual-reports"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="annual_reports"
    )
    year = models.PositiveSmallIntegerField(
        "financial year", validators=[MinValueValidator(FIRST_YEAR)]
    )
    title = models.CharField(max_length=300)
    file = models.FileField(
        upload_to=SafeUploadTo("partnerships"),
        validators=[FileCheck(REPORT_TYPES)],
        max_length=255,
    )
    original_name = models.CharField(max_length=255, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="partnership_reports_uploaded",
        editable=False,
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"],
                condition=Q(deleted_at__isnull=True),
                name="one_annual_report_a_year",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.year_label})"

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)


class OutcomeQuerySet(SoftDeleteQuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True, partnership__deleted_at__isnull=True)


class Outcome(TrackedItem, PartnershipItem):
    """An agreed outcome or an action of the partnership's action plan. Its progress is
    reported, and judged by the committee, through the core's progress updates and verdicts."""

    class Kind(models.TextChoices):
        OUTCOME = "outcome", "Agreed outcome"
        ACTION = "action", "Action"

    anchor = "outcomes"
    target_fields = ("target_date", "target_precision")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="outcomes")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.OUTCOME)
    description = models.TextField()
    measure = models.CharField(
        "how success is measured",
        max_length=300,
        blank=True,
        help_text="For example, 200 more homes insulated each year.",
    )
    target_date = models.DateField(null=True, blank=True)
    target_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    lead = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership_outcomes_led",
        verbose_name="lead officer",
        limit_choices_to={"kind": Person.Kind.OFFICER},
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    objects = live_rows(OutcomeQuerySet)
    all_objects = all_rows(OutcomeQuerySet)
    deleted_objects = deleted_rows(OutcomeQuerySet)

    class Meta:
        ordering = ["partnership_id", "kind", "position", "pk"]

    def __str__(self):
        text = self.description if len(self.description) <= 60 else self.description[:57] + "…"
        return f"{self.get_kind_display()}: {text}"

    def progress_lead(self):
        return self.lead


class RiskQuerySet(SoftDeleteQuerySet):
    def on_corporate_register(self):
        return self.filter(on_corporate_register=True, partnership__deleted_at__isnull=True)


SCORE_RANGE = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(PartnershipItem):
    """A risk of the partnership to the council, scored likelihood × impact on 1 to 5 each."""

    anchor = "risks"
    HIGH, MEDIUM = 15, 8  # the lowest score of each band; below MEDIUM is low

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="risks")
    description = models.TextField("the risk")
    likelihood = models.PositiveSmallIntegerField(validators=SCORE_RANGE)
    impact = models.PositiveSmallIntegerField(validators=SCORE_RANGE)
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
            )
        ]

    def __str__(self):
        text = self.description if len(self.description) <= 60 else self.description[:57] + "…"
        return f"Risk: {text}"

    @property
    def score(self) -> int:
        return self.likelihood * self.impact

    @property
    def rating(self) -> str:
        if self.score >= self.HIGH:
            return "High"
        return "Medium" if self.score >= self.MEDIUM else "Low"

    @property
    def rating_colour(self) -> str:
        return {"High": "red", "Medium": "yellow", "Low": "green"}[self.rating]


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
    next_review_due = models.DateField("next review due")
    history = HistoricalRecords()

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        ordering = ["-considered_on", "-pk"]

    def __str__(self):
        return f"Committee review of {self.considered_on:%-d %B %Y}"


# The rows added to a partnership on their own pages, by the name their URLs use.
ITEM_MODELS = {
    "partner": Partner,
    "representative": Representative,
    "contribution": Contribution,
    "benefit": Benefit,
    "report": AnnualReport,
    "outcome": Outcome,
    "risk": Risk,
    "review": CommitteeReview,
}
