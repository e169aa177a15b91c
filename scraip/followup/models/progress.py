"""What is recorded about a tracked item: progress updates, the committee's verdicts and moved
target dates. Each points at its item through a generic foreign key, is soft-deleted with it
and checks its own rules in clean(), so the pages, the admin, the tracker import and the demo
loader meet the same rules."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from scraip.common.fuzzydates import Precision, format_fuzzy_date, period_end_field, same_period
from scraip.common.softdelete import (
    NOT_DELETED,
    SoftDeletable,
    SoftDeleteQuerySet,
    all_rows,
    deleted_rows,
    live_rows,
)
from scraip.common.uploads import FileCheck, SafeUploadTo
from scraip.common.versioning import Versioned
from scraip.common.vocabularies import Vocabulary
from scraip.councils.models import Meeting, Person, related_or_none
from scraip.followup import registry
from scraip.plans.models import ReportBack


class AboutItemQuerySet(SoftDeleteQuerySet):
    def for_subject(self, subject):
        return self.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
        )


class AboutItem(SoftDeletable):
    """A record about one tracked item (its `subject`)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")

    class Meta:
        abstract = True

    @property
    def item(self):
        """The subject as a tracked item: itself, or for a kind that is a proxy (FollowedPart),
        the proxy of the row the generic relation gives (a bare RecommendationPart); None if
        the subject is not followed up at all."""
        subject = self.subject
        if subject is None or hasattr(subject, "progress_permissions"):
            return subject
        model = registry.model_for(type(subject))
        if model is None:
            return None
        self.subject = subject = model._base_manager.get(pk=subject.pk)
        return subject

    def followed_item(self):
        """The item, refused (ValidationError) unless the committee follows it."""
        item = self.item
        if item is None:
            raise ValidationError("Choose an item whose progress the committee follows.")
        if not item.takes_progress:
            raise ValidationError(
                f"{item} was not accepted, so there is no progress to report on it."
            )
        return item


class ProgressUpdateQuerySet(AboutItemQuerySet):
    pass


class ProgressUpdate(Versioned, AboutItem):
    """What the lead officer says has been done on one item by one report-back.

    Self-reported: pages print it beside the committee's verdict, never instead of it.
    """

    class Status(Vocabulary):
        NOT_STARTED = "not_started", "grey", "Not started"
        ON_TRACK = "on_track", "blue", "On track"
        AT_RISK = "at_risk", "yellow", "At risk"
        OFF_TRACK = "off_track", "red", "Off track"
        # No longer feasible, kept under review: owes no updates and is never "past target".
        PAUSED = "paused", "orange", "Paused"
        IMPLEMENTED = "implemented", "green", "Implemented"

    report_back = models.ForeignKey(
        ReportBack,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    status = models.CharField(max_length=20, choices=Status.choices)
    # The council's own word for it ("Ongoing"), where the council names its statuses; `status`
    # is then that word's lifecycle state.
    council_status = models.ForeignKey(
        "followup.CouncilStatus",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="updates",
    )
    narrative = models.TextField("progress")
    evidence_link = models.URLField("link to evidence", max_length=500, blank=True)
    evidence_file = models.FileField(
        "evidence file",
        upload_to=SafeUploadTo("evidence"),
        validators=[FileCheck()],
        max_length=255,
        blank=True,
    )
    evidence_name = models.CharField(max_length=255, blank=True, editable=False)
    reported_by = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="progress_reported"
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="progress_entered"
    )
    reported_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = live_rows(ProgressUpdateQuerySet)
    all_objects = all_rows(ProgressUpdateQuerySet)
    deleted_objects = deleted_rows(ProgressUpdateQuerySet)

    class Meta:
        ordering = ["-reported_on", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "reported_on"])]

    def __str__(self):
        return f"Update of {self.reported_on:%-d %B %Y}: {self.get_status_display()}"

    def clean(self):
        """Progress is reported on followed items the committee has not closed, and a date
        it was reported on is not in the future."""
        if self.content_type_id and self.object_id:
            item = self.followed_item()
            closing = Verdict.objects.closing(item)
            if closing:
                raise ValidationError(
                    f"The committee closed {item} on {closing.meeting.date:%-d %B %Y}: "
                    "it takes no further changes."
                )
        if self.reported_on and self.reported_on > timezone.localdate():
            raise ValidationError(
                {"reported_on": "The date it was reported must be today or earlier"}
            )
        council_status = related_or_none(self, "council_status")
        if council_status:
            if council_status.lifecycle != self.status:
                meaning = council_status.lifecycle_label
                raise ValidationError({"status": f"“{council_status.name}” stands for {meaning}"})
            item = self.item
            if item is not None and council_status.authority_id != item.tracked_authority_id:
                raise ValidationError({"council_status": "Choose one of the council’s statuses"})

    @property
    def status_label(self) -> str:
        """The council's word for the status, else SCRAIP's."""
        council_status = self.council_status if self.council_status_id else None
        return council_status.name if council_status else self.get_status_display()

    @property
    def status_colour(self) -> str:
        if self.council_status_id:
            return self.council_status.colour
        return self.Status.colour_of(self.status)

    @property
    def entered_on_behalf(self) -> bool:
        return self.reported_by.user_id != self.entered_by_id


