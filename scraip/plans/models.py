"""The core record: councils, their committees and cabinet, and the SCRAIP action plans.

A SCRAIP (Scrutiny Committee Recommendation Action and Implementation Plan) holds the
recommendations of one scrutiny report, the cabinet's answer to each answerable part, and the
dates on which the committee hears what became of them.
"""

import datetime

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
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
from scraip.common.versioning import Versioned
from scraip.councils.models import Authority, Committee, Meeting, Person, Portfolio


class ActionPlanQuerySet(SoftDeleteQuerySet):
    def for_authorities(self, authorities):
        return self.filter(authority__in=authorities)

    def sent_for_response(self):
        return self.exclude(status=ActionPlan.Status.DRAFT)

    def with_counts(self):
        answerable = Q(recommendations__parts__isnull=False)
        answered = Q(recommendations__parts__response__isnull=False)
        return self.annotate(
            recommendation_count=Count("recommendations", distinct=True),
            part_count=Count("recommendations__parts", filter=answerable, distinct=True),
            answered_count=Count("recommendations__parts", filter=answered, distinct=True),
        )


class ActionPlan(Versioned, SoftDeletable):
    """One SCRAIP: the recommendations of a scrutiny report and what became of them."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_RESPONSE = "awaiting_response", "Awaiting response"
        RESPONDED = "responded", "Response received"
        CLOSED = "closed", "Closed"

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="action_plans")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="action_plans")
    title = models.CharField("report title", max_length=300)
    publication_date = models.DateField()
    received_on = models.DateField(
        "date the cabinet received the report",
        null=True,
        blank=True,
        help_text="The response period starts on this date.",
    )
    response_deadline = models.DateField(null=True, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = live_rows(ActionPlanQuerySet)
    all_objects = all_rows(ActionPlanQuerySet)
    deleted_objects = deleted_rows(ActionPlanQuerySet)

    class Meta:
        ordering = ["-publication_date", "title"]
        indexes = [models.Index(fields=["authority", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:plan_detail", args=[self.pk])

    def set_received_on(self, received_on: datetime.date | None) -> None:
        """The deadline is fixed when the report reaches the executive, by the rule in force."""
        self.received_on = received_on
        self.response_deadline = (
            self.authority.response_deadline_after(received_on) if received_on else None
        )

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def awaits_response(self) -> bool:
        return self.status == self.Status.AWAITING_RESPONSE

    def days_to_deadline(self, today: datetime.date | None = None) -> int | None:
        if not self.response_deadline or not self.awaits_response:
            return None
        return (self.response_deadline - (today or timezone.localdate())).days


class ReportBack(models.Model):
    """A date on which the committee hears what has been done: the 1st, 2nd, 3rd… update."""

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="report_backs"
    )
    sequence = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    due_on = models.DateField()
    due_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="report_backs"
    )
    completed = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["action_plan_id", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["action_plan", "sequence"], name="unique_report_back_sequence"
            )
        ]

    def __str__(self):
        return f"Update {self.sequence}: {self.due_display}"

    @property
    def due_display(self) -> str:
        return format_fuzzy_date(self.due_on, self.due_precision)


class Recommendation(Versioned, SoftDeletable):
    """A lettered recommendation. Letters and order are the report's own, even out of sequence."""

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="recommendations"
    )
    letter = models.CharField(max_length=4)
    position = models.PositiveIntegerField(
        default=0, help_text="Recommendations are listed in this order, lowest first."
    )
    text = models.TextField()
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text='For example "moved up the order for clarity".',
    )
    portfolio = models.ForeignKey(
        Portfolio,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name="cabinet portfolio",
    )
    history = HistoricalRecords()

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        ordering = ["action_plan_id", "position", "letter"]
        constraints = [
            # A deleted recommendation gives up its letter; restoring it checks it is free.
            models.UniqueConstraint(
                fields=["action_plan", "letter"],
                condition=Q(deleted_at__isnull=True),
                name="unique_recommendation_letter",
            )
        ]

    def __str__(self):
        return f"Recommendation {self.letter}"

    def get_absolute_url(self):
        return f"{self.action_plan.get_absolute_url()}#recommendation-{self.pk}"


class RecommendationPartQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(
            recommendation__deleted_at__isnull=True,
            recommendation__action_plan__deleted_at__isnull=True,
        )

    def awaiting_response(self):
        return self.alive().filter(
            response__isnull=True,
            recommendation__action_plan__status=ActionPlan.Status.AWAITING_RESPONSE,
        )

    def for_portfolios(self, portfolios):
        return self.filter(recommendation__portfolio__in=portfolios)

    def overdue(self, today: datetime.date | None = None):
        return self.awaiting_response().filter(
            recommendation__action_plan__response_deadline__lt=today or timezone.localdate()
        )

    def trackable(self):
        """The items whose progress the committee follows: accepted, wholly or in part."""
        return self.alive().filter(
            response__decision__in=[
                Response.Decision.ACCEPTED,
                Response.Decision.PARTIALLY_ACCEPTED,
            ]
        )

    def with_plan(self):
        return self.select_related(
            "recommendation__action_plan__authority",
            "recommendation__portfolio",
            "response__lead_officer",
            "response__responded_by",
        )


class RecommendationPart(models.Model):
    """The unit the cabinet answers: a sub-part (i), (ii)…, or the whole recommendation.

    A recommendation without sub-parts has exactly one part with no numeral and no text of its
    own; `services.recommendation_save` keeps that so. Once accepted, the committee follows
    its progress: see scraip.followup.models.FollowedPart.
    """

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="parts"
    )
    numeral = models.CharField(max_length=8, blank=True, help_text="i, ii, iii…")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = RecommendationPartQuerySet.as_manager()

    class Meta:
        ordering = ["recommendation_id", "position", "numeral"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "numeral"], name="unique_part_numeral"
            )
        ]

    def __str__(self):
        if self.numeral:
            return f"{self.recommendation} ({self.numeral})"
        return str(self.recommendation)

    @cached_property
    def current_response(self):
        try:
            return self.response
        except Response.DoesNotExist:
            return None

    @property
    def is_trackable(self) -> bool:
        response = self.current_response
        return bool(response and not response.is_rejected)


class Response(Versioned):
    """The cabinet's answer to one part. "Noted" is not a decision; nor is "in principle"."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        PARTIALLY_ACCEPTED = "partially_accepted", "Partially accepted"
        REJECTED = "rejected", "Rejected"

    part = models.OneToOneField(
        RecommendationPart, on_delete=models.CASCADE, related_name="response"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    explanation = models.TextField()
    action = models.TextField(blank=True)
    timetable = models.DateField(null=True, blank=True)
    timetable_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    lead_officer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions_led",
        limit_choices_to={"kind": Person.Kind.OFFICER},
    )
    responded_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="responses_given"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="responses_entered"
    )
    responded_on = models.DateField()
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(decision="rejected")
                | (Q(timetable__isnull=True) & Q(lead_officer__isnull=True)),
                name="rejection_has_no_timetable_or_lead",
            ),
            models.CheckConstraint(
                condition=Q(decision="rejected")
                | (Q(timetable__isnull=False) & Q(lead_officer__isnull=False) & ~Q(action="")),
                name="acceptance_has_action_timetable_lead",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.part}"

    @property
    def is_rejected(self) -> bool:
        return self.decision == self.Decision.REJECTED

    @property
    def timetable_display(self) -> str:
        return format_fuzzy_date(self.timetable, self.timetable_precision)

    @property
    def entered_on_behalf(self) -> bool:
        return self.responded_by.user_id != self.entered_by_id
