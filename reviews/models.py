"""Task-and-finish reviews: what a review sets out to do, who carries it out, how it gathers its
evidence, what it costs, the papers it publishes, and the action plans its recommendations become.

A review belongs to a lead authority and, when it is a joint review, to the other councils that
take part (seed 002: Maidstone, Swale and Tunbridge Wells). The core SCRAIP app knows nothing of
reviews: a review points at the action plans made from its final report.
"""

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property
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
from scraip.councils.models import Authority, Committee, Meeting, Person
from scraip.plans.models import ActionPlan

from .fuzzy import latest_day


def programme_year_of(day: datetime.date) -> int:
    """The municipal year a day falls in, named by the year it starts: May 2014 to April 2015 is
    2014 (printed "2014/15"), as councils' work programmes run from the annual meeting in May."""
    return day.year if day.month >= 5 else day.year - 1


def programme_year_label(year: int) -> str:
    return f"{year}/{(year + 1) % 100:02d}"


class ReviewQuerySet(SoftDeleteQuerySet):
    def for_authorities(self, authorities):
        """Reviews any of these councils leads or takes part in."""
        return self.filter(participating_authorities__in=authorities).distinct()

    def in_stage(self, stage: str):
        return self.filter(status__in=Review.STAGES[stage])

    def recent_or_running(self, today: datetime.date):
        """Not yet closed, or in one of the last three work programmes: the reviews another
        council should know about before starting the same one."""
        return self.filter(
            ~Q(status=Review.Status.CLOSED) | Q(programme_year__gte=programme_year_of(today) - 3)
        )

    def with_authorities(self):
        return self.select_related("lead_authority").prefetch_related(
            models.Prefetch(
                "participating_authorities", queryset=Authority.objects.order_by("name")
            )
        )


class Review(Versioned, SoftDeletable):
    """A task-and-finish review, from its proposal to the monitoring of what came of it."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        SCOPING = "scoping", "Scoping"
        GATHERING_EVIDENCE = "gathering_evidence", "Gathering evidence"
        DRAFTING_REPORT = "drafting_report", "Drafting report"
        REPORTED = "reported", "Reported"
        MONITORING = "monitoring", "Monitoring"
        CLOSED = "closed", "Closed"

    # The three columns of a work programme.
    PLANNED, IN_PROGRESS, REPORTED = "planned", "in_progress", "reported"
    STAGES = {
        PLANNED: (Status.PROPOSED, Status.SCOPING),
        IN_PROGRESS: (Status.GATHERING_EVIDENCE, Status.DRAFTING_REPORT),
        REPORTED: (Status.REPORTED, Status.MONITORING, Status.CLOSED),
    }
    STAGE_NAMES = {PLANNED: "Planned", IN_PROGRESS: "In progress", REPORTED: "Reported"}

    title = models.CharField(max_length=300)
    aim = models.TextField("aim of the review")
    reason_selected = models.TextField("why this review has been selected", blank=True)
    expected_outputs = models.TextField("expected outputs", blank=True)
    timescale = models.TextField(blank=True)
    cost_implications = models.TextField(blank=True)
    community_implications = models.TextField(blank=True)
    lead_authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="reviews_led"
    )
    participating_authorities = models.ManyToManyField(
        Authority,
        related_name="reviews",
        help_text="Every council taking part, the lead authority included.",
    )
    commissioning_committees = models.ManyToManyField(
        Committee, related_name="reviews_commissioned", blank=True
    )
    reports_to = models.ForeignKey(
        Meeting,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviews_reported",
        verbose_name="meeting it reports back to",
    )
    report_due_on = models.DateField(null=True, blank=True)
    report_due_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    reports_to_description = models.CharField(
        "who it reports back to",
        max_length=300,
        blank=True,
        help_text="For example, a joint meeting of the three councils' scrutiny committees.",
    )
    programme_year = models.PositiveSmallIntegerField(
        "work programme year",
        validators=[MinValueValidator(1990), MaxValueValidator(2200)],
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    lead_officer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews_led",
        verbose_name="lead scrutiny officer",
        limit_choices_to={"kind": Person.Kind.OFFICER},
    )
    supporting_officers = models.ManyToManyField(
        Person,
        related_name="reviews_supported",
        blank=True,
        limit_choices_to={"kind": Person.Kind.OFFICER},
    )
    day_rate = models.DecimalField(
        "cost of a support day (£)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    action_plans = models.ManyToManyField(
        ActionPlan, through="ReviewActionPlan", related_name="reviews", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = live_rows(ReviewQuerySet)
    all_objects = all_rows(ReviewQuerySet)
    deleted_objects = deleted_rows(ReviewQuerySet)

    class Meta:
        ordering = ["-programme_year", "title"]
        indexes = [models.Index(fields=["status", "programme_year"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reviews:detail", args=[self.pk])

    @property
    def stage(self) -> str:
        return next(stage for stage, statuses in self.STAGES.items() if self.status in statuses)

    @property
    def programme_year_label(self) -> str:
        return programme_year_label(self.programme_year)

    @cached_property
    def participating_authority_ids(self) -> set[int]:
        """From the prefetched authorities when there are some, so a list asks once."""
        return {authority.pk for authority in self.participating_authorities.all()}

    @cached_property
    def supporting_officer_ids(self) -> set[int]:
        return {person.pk for person in self.supporting_officers.all()}

    @property
    def is_joint(self) -> bool:
        return len(self.participating_authority_ids) > 1

    @property
    def other_authorities(self) -> list[Authority]:
        return [a for a in self.participating_authorities.all() if a.pk != self.lead_authority_id]

    @property
    def report_due_display(self) -> str:
        if self.reports_to:
            return f"{self.reports_to.date:%-d %B %Y}"
        return format_fuzzy_date(self.report_due_on, self.report_due_precision)

    @property
    def report_deadline(self) -> datetime.date | None:
        """The last day the report-back can fall on: evidence must be gathered by then."""
        if self.reports_to:
            return self.reports_to.date
        if self.report_due_on:
            return latest_day(self.report_due_on, self.report_due_precision)
        return None


class ReviewStatusChange(models.Model):
    """One move along proposed → scoping → … → closed: when, by whom, and why if it went back."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=Review.Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Review.Status.choices)
    changed_on = models.DateField("date of the change")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="review_status_changes",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["review_id", "changed_on", "recorded_at", "pk"]

    def __str__(self):
        return f"{self.get_to_status_display()} on {self.changed_on:%-d %B %Y}"


