"""The review itself, its dated status changes, and the action plans made from its report."""

import datetime
from collections import Counter
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import (
    Case,
    Count,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
    When,
    Window,
)
from django.db.models.functions import RowNumber
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from scraip.common.fuzzydates import Precision, format_fuzzy_date, latest_day, period_end_field
from scraip.common.prefetch import read_into_list, related_rows
from scraip.common.softdelete import (
    SoftDeletable,
    SoftDeleteQuerySet,
    all_rows,
    deleted_rows,
    live_rows,
)
from scraip.common.versioning import Versioned
from scraip.common.years import municipal_year_label, municipal_year_of
from scraip.councils.models import Authority, Committee, Meeting, Person
from scraip.councils.rules import is_scrutiny_officer, person_of
from scraip.followup.models import FollowedPart
from scraip.followup.progress import prefetch_progress
from scraip.plans.models import ActionPlan, Recommendation

from .vocabularies import ReviewStatus, Stage

FIRST_PROGRAMME_YEAR, LAST_PROGRAMME_YEAR = 1990, 2200


def report_deadline_of(
    *,
    reports_to: Meeting | None,
    due_on: datetime.date | None,
    precision: str,
    end: datetime.date | None = None,
) -> datetime.date | None:
    """The last day a report-back can fall on: its meeting's date, or the end of the span its
    vague date covers ("December 2014" may still mean the 9th)."""
    if reports_to:
        return reports_to.date
    if due_on:
        return latest_day(due_on, precision, end)
    return None


def stage_of(status: str = "status") -> Case:
    """The work programme stage (Stage) of the review status in field `status`, in SQL."""
    return Case(
        *[When(**{f"{status}__in": stage.statuses}, then=Value(stage.value)) for stage in Stage],
        output_field=models.CharField(),
    )


def programme_cells(reviews, authorities, *, per_cell: int):
    """For the network view: each council's reviews among `reviews`, by stage, latest work
    programme first, at most `per_cell` a stage (each with `council_count`, how many councils
    take part), and how many each council has at each stage: {(council id, stage): count}.
    Two queries, whatever the years of reviews."""
    taking_part = Review.participating_authorities.through.objects.filter(
        review__in=reviews, authority__in=authorities
    ).annotate(stage=stage_of("review__status"))
    counts = {
        (row["authority_id"], row["stage"]): row["count"]
        for row in taking_part.values("authority_id", "stage").annotate(count=Count("pk"))
    }
    councils_of_review = Review.participating_authorities.through.objects.filter(
        review=OuterRef("review")
    )
    first = (
        taking_part.annotate(
            place=Window(
                RowNumber(),
                partition_by=[F("authority_id"), F("stage")],
                order_by=[F("review__programme_year").desc(), F("review__title"), F("review_id")],
            ),
            council_count=Subquery(
                councils_of_review.order_by()
                .values("review")
                .annotate(count=Count("pk"))
                .values("count")
            ),
        )
        .filter(place__lte=per_cell)
        .select_related("review")
    )
    return list(first), counts


