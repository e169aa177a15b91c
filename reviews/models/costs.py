"""A line of a review's cost table (seed 003)."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scraip.common.softdelete import SoftDeletable
from scraip.councils.models import Authority

from .reviews import Review

SHARED_WITH_A_PAYER = "A shared cost is split between the councils: leave “Paid by” empty"


class CostItem(SoftDeletable):
    """A line of the cost table (seed 003): support days at a day rate, shared or not. A line
    taken off the table is soft-deleted: its history keeps what it said."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="cost_items")
    activity = models.CharField(max_length=200, error_messages={"blank": "Enter the activity"})
    support_days = models.DecimalField(
        max_digits=5,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0"))],
        error_messages={
            "blank": "Enter the support time in days",
            "null": "Enter the support time in days",
        },
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
                violation_error_message=SHARED_WITH_A_PAYER,
            ),
            models.CheckConstraint(
                condition=Q(support_days__gte=0),
                name="cost_support_days_not_negative",
                violation_error_message="The support time cannot be negative",
            ),
            models.CheckConstraint(
                condition=Q(day_rate__isnull=True) | Q(day_rate__gte=0),
                name="cost_day_rate_not_negative",
                violation_error_message="The day rate cannot be negative",
            ),
        ]

    def __str__(self):
        return self.activity

    def clean(self):
        super().clean()
        if self.shared and self.borne_by_id:
            raise ValidationError({"borne_by": SHARED_WITH_A_PAYER})
