"""A council's own choices for its register: its settings, the criteria of its definition of a
partnership, and the items of its model protocol checklist."""

import datetime
from decimal import Decimal

from dateutil.relativedelta import relativedelta
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scraip.common.softdelete import SoftDeletable
from scraip.common.versioning import Versioned
from scraip.councils.models import Authority


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
        constraints = [
            models.CheckConstraint(
                condition=Q(above_the_line__lte=1000),
                name="register_line_at_most_1000",
                violation_error_message="Enter a number no greater than 1000.",
            ),
            models.CheckConstraint(
                condition=Q(review_interval_months__gte=1, review_interval_months__lte=36),
                name="register_review_interval_1_to_36_months",
                violation_error_message="Committee reviews come every 1 to 36 months.",
            ),
            models.CheckConstraint(
                condition=Q(hours_per_day__gte=1, hours_per_day__lte=24),
                name="register_working_day_1_to_24_hours",
                violation_error_message="A working day is from 1 to 24 hours.",
            ),
        ]

    def __str__(self):
        return f"Partnership register settings of {self.authority}"

    @classmethod
    def for_authority(cls, authority) -> "RegisterSettings":
        """The council's settings, or the defaults (unsaved) until an officer changes them."""
        authority_id = getattr(authority, "pk", authority)
        found = cls.objects.filter(authority=authority_id).first()
        return found or cls(authority_id=authority_id)

    def next_review_after(self, considered_on: datetime.date) -> datetime.date:
        """When the committee next reviews a partnership it considered on `considered_on`."""
        return considered_on + relativedelta(months=self.review_interval_months)


class Answer(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"


class DefinitionCriterion(Versioned, SoftDeletable):
    """One test in the council's definition of a partnership. An arrangement meets the
    definition when every criterion is answered as `meets_when` says."""

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="partnership_criteria"
    )
    question = models.CharField(max_length=300, error_messages={"blank": "Enter the question"})
    guidance = models.TextField(blank=True)
    meets_when = models.CharField(
        "meets the definition when the answer is",
        max_length=3,
        choices=Answer.choices,
        default=Answer.YES,
    )
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["authority_id", "position", "pk"]
        verbose_name_plural = "definition criteria"
        constraints = [
            models.CheckConstraint(
                condition=~Q(question=""),
                name="criterion_has_a_question",
                violation_error_message="Enter the question",
            ),
            models.CheckConstraint(
                condition=Q(meets_when__in=Answer.values),
                name="criterion_meets_on_yes_or_no",
                violation_error_message="Choose yes or no.",
            ),
        ]

    def __str__(self):
        return self.question


class ChecklistItem(Versioned, SoftDeletable):
    """One item of the council's model protocol checklist for partnership working."""

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="partnership_checklist_items"
    )
    text = models.CharField(
        "checklist item", max_length=300, error_messages={"blank": "Enter the checklist item"}
    )
    guidance = models.TextField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["authority_id", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(text=""),
                name="checklist_item_has_text",
                violation_error_message="Enter the checklist item",
            )
        ]

    def __str__(self):
        return self.text
