"""The cabinet's answer to one part of a recommendation."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from scraip.common.fuzzydates import (
    Precision,
    format_fuzzy_date,
    keep_period_end,
    period_end_field,
)
from scraip.common.prefetch import related_rows
from scraip.common.softdelete import SoftDeletable
from scraip.common.versioning import Versioned
from scraip.common.vocabularies import Vocabulary
from scraip.councils.models import Person, related_or_none

from .plans import NOT_A_CHOICE
from .recommendations import RecommendationPart


class Response(Versioned, SoftDeletable):
    """The cabinet's answer to one part. "Noted" is not a decision; nor is "in principle"."""

    class Decision(Vocabulary):
        ACCEPTED = "accepted", "green", "Accepted"
        PARTIALLY_ACCEPTED = "partially_accepted", "yellow", "Partially accepted"
        REJECTED = "rejected", "red", "Rejected"

    # The decisions whose action the committee follows up: accepted, wholly or in part.
    FOLLOWED_UP = (Decision.ACCEPTED, Decision.PARTIALLY_ACCEPTED)

    part = models.OneToOneField(
        RecommendationPart, on_delete=models.CASCADE, related_name="response"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    # Always required, with a message that depends on the decision: see clean().
    explanation = models.TextField(blank=True)
    action = models.TextField(blank=True)
    timetable = models.DateField(null=True, blank=True)
    timetable_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    timetable_end = period_end_field()
    lead_officer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions_led",
        limit_choices_to={"kind": Person.Kind.OFFICER},
    )
    # Officers who share the action with the accountable lead officer: dashboards, updates
    # owed and reminders reach them too.
    supporting_officers = models.ManyToManyField(
        Person, blank=True, related_name="actions_supported"
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
            models.CheckConstraint(condition=~Q(explanation=""), name="response_is_explained"),
            models.CheckConstraint(
                condition=~Q(decision="rejected")
                | Q(action="", timetable__isnull=True, lead_officer__isnull=True),
                name="rejection_has_no_action_timetable_or_lead",
            ),
            # An acceptance's action, timetable and lead officer are required or not by the
            # council's setting (Authority.acceptance_needs_details): checked in clean().
        ]
        indexes = [
            # Newest first: the open data feed's newest responses are found walking back from
            # today, not by sorting every response of the council (PostgreSQL, generated
            # network: 9 to 5 ms).
            models.Index(fields=["-responded_on", "-id"], name="response_newest_first"),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.part}"

    def save(self, *args, **kwargs):
        keep_period_end(self, *self.TIMETABLE_FIELDS)
        super().save(*args, **kwargs)

    def clean(self):
        errors = self._completion_errors()
        if self.lead_officer_id and self.part_id:
            plan = self.part.recommendation.action_plan
            if self.lead_officer.authority_id != plan.authority_id:
                errors.setdefault("lead_officer", NOT_A_CHOICE)
        if self.responded_on and self.responded_on > timezone.localdate():
            errors["responded_on"] = "The date of the response must be today or earlier"
        if errors:
            raise ValidationError(errors)

    def details_required(self) -> bool:
        """Whether an acceptance needs its action, timetable and lead officer: seed 001's rule,
        unless the council answers only "Agree? Yes / No / In part"."""
        part = related_or_none(self, "part")
        if part is None:
            return True
        return part.recommendation.action_plan.authority.acceptance_needs_details

    def _completion_errors(self) -> dict[str, str]:
        """The seed's rules: an explanation always (for a rejection, the reasons); a rejection
        takes no action, timetable or lead officer; an acceptance, whole or partial, needs all
        three where the council's setting says so."""
        errors = {}
        if not (self.explanation or "").strip():
            errors["explanation"] = (
                "Enter the reasons for rejecting the recommendation"
                if self.is_rejected
                else "Enter an explanation of the decision"
            )
        action = (self.action or "").strip()
        if self.is_rejected:
            if self.timetable:
                errors["timetable"] = "A rejected recommendation takes no timetable"
            if self.lead_officer_id:
                errors["lead_officer"] = "A rejected recommendation takes no lead officer"
            if action:
                errors["action"] = (
                    "A rejected recommendation takes no action: put the reasons in the explanation"
                )
        elif self.decision in self.FOLLOWED_UP and self.details_required():
            word = (
                "an accepted" if self.decision == self.Decision.ACCEPTED else "a partially accepted"
            )
            if not action:
                errors["action"] = f"Enter the action to be taken for {word} recommendation"
            if not self.timetable:
                errors["timetable"] = f"Enter a timetable for {word} recommendation"
            if not self.lead_officer_id:
                errors["lead_officer"] = f"Choose a lead officer for {word} recommendation"
        return errors

    @property
    def is_rejected(self) -> bool:
        return self.decision == self.Decision.REJECTED

    @property
    def decision_colour(self) -> str:
        return self.Decision.colour_of(self.decision)

    def supporting(self) -> list:
        """The officers supporting the lead (read for every row at once: scraip.common.prefetch)."""
        return related_rows(self, "supporting_officers")

    @property
    def leads_display(self) -> str:
        """The accountable lead officer, then those supporting them (prefetched)."""
        supporting = [str(person) for person in self.supporting()]
        lead = str(self.lead_officer) if self.lead_officer_id else ""
        if not supporting:
            return lead
        return f"{lead or 'No lead officer'}, supported by {', '.join(supporting)}"

    @property
    def timetable_display(self) -> str:
        return format_fuzzy_date(self.timetable, self.timetable_precision, self.timetable_end)

    # The timetable as a vague date: its first day, precision and last day (fuzzydates).
    TIMETABLE_FIELDS = ("timetable", "timetable_precision", "timetable_end")

    # What one answer given to several sub-parts repeats on each (services.response_record).
    ANSWER_FIELDS = (
        "decision",
        "explanation",
        "action",
        "timetable",
        "timetable_precision",
        "timetable_end",
        "lead_officer_id",
    )

    @property
    def answer(self) -> tuple:
        return tuple(getattr(self, name) for name in self.ANSWER_FIELDS)

    @property
    def entered_on_behalf(self) -> bool:
        return self.responded_by.user_id != self.entered_by_id