class ReviewQuerySet(SoftDeleteQuerySet):
    def for_authorities(self, authorities):
        """Reviews any of these councils leads or takes part in."""
        return self.filter(participating_authorities__in=authorities).distinct()

    def in_stage(self, stage: str):
        return self.filter(status__in=Stage(stage).statuses)

    def recent_or_running(self, today: datetime.date):
        """Not yet closed, or in one of the last three work programmes: the reviews another
        council should know about before starting the same one."""
        return self.filter(
            ~Q(status=ReviewStatus.CLOSED) | Q(programme_year__gte=municipal_year_of(today) - 3)
        )

    def with_authorities(self):
        return self.select_related("lead_authority").prefetch_related(
            read_into_list("participating_authorities", Authority.objects.order_by("name"))
        )

    def with_people(self):
        """What every page of a review shows about it: its councils, officers and meeting."""
        return self.select_related(
            "lead_authority", "lead_officer__authority", "reports_to__committee"
        ).prefetch_related(
            read_into_list("participating_authorities", Authority.objects.order_by("name")),
            read_into_list("supporting_officers", Person.objects.select_related("authority")),
        )

    def visible_to(self, user):
        """The reviews this user may open in full: those of the councils they work for, and
        those they support as an officer (the rules' reviews.view_review, in the database)."""
        if user.is_superuser:
            return self
        person = person_of(user)
        if person is None:
            return self.none()
        taking_part = Review.participating_authorities.through.objects.filter(
            authority_id=person.authority_id
        )
        return self.filter(Q(pk__in=taking_part.values("review_id")) | self._supported_by(person))

    def changeable_by(self, user):
        """The reviews this user may change: those they support, and, for a scrutiny officer,
        those their council leads (the rules' reviews.change_review, in the database)."""
        if user.is_superuser:
            return self
        person = person_of(user)
        if person is None:
            return self.none()
        if is_scrutiny_officer(user):
            return self.filter(
                Q(lead_authority_id=person.authority_id) | self._supported_by(person)
            )
        return self.filter(self._supported_by(person))

    @staticmethod
    def _supported_by(person) -> Q:
        supporting = Review.supporting_officers.through.objects.filter(person=person)
        return Q(lead_officer=person) | Q(pk__in=supporting.values("review_id"))

    def in_programme_order(self):
        """Planned, then in progress, then reported; the latest work programme first."""
        stage_rank = Case(
            *[
                When(status__in=stage.statuses, then=Value(rank))
                for rank, stage in enumerate(Stage)
            ],
            output_field=IntegerField(),
        )
        return self.annotate(stage_rank=stage_rank).order_by(
            "stage_rank", "-programme_year", "title", "pk"
        )


