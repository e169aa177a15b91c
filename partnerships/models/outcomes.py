"""Agreed outcomes and actions: the partnership's tracked items."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from scraip.common.fuzzydates import Precision, keep_period_end, period_end_field
from scraip.common.softdelete import all_rows, deleted_rows, live_rows
from scraip.councils.models import Person
from scraip.followup.models import Fact, ItemPermissions, Passage, TrackedItem

from .register import Partnership, PartnershipItem, PartnershipRowQuerySet


class OutcomeQuerySet(PartnershipRowQuerySet):
    """The outcomes' reads. Those of a deleted partnership went with it: the default manager
    hides them."""


class Outcome(TrackedItem, PartnershipItem):
    """An agreed outcome or an action of the partnership's action plan. Its progress is
    reported, and judged by the committee, through the core's progress updates and verdicts."""

    class Kind(models.TextChoices):
        OUTCOME = "outcome", "Agreed outcome"
        ACTION = "action", "Action"

    anchor = "outcomes"
    # The tracked-item interface (scraip.followup.models.TrackedItem).
    target_fields = ("target_date", "target_precision", "target_end")
    progress_permissions = ItemPermissions(
        view="partnerships.view_partnership",
        report="partnerships.report_progress",
        target="partnerships.report_progress",
        verdict="partnerships.record_verdict",
        edit_update="partnerships.change_progressupdate",
    )
    on_meeting_agenda = False

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
    target_end = period_end_field()
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

    def save(self, *args, **kwargs):
        keep_period_end(self, *self.target_fields)
        super().save(*args, **kwargs)

    def clean(self):
        """The lead officer is one of the partnership's council."""
        if errors := self.person_errors(lead=self.lead if self.lead_id else None):
            raise ValidationError(errors)

    # The rest of the tracked-item interface.

    @property
    def takes_progress(self) -> bool:
        return True

    def progress_lead(self):
        return self.lead

    def target_record(self):
        return self

    @property
    def tracked_authority_id(self) -> int:
        return self.partnership.authority_id

    @property
    def tracked_parent(self) -> Partnership:
        return self.partnership

    @property
    def tracked_caption(self) -> str:
        return self.partnership.name

    def tracked_breadcrumbs(self) -> list[tuple[str, str]]:
        return [
            ("Partnership register", reverse("partnerships:list")),
            (self.partnership.name, self.get_absolute_url()),
        ]

    def tracked_passages(self) -> list[Passage]:
        passages = [Passage(self.description)]
        if self.measure:
            passages.append(Passage(f"Measured by: {self.measure}", pre_line=False))
        return passages

    def tracked_facts(self) -> list[Fact]:
        return [Fact("Lead officer", str(self.lead) if self.lead else "Not named")]

    def tracked_task(self) -> Passage:
        return Passage(self.description)

    def report_backs_open(self, update=None):
        return None  # a partnership's outcomes are not on a SCRAIP's report-backs

    def report_back_at(self, meeting):
        return None

    def after_verdict(self) -> None:
        pass  # nothing else changes with a verdict on an outcome

    @classmethod
    def for_progress_pages(cls):
        return cls.objects.select_related("lead", "partnership__authority")
