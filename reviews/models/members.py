"""The councillors on a task-and-finish group, from the councils taking part."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, IntegerField, Q, Value, When
from simple_history.models import HistoricalRecords

from scraip.common.softdelete import (
    NOT_DELETED,
    SoftDeletable,
    SoftDeleteQuerySet,
    all_rows,
    deleted_rows,
    live_rows,
)
from scraip.councils.models import Person

from .reviews import Review


class ReviewMemberQuerySet(SoftDeleteQuerySet):
    def chairs(self):
        return self.filter(role=ReviewMember.Role.CHAIR).select_related("councillor")

    def by_council(self):
        """Each council's members, chair first and substitutes last, as the pages list them."""
        role_rank = Case(
            *[When(role=role, then=Value(rank)) for rank, role in enumerate(ReviewMember.Role)],
            output_field=IntegerField(),
        )
        return (
            self.select_related("councillor__authority", "substitute_for__councillor")
            .annotate(role_rank=role_rank)
            .order_by("councillor__authority__name", "role_rank", "councillor__name")
        )


class ReviewMember(SoftDeletable):
    """A councillor on the task-and-finish group, from one of the participating councils. One
    taken off the group is soft-deleted, so the group's history keeps who sat on it."""

    class Role(models.TextChoices):
        # In the order a council's members are listed.
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
    # RESTRICT, not SET_NULL: soft-deleting the review must not forget whom each substitute
    # stands in for, and a member someone stands in for is not removed (services refuse it).
    substitute_for = models.ForeignKey(
        "self",
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="substitutes",
        verbose_name="stands in for",
    )
    history = HistoricalRecords()

    objects = live_rows(ReviewMemberQuerySet)
    all_objects = all_rows(ReviewMemberQuerySet)
    deleted_objects = deleted_rows(ReviewMemberQuerySet)

    class Meta:
        ordering = ["review_id", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "councillor"], condition=NOT_DELETED, name="unique_review_member"
            ),
            models.UniqueConstraint(
                fields=["review"],
                condition=Q(role="chair") & NOT_DELETED,
                name="one_chair_per_review",
            ),
            models.UniqueConstraint(
                fields=["review"],
                condition=Q(role="vice_chair") & NOT_DELETED,
                name="one_vice_chair_per_review",
            ),
            models.CheckConstraint(
                condition=Q(role="substitute") | Q(substitute_for__isnull=True),
                name="only_a_substitute_stands_in",
                violation_error_message="Only a substitute stands in for a member",
            ),
        ]

    def __str__(self):
        return f"{self.councillor} ({self.get_role_display()})"

    def clean(self):
        super().clean()
        if self.substitute_for_id and not self.is_substitute:
            raise ValidationError({"substitute_for": "Only a substitute stands in for a member"})

    @property
    def is_substitute(self) -> bool:
        return self.role == self.Role.SUBSTITUTE