class Review(Versioned, SoftDeletable):
    """A task-and-finish review, from its proposal to the monitoring of what came of it."""

    Status = ReviewStatus
    Stage = Stage

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
    report_due_end = period_end_field()
    reports_to_description = models.CharField(
        "who it reports back to",
        max_length=300,
        blank=True,
        help_text="For example, a joint meeting of the three councils' scrutiny committees.",
    )
    programme_year = models.PositiveSmallIntegerField(
        "work programme year",
        validators=[
            MinValueValidator(FIRST_PROGRAMME_YEAR),
            MaxValueValidator(LAST_PROGRAMME_YEAR),
        ],
    )
    status = models.CharField(
        max_length=20, choices=ReviewStatus.choices, default=ReviewStatus.PROPOSED
    )
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
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    programme_year__gte=FIRST_PROGRAMME_YEAR,
                    programme_year__lte=LAST_PROGRAMME_YEAR,
                ),
                name="review_programme_year_in_range",
                violation_error_message="Choose a work programme year from the list",
            ),
            models.CheckConstraint(
                condition=Q(day_rate__isnull=True) | Q(day_rate__gte=0),
                name="review_day_rate_not_negative",
                violation_error_message="The day rate cannot be negative",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("reviews:detail", args=[self.pk])

    def clean(self):
        super().clean()
        if self.reports_to_id:
            # The meeting, once arranged, is the report-back date.
            self.report_due_on = self.reports_to.date
            self.report_due_precision = Precision.DAY
            self.report_due_end = self.reports_to.date

    @property
    def stage(self) -> Stage:
        return ReviewStatus(self.status).stage

    @property
    def status_colour(self) -> str:
        return ReviewStatus.colour_of(self.status)

    @property
    def programme_year_label(self) -> str:
        return municipal_year_label(self.programme_year)

    # Its councils, supporting officers and commissioning committees, read for every row of a
    # list at once when the list asked for them (scraip.common.prefetch), else one query each.
    def councils_taking_part(self) -> list[Authority]:
        return related_rows(self, "participating_authorities")

    def officers_supporting(self) -> list[Person]:
        return related_rows(self, "supporting_officers")

    def committees_commissioning(self) -> list:
        return related_rows(self, "commissioning_committees")

    @cached_property
    def participating_authority_ids(self) -> set[int]:
        return {authority.pk for authority in self.councils_taking_part()}

    @cached_property
    def supporting_officer_ids(self) -> set[int]:
        return {person.pk for person in self.officers_supporting()}

    @property
    def is_joint(self) -> bool:
        return len(self.participating_authority_ids) > 1

    @property
    def other_authorities(self) -> list[Authority]:
        return [a for a in self.councils_taking_part() if a.pk != self.lead_authority_id]

    @property
    def report_due_display(self) -> str:
        if self.reports_to:
            return f"{self.reports_to.date:%-d %B %Y}"
        return format_fuzzy_date(self.report_due_on, self.report_due_precision, self.report_due_end)

    @property
    def report_deadline(self) -> datetime.date | None:
        """The last day the report-back can fall on: evidence must be gathered by then."""
        return report_deadline_of(
            reports_to=self.reports_to,
            due_on=self.report_due_on,
            precision=self.report_due_precision,
            end=self.report_due_end,
        )

    def councillors_to_offer(self):
        """The councillors who may join the group: those of the councils taking part."""
        return (
            Person.objects.councillors()
            .filter(authority__in=self.participating_authority_ids)
            .select_related("authority")
            .order_by("authority__name", "name")
        )

    def officers_to_offer(self):
        """The officers who may support the review: the scrutiny officers of the councils
        taking part, and whoever supports it already."""
        current = {self.lead_officer_id, *self.supporting_officer_ids} - {None}
        return (
            Person.objects.officers()
            .filter(
                Q(authority__in=self.participating_authority_ids, in_scrutiny_team=True)
                | Q(pk__in=current)
            )
            .select_related("authority")
            .order_by("authority__name", "name")
        )

    def committees_with_councils(self):
        return self.commissioning_committees.select_related("authority")

    def action_plans_with_answers(self) -> list[ActionPlan]:
        """The review's SCRAIPs with every answer and the latest progress on each, in a fixed
        number of queries; each plan carries `answer_counts` for its summary line."""
        parts = prefetch_progress(FollowedPart.objects.select_related("response__lead_officer"))
        recommendations = Recommendation.objects.prefetch_related(Prefetch("parts", queryset=parts))
        plans = list(
            self.action_plans.select_related("committee", "authority").prefetch_related(
                Prefetch("recommendations", queryset=recommendations), "report_backs"
            )
        )
        for plan in plans:
            answers = Counter(
                part.current_response.get_decision_display() if part.current_response else None
                for recommendation in plan.recommendations.all()
                for part in recommendation.parts.all()
            )
            awaiting = answers.pop(None, 0)
            plan.answer_counts = {"answers": sorted(answers.items()), "awaiting": awaiting}
        return plans


class ReviewStatusChangeQuerySet(models.QuerySet):
    def latest_first(self):
        return self.order_by("-changed_on", "-recorded_at")

    def last_changed_on(self) -> datetime.date | None:
        last = self.latest_first().first()
        return last.changed_on if last else None

    def with_people(self):
        return self.select_related("changed_by__person")


def _steps_back() -> Q:
    steps = Q()
    for from_status, to_status in ReviewStatus.steps_back():
        steps |= Q(from_status=from_status, to_status=to_status)
    return steps


class ReviewStatusChange(models.Model):
    """One move along proposed → scoping → … → closed: when, by whom, and why if it went back."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=20, choices=ReviewStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ReviewStatus.choices)
    changed_on = models.DateField("date of the change")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,  # no one: recorded by the system (the demo's older reviews)
        related_name="review_status_changes",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    objects = ReviewStatusChangeQuerySet.as_manager()

    class Meta:
        ordering = ["review_id", "changed_on", "recorded_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(note="") | ~_steps_back(),
                name="moving_a_review_back_needs_a_reason",
                violation_error_message="Give the reason for moving the review back",
            )
        ]

    def __str__(self):
        return f"{self.get_to_status_display()} on {self.changed_on:%-d %B %Y}"

    def clean(self):
        super().clean()
        errors = {}
        if self.changed_on and self.changed_on > timezone.localdate():
            errors["changed_on"] = "The date of the change must be today or earlier"
        if (
            self.from_status in ReviewStatus.values
            and self.to_status in ReviewStatus.values
            and ReviewStatus.is_step_back(self.from_status, self.to_status)
            and not self.note.strip()
        ):
            errors["note"] = (
                "Give the reason for moving the review back to "
                f"“{ReviewStatus(self.to_status).label.lower()}”"
            )
        if errors:
            raise ValidationError(errors)


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