class ReviewMember(models.Model):
    """A councillor on the task-and-finish group, from one of the participating councils."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice-chair"
        MEMBER = "member", "Member"
        SUBSTITUTE = "substitute", "Substitute"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="members")
    councillor = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="review_memberships",
        limit_choices_to={"kind": Person.Kind.COUNCILLOR},
    )
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    substitute_for = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="substitutes",
        verbose_name="stands in for",
    )
    history = HistoricalRecords()

    ROLE_ORDER = [Role.CHAIR, Role.VICE_CHAIR, Role.MEMBER, Role.SUBSTITUTE]

    class Meta:
        ordering = ["review_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "councillor"], name="unique_review_member"),
            models.UniqueConstraint(
                fields=["review"], condition=Q(role="chair"), name="one_chair_per_review"
            ),
        ]

    def __str__(self):
        return f"{self.councillor} ({self.get_role_display()})"

    @property
    def is_substitute(self) -> bool:
        return self.role == self.Role.SUBSTITUTE


class Activity(Versioned, SoftDeletable):
    """A step of the evidence plan: a numbered session, an evidence day, a survey, a visit."""

    class Kind(models.TextChoices):
        SESSION = "session", "Evidence session"
        EVIDENCE_DAY = "evidence_day", "Evidence day (select committee style)"
        SURVEY = "survey", "Survey"
        SITE_VISIT = "site_visit", "Site visit"
        MEETING = "meeting", "Meeting"
        OTHER = "other", "Other activity"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="activities")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SESSION)
    title = models.CharField(
        max_length=200,
        blank=True,
        help_text='Optional for a session. For example "Start a members\' survey".',
    )
    description = models.TextField(blank=True)
    planned_on = models.DateField(null=True, blank=True)
    planned_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    held = models.BooleanField(default=False)
    held_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        verbose_name_plural = "activities"
        ordering = [models.F("planned_on").asc(nulls_last=True), "pk"]

    def __str__(self):
        return self.label

    @property
    def is_session(self) -> bool:
        return self.kind == self.Kind.SESSION

    @property
    def planned_display(self) -> str:
        return format_fuzzy_date(self.planned_on, self.planned_precision)

    @property
    def label(self) -> str:
        """ "Session 3", or the activity's own title. `number_steps` sets session numbers."""
        number = getattr(self, "session_number", None)
        if self.is_session:
            name = f"Session {number}" if number else "Session"
            return f"{name}: {self.title}" if self.title else name
        return self.title or self.get_kind_display()


