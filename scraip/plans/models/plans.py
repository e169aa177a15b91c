"""The action plan itself and its report-back schedule."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Func, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from scraip.common.fuzzydates import Precision, format_fuzzy_date
from scraip.common.softdelete import (
    NOT_DELETED,
    SoftDeletable,
    SoftDeleteQuerySet,
    all_rows,
    deleted_rows,
    live_rows,
)
from scraip.common.versioning import Versioned
from scraip.common.vocabularies import Vocabulary
from scraip.councils.models import Authority, Committee, Meeting, related_or_none
from scraip.councils.rules import authorities_for

# The message a form gives for a choice it did not offer; the model gives it for the same choice.
NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def count_of(rows: models.QuerySet) -> Subquery:
    """How many of `rows` (filtered on an OuterRef) there are, as a subquery. The rows are read
    through their default manager, so deleted ones are not counted."""
    counted = rows.order_by().annotate(count=Func(F("pk"), function="COUNT")).values("count")
    return Subquery(counted, output_field=models.IntegerField())


class ActionPlanQuerySet(SoftDeleteQuerySet):
    def for_authorities(self, authorities):
        return self.filter(authority__in=authorities)

    def sent_for_response(self):
        return self.exclude(status=ActionPlan.Status.DRAFT)

    def visible_to(self, user):
        """The plans of the user's councils; drafts only for those who write plans."""
        plans = self.for_authorities(authorities_for(user))
        return plans if user.has_perm("plans.add_actionplan") else plans.sent_for_response()

    def with_counts(self):
        """Each plan's recommendations, answerable parts and answered parts, live ones only."""
        # Imported here: the recommendations module builds on this one.
        from .recommendations import Recommendation, RecommendationPart

        parts = RecommendationPart.objects.filter(recommendation__action_plan=OuterRef("pk"))
        return self.annotate(
            recommendation_count=count_of(
                Recommendation.objects.filter(action_plan=OuterRef("pk"))
            ),
            part_count=count_of(parts),
            answered_count=count_of(parts.filter(response__isnull=False)),
        )


class ActionPlan(Versioned, SoftDeletable):
    """One SCRAIP: the recommendations of a scrutiny report and what became of them."""

    class Status(Vocabulary):
        DRAFT = "draft", "grey", "Draft"
        AWAITING_RESPONSE = "awaiting_response", "yellow", "Awaiting response"
        RESPONDED = "responded", "blue", "Response received"
        CLOSED = "closed", "green", "Closed"

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
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=F("publication_date")),
                name="plan_received_after_publication",
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:plan_detail", args=[self.pk])

    def clean(self):
        if self.received_on and self.publication_date:
            problem = self.receipt_problem(self.received_on, sent=not self.is_draft)
            if problem:
                raise ValidationError({"received_on": problem})

    def receipt_problem(self, received_on: datetime.date, *, sent: bool) -> str | None:
        """Why the cabinet cannot have received this report on that day, if it cannot: not
        before it was published, nor, once it has been sent, after today. (A draft may carry the
        day the cabinet is due to receive it.)"""
        if received_on < self.publication_date:
            return "The cabinet cannot have received the report before it was published"
        if sent and received_on > timezone.localdate():
            return "The date the cabinet received the report must be today or earlier"
        return None

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

    @property
    def status_colour(self) -> str:
        return self.Status.colour_of(self.status)

    def days_to_deadline(self, today: datetime.date | None = None) -> int | None:
        if not self.response_deadline or not self.awaits_response:
            return None
        return (self.response_deadline - (today or timezone.localdate())).days


class ReportBack(SoftDeletable):
    """A date on which the committee hears what has been done: the 1st, 2nd, 3rd… update.

    `services.report_back_schedule_save` numbers a plan's report-backs in date order.
    """

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="report_backs"
    )
    sequence = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    # Blank on a form when the meeting gives the date: see clean().
    due_on = models.DateField(blank=True)
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
                fields=["action_plan", "sequence"],
                condition=NOT_DELETED,
                name="unique_report_back_sequence",
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="report_back_sequence_1_up"),
        ]

    def __str__(self):
        return f"Update {self.sequence}: {self.due_display}"

    def clean(self):
        """A report-back without a date of its own takes its meeting's."""
        meeting = self.meeting if self.meeting_id else None
        plan = related_or_none(self, "action_plan")
        if meeting and plan and meeting.committee_id != plan.committee_id:
            raise ValidationError({"meeting": NOT_A_CHOICE})
        if self.due_on is None and meeting:
            self.due_on, self.due_precision = meeting.date, Precision.DAY
        if self.due_on is None:
            raise ValidationError(
                {"due_on": "Enter the date of the report-back, or choose its meeting"}
            )

    @property
    def due_display(self) -> str:
        return format_fuzzy_date(self.due_on, self.due_precision)