# Where an item stands, for the charts: its latest self-reported status, or none yet, or closed.
Standing = Vocabulary(
    "Standing",
    [
        ("NO_UPDATE", ("no_update", "grey", "No update yet")),
        *(
            (status.name, (status.value, status.colour, status.label))
            for status in ProgressUpdate.Status
        ),
        ("CLOSED", ("closed", "purple", "Closed by the committee")),
    ],
    module=__name__,
)


ONE_VERDICT_PER_MEETING = (
    "The committee has already given its verdict on this item at this meeting."
)


class VerdictQuerySet(AboutItemQuerySet):
    def closing(self, subject):
        """The verdict that closed the item, if its latest verdict closed it. A bulk writer
        that has read it for many items at once, after locking them, hands it over as the
        item's `closing_verdict` (scraip.followup.tracker); otherwise it is read now."""
        if "closing_verdict" in vars(subject):
            return subject.closing_verdict
        latest = self.for_subject(subject).select_related("meeting").first()
        return latest if latest and latest.verdict == Verdict.Kind.CLOSED else None


class Verdict(Versioned, AboutItem):
    """The committee's view of one item at one meeting. Only a verdict closes an item."""

    class Kind(Vocabulary):
        SATISFIED = "satisfied", "green", "Satisfied"
        NOT_SATISFIED = "not_satisfied", "red", "Not satisfied"
        CLOSED = "closed", "purple", "Closed"

    class InvitedBack(models.TextChoices):
        LEAD_OFFICER = "lead_officer", "The lead officer"
        CABINET_MEMBER = "cabinet_member", "The cabinet member"
        BOTH = "both", "The lead officer and the cabinet member"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="verdicts")
    report_back = models.ForeignKey(
        ReportBack, on_delete=models.SET_NULL, null=True, blank=True, related_name="verdicts"
    )
    verdict = models.CharField("committee's verdict", max_length=20, choices=Kind.choices)
    invited_back = models.CharField(
        "invited back", max_length=20, choices=InvitedBack.choices, blank=True
    )
    note = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts_recorded"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = live_rows(VerdictQuerySet)
    all_objects = all_rows(VerdictQuerySet)
    deleted_objects = deleted_rows(VerdictQuerySet)

    class Meta:
        ordering = ["-meeting__date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "meeting"],
                condition=NOT_DELETED,
                name="one_verdict_per_item_per_meeting",
                violation_error_message=ONE_VERDICT_PER_MEETING,
            ),
            models.CheckConstraint(
                condition=Q(verdict="not_satisfied") & ~Q(invited_back="")
                | ~Q(verdict="not_satisfied") & Q(invited_back=""),
                name="invited_back_only_when_not_satisfied",
                violation_error_message="Choose who the committee has invited back",
            ),
        ]

    def __str__(self):
        return f"{self.get_verdict_display()} ({self.meeting.date:%-d %B %Y})"

    def clean(self):
        """Someone is invited back exactly when the committee is not satisfied; a verdict is
        given once per meeting, at a meeting that was not cancelled, on a followed item with
        progress reported by the meeting's date."""
        if self.verdict == self.Kind.NOT_SATISFIED and not self.invited_back:
            raise ValidationError({"invited_back": "Choose who the committee has invited back"})
        if self.verdict != self.Kind.NOT_SATISFIED:
            self.invited_back = ""
        if not (self.content_type_id and self.object_id and self.meeting_id):
            return
        item = self.followed_item()
        # Also a constraint; checked here too, as a form without the deleted_at field cannot.
        given = Verdict.objects.for_subject(item).filter(meeting=self.meeting_id)
        if given.exclude(pk=self.pk).exists():
            raise ValidationError(ONE_VERDICT_PER_MEETING)
        if self.meeting.is_cancelled:
            raise ValidationError("This meeting was cancelled, so it cannot give a verdict.")
        reported = ProgressUpdate.objects.for_subject(item)
        if not reported.filter(reported_on__lte=self.meeting.date).exists():
            raise ValidationError(
                f"No progress on {item} had been reported by {self.meeting.date:%-d %B %Y}. "
                "The committee gives its verdict on an update: ask the lead officer for one first."
            )

    @property
    def colour(self) -> str:
        return self.Kind.colour_of(self.verdict)