def number_steps(activities) -> list[Activity]:
    """Number the plan's steps 1, 2, 3… in date order, and its sessions Session 1, 2… apart."""
    numbered = list(activities)
    session = 0
    for step, activity in enumerate(numbered, start=1):
        activity.step = step
        if activity.is_session:
            session += 1
            activity.session_number = session
    return numbered


class ActivityPart(models.Model):
    """A lettered part of a session (1A, 1B…), or a morning, afternoon or case study."""

    class Kind(models.TextChoices):
        PART = "part", "Part"
        MORNING = "morning", "Morning session"
        AFTERNOON = "afternoon", "Afternoon session"
        CASE_STUDY = "case_study", "Case study"

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="parts")
    letter = models.CharField(max_length=4)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PART)
    heading = models.CharField(max_length=200, blank=True)
    description = models.TextField("what happens")
    aim = models.TextField("aim of this part", blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["activity_id", "position", "letter"]
        constraints = [
            models.UniqueConstraint(fields=["activity", "letter"], name="unique_activity_part")
        ]

    def __str__(self):
        return f"Part {self.letter}"

    @property
    def heading_display(self) -> str:
        if self.kind == self.Kind.PART:
            return self.heading
        kind = self.get_kind_display()
        return f"{kind}: {self.heading}" if self.heading else kind


class WitnessQuerySet(models.QuerySet):
    def gave_evidence(self):
        return self.filter(part__activity__held=True)

    def alive(self):
        return self.filter(
            part__activity__deleted_at__isnull=True,
            part__activity__review__deleted_at__isnull=True,
        )


class Witness(models.Model):
    """Someone asked to give evidence to one part of a session: a person, or an organisation
    not yet represented by anyone in particular ("a national body, such as the LGA")."""

    part = models.ForeignKey(ActivityPart, on_delete=models.CASCADE, related_name="witnesses")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="evidence_given"
    )
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(
        max_length=200, blank=True, help_text='For example "Mid Kent Services Director".'
    )
    topics = models.CharField(
        "subjects they can speak on",
        max_length=300,
        blank=True,
        help_text="Comma-separated, for example: governance, shared services",
    )
    history = HistoricalRecords()

    objects = WitnessQuerySet.as_manager()

    class Meta:
        verbose_name_plural = "witnesses"
        ordering = ["part_id", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False) | ~Q(organisation=""),
                name="witness_is_a_person_or_an_organisation",
            )
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        return self.person.name if self.person else self.organisation

    @property
    def organisation_display(self) -> str:
        if self.organisation:
            return self.organisation
        if self.person:
            return self.person.organisation or str(self.person.authority or "")
        return ""


class CostItem(models.Model):
    """A line of the cost table (seed 003): support days at a day rate, shared or not."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="cost_items")
    activity = models.CharField(max_length=200)
    support_days = models.DecimalField(
        max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0"))]
    )
    day_rate = models.DecimalField(
        "day rate (£)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0"))],
    )
    shared = models.BooleanField(
        "shared between the participating authorities",
        default=False,
    )
    borne_by = models.ForeignKey(
        Authority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_costs",
        verbose_name="paid by",
    )
    comments = models.CharField(max_length=300, blank=True)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["review_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(shared=False) | Q(borne_by__isnull=True),
                name="shared_cost_has_no_single_payer",
            )
        ]

    def __str__(self):
        return self.activity


class ReviewDocument(SoftDeletable):
    """A paper of the review: agenda, information sheet, evidence, scoping or final report."""

    class Kind(models.TextChoices):
        AGENDA = "agenda", "Agenda"
        INFORMATION_SHEET = "information_sheet", "Information sheet"
        TIMETABLE = "timetable", "Timetable"
        EVIDENCE = "evidence", "Evidence"
        SCOPING_REPORT = "scoping_report", "Scoping report"
        FINAL_REPORT = "final_report", "Final report"
        OTHER = "other", "Other"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField("type of document", max_length=20, choices=Kind.choices)
    title = models.CharField(max_length=200)
    file = models.FileField(
        upload_to=SafeUploadTo("reviews"), max_length=255, validators=[FileCheck()]
    )
    original_name = models.CharField(max_length=255)
    size = models.PositiveBigIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="review_documents"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        ordering = ["review_id", "kind", "title", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reviews:document_download", args=[self.pk])


class ReviewActionPlan(models.Model):
    """The SCRAIP made from a review's final report. A joint review may have one per council."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="plan_links")
    action_plan = models.OneToOneField(
        ActionPlan, on_delete=models.CASCADE, related_name="review_link"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["review_id", "pk"]

    def __str__(self):
        return f"{self.review} → {self.action_plan}"
