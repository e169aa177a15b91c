"""A partnership's answers to its council's definition test and model protocol checklist. They
are saved with the partnership's version, and go and come back with the partnership, and with
the criterion or checklist item they answer."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from scraip.common.softdelete import NOT_DELETED, SoftDeletable
from scraip.common.vocabularies import Vocabulary

from .register import Partnership, related
from .settings import Answer, ChecklistItem, DefinitionCriterion


class DefinitionAnswer(SoftDeletable):
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
                fields=["partnership", "criterion"],
                condition=NOT_DELETED,
                name="one_answer_per_criterion",
                violation_error_message="The partnership has already answered that question.",
            ),
            models.CheckConstraint(
                condition=Q(answer__in=Answer.values),
                name="definition_answer_is_yes_or_no",
                violation_error_message="Answer yes or no.",
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.get_answer_display()}"

    def clean(self):
        """Only the council's own definition binds its partnerships."""
        partnership, criterion = related(self, "partnership"), related(self, "criterion")
        if partnership and criterion and criterion.authority_id != partnership.authority_id:
            raise ValidationError(
                {"criterion": "That question is not part of the partnership's council's definition"}
            )

    @property
    def meets(self) -> bool:
        return self.answer == self.criterion.meets_when


class ChecklistStatus(Vocabulary):
    MET = "met", "green", "Met"
    PARTLY_MET = "partly_met", "yellow", "Partly met"
    NOT_MET = "not_met", "red", "Not met"
    NOT_APPLICABLE = "not_applicable", "grey", "Not applicable"


# How far an item must be met before the answer needs evidence.
NEEDS_EVIDENCE = (ChecklistStatus.MET, ChecklistStatus.PARTLY_MET)


class ChecklistAnswer(SoftDeletable):
    """How far a partnership meets one checklist item, when that was judged, and the evidence."""

    Status = ChecklistStatus

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="checklist_answers"
    )
    item = models.ForeignKey(ChecklistItem, on_delete=models.CASCADE, related_name="answers")
    status = models.CharField(max_length=20, choices=Status.choices)
    answered_on = models.DateField(
        error_messages={
            "null": "Enter the date the item was checked",
            "blank": "Enter the date the item was checked",
        }
    )
    evidence = models.TextField(blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "item"],
                condition=NOT_DELETED,
                name="one_answer_per_item",
                violation_error_message="The partnership has already answered that item.",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=NEEDS_EVIDENCE, evidence=""),
                name="checklist_met_with_evidence",
                violation_error_message="Give the evidence that the item is met",
            ),
        ]

    def __str__(self):
        return f"{self.item}: {self.get_status_display()}"

    def clean(self):
        """Checked on a day that has come, with evidence for an item met or partly met, against
        the council's own checklist. The codes let a form name the item in its own words."""
        errors = {}
        if self.answered_on and self.answered_on > timezone.localdate():
            errors["answered_on"] = ValidationError(
                "The date the item was checked must be today or earlier", code="future"
            )
        self.evidence = (self.evidence or "").strip()
        if self.status in NEEDS_EVIDENCE and not self.evidence:
            errors["evidence"] = ValidationError(
                "Give the evidence that the item is met", code="no_evidence"
            )
        partnership, item = related(self, "partnership"), related(self, "item")
        if partnership and item and item.authority_id != partnership.authority_id:
            errors["item"] = "That item is not on the partnership's council's checklist"
        if errors:
            raise ValidationError(errors)

    @property
    def status_colour(self) -> str:
        return ChecklistStatus.colour_of(self.status)
