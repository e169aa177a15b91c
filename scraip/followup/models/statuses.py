"""A council's own progress statuses ("Complete", "Ongoing", "Paused"), each standing for one of
SCRAIP's lifecycle states (ProgressUpdate.Status) with a red, amber or green colour, so that the
dashboards, charts, reports and reminders, which read the lifecycle state, work the same for
every council. A council that names none uses SCRAIP's statuses."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scraip.common.vocabularies import Vocabulary
from scraip.councils.models import Authority

from .progress import ProgressUpdate

# The red, amber or green of SCRAIP's own statuses, for a council that names none.
LIFECYCLE_RAG = {
    ProgressUpdate.Status.NOT_STARTED: "amber",
    ProgressUpdate.Status.ON_TRACK: "green",
    ProgressUpdate.Status.AT_RISK: "amber",
    ProgressUpdate.Status.OFF_TRACK: "red",
    ProgressUpdate.Status.PAUSED: "amber",
    ProgressUpdate.Status.IMPLEMENTED: "green",
}


def rag_of(lifecycle: str | None) -> str:
    """Red, amber or green for a lifecycle state ("" for none)."""
    return LIFECYCLE_RAG.get(lifecycle, "") if lifecycle else ""


class CouncilStatusQuerySet(models.QuerySet):
    def offered(self, authority_id):
        """The statuses an update of this council may take today, in the council's order."""
        return self.filter(authority=authority_id, retired=False)


class CouncilStatus(models.Model):
    class Rag(Vocabulary):
        RED = "red", "red", "Red"
        AMBER = "amber", "orange", "Amber"
        GREEN = "green", "green", "Green"

    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="progress_statuses"
    )
    name = models.CharField(max_length=40)
    lifecycle = models.CharField(
        "stands for",
        max_length=20,
        choices=ProgressUpdate.Status.choices,
        help_text="SCRAIP's state that dashboards, charts and reminders read. Paused items owe "
        "no updates.",
    )
    rag = models.CharField("colour", max_length=5, choices=Rag.choices)
    position = models.PositiveSmallIntegerField(
        "order", default=0, help_text="Statuses are offered in this order, lowest first."
    )
    retired = models.BooleanField(
        "no longer offered",
        default=False,
        help_text="Updates that used it keep it; new updates cannot choose it.",
    )
    history = HistoricalRecords()

    objects = CouncilStatusQuerySet.as_manager()

    class Meta:
        ordering = ["authority_id", "position", "name"]
        verbose_name_plural = "council statuses"
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="unique_council_status"),
            models.CheckConstraint(condition=~Q(name=""), name="council_status_has_name"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        self.name = " ".join((self.name or "").split())
        if not self.name:
            raise ValidationError({"name": "Enter the status’s name, such as Ongoing"})
        taken = CouncilStatus.objects.filter(authority=self.authority_id, name__iexact=self.name)
        if self.authority_id and taken.exclude(pk=self.pk).exists():
            raise ValidationError({"name": f"The council already has a status called {self.name}"})

    @property
    def colour(self) -> str:
        return self.Rag.colour_of(self.rag)

    @property
    def lifecycle_label(self) -> str:
        return ProgressUpdate.Status(self.lifecycle).label.lower()