class TargetDateChange(AboutItem):
    """A moved target date: the old date, the new one and why. Written once, never changed."""

    old_date = models.DateField(null=True, blank=True)
    old_precision = models.CharField(max_length=10, choices=Precision.choices, blank=True)
    old_end = period_end_field()
    new_date = models.DateField()
    new_precision = models.CharField(max_length=10, choices=Precision.choices)
    new_end = period_end_field()
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="target_dates_changed"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    objects = live_rows(AboutItemQuerySet)
    all_objects = all_rows(AboutItemQuerySet)
    deleted_objects = deleted_rows(AboutItemQuerySet)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        indexes = [
            # An item's moved target dates, newest first (the update pack's "what changed").
            models.Index(fields=["content_type", "object_id", "changed_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="target_date_change_gives_a_reason",
                violation_error_message="Give the reason for changing the target date",
            )
        ]

    def __str__(self):
        return f"Target moved from {self.old_display or 'none'} to {self.new_display}"

    def clean(self):
        """A moved target date has a reason, and moves."""
        if not self.reason.strip():
            raise ValidationError({"reason": "Give the reason for changing the target date"})
        self.reason = self.reason.strip()
        if (
            self.old_date
            and self.new_date
            and same_period(
                (self.old_date, self.old_precision, self.old_end),
                (self.new_date, self.new_precision, self.new_end),
            )
        ):
            raise ValidationError("That is already the target date.")

    @property
    def old_display(self) -> str:
        return format_fuzzy_date(self.old_date, self.old_precision, self.old_end)

    @property
    def new_display(self) -> str:
        return format_fuzzy_date(self.new_date, self.new_precision, self.new_end)


def progress_prefetches(prefix: str = "") -> list[Prefetch]:
    """Updates, verdicts and target date changes of tracked items, newest first, with what
    their pages print. `prefix` reaches the items through a relation (e.g. "parts__")."""
    return [
        Prefetch(
            f"{prefix}progress_updates",
            queryset=ProgressUpdate.objects.select_related(
                "reported_by", "entered_by__person", "report_back", "council_status"
            ).order_by("-reported_on", "-pk"),
        ),
        Prefetch(
            f"{prefix}verdicts",
            queryset=Verdict.objects.select_related("meeting", "report_back").order_by(
                "-meeting__date", "-pk"
            ),
        ),
        Prefetch(
            f"{prefix}target_date_changes",
            queryset=TargetDateChange.objects.select_related("changed_by__person"),
        ),
    ]


def records_about(items) -> list[AboutItem]:
    """Every update, verdict and target date change about `items` (rows of one model),
    deleted or not: what soft delete takes away and brings back with them."""
    if not items:
        return []
    content_type = ContentType.objects.get_for_model(items[0])
    ids = [item.pk for item in items]
    return [
        record
        for model in (ProgressUpdate, Verdict, TargetDateChange)
        for record in model.all_objects.filter(content_type=content_type, object_id__in=ids)
    ]
