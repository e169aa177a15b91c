"""Follow-up: progress updates, the committee's verdicts and target date changes on any tracked
item, reminders sent and private calendar feeds.
"""

import datetime
import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils import timezone
from simple_history.models import HistoricalRecords

from scraip.common.fuzzydates import Precision, format_fuzzy_date
from scraip.common.softdelete import (
    SoftDeletable,
    SoftDeleteQuerySet,
    all_rows,
    deleted_rows,
    live_rows,
)
from scraip.common.uploads import FileCheck, SafeUploadTo
from scraip.common.versioning import Versioned
from scraip.councils.models import Committee, Meeting, Person
from scraip.plans.models import RecommendationPart, ReportBack


class TrackedItem(models.Model):
    """Any record whose progress the committee follows: a mixin that adds no database column.

    Progress updates, committee verdicts and target date changes point at their item through a
    generic foreign key (`subject`), so the core never imports the apps whose items it tracks.
    To have an app's model followed, e.g. a partnership's outcome:

        class Outcome(TrackedItem, models.Model):
            target_date = models.DateField(null=True)
            target_precision = models.CharField(max_length=10, default=Precision.MONTH)
            lead = models.ForeignKey(Person, ...)
            target_fields = ("target_date", "target_precision")

            def progress_lead(self): return self.lead

    then record through `scraip.services.progress_record`, `verdict_record` and
    `target_date_change`, render with the includes in templates/includes/progress_*.html, and
    prefetch with `scraip.progress.prefetch_progress(queryset)` so a list costs three queries
    whatever its length. See /work/briefs/progress_api.md.
    """

    progress_updates = GenericRelation("followup.ProgressUpdate")
    verdicts = GenericRelation("followup.Verdict")
    target_date_changes = GenericRelation("followup.TargetDateChange")

    # The (date field, precision field) on `target_record()` holding the current target date.
    target_fields: tuple[str, str] | None = None

    class Meta:
        abstract = True

    def progress_lead(self):
        """The Person who owes progress updates on this item, if any."""
        return None

    def target_record(self):
        """The row holding the target date: the item itself unless it says otherwise."""
        return self

    @property
    def current_target(self) -> tuple[datetime.date | None, str]:
        record = self.target_record()
        if record is None or not self.target_fields:
            return None, ""
        date_field, precision_field = self.target_fields
        return getattr(record, date_field), getattr(record, precision_field)

    @property
    def target_display(self) -> str:
        date, precision = self.current_target
        return format_fuzzy_date(date, precision)

    # Everything below reads the prefetched relations (scraip.progress.prefetch_progress), newest
    # first, so templates cost no query per row.
    @property
    def updates_newest_first(self) -> list:
        return list(self.progress_updates.all())

    @property
    def latest_update(self):
        updates = self.updates_newest_first
        return updates[0] if updates else None

    @property
    def previous_update(self):
        updates = self.updates_newest_first
        return updates[1] if len(updates) > 1 else None

    @property
    def latest_verdict(self):
        verdicts = list(self.verdicts.all())
        return verdicts[0] if verdicts else None

    @property
    def is_closed(self) -> bool:
        """Only the committee closes an item: its latest verdict says so."""
        verdict = self.latest_verdict
        return bool(verdict and verdict.verdict == Verdict.Kind.CLOSED)

    def verdict_at(self, meeting):
        for verdict in self.verdicts.all():
            if verdict.meeting_id == meeting.pk:
                return verdict
        return None

    def is_past_target(self, today: datetime.date | None = None) -> bool:
        date, _ = self.current_target
        latest = self.latest_update
        done = self.is_closed or (latest and latest.status == ProgressUpdate.Status.IMPLEMENTED)
        return bool(date and not done and date < (today or timezone.localdate()))


class ProgressUpdateQuerySet(SoftDeleteQuerySet):
    def for_subject(self, subject):
        return self.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
        )


class ProgressUpdate(Versioned, SoftDeletable):
    """What the lead officer says has been done on one item by one report-back.

    Self-reported: pages print it beside the committee's verdict, never instead of it.
    """

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "Not started"
        ON_TRACK = "on_track", "On track"
        AT_RISK = "at_risk", "At risk"
        OFF_TRACK = "off_track", "Off track"
        IMPLEMENTED = "implemented", "Implemented"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    report_back = models.ForeignKey(
        ReportBack,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="progress_updates",
    )
    status = models.CharField(max_length=20, choices=Status.choices)
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

    @property
    def entered_on_behalf(self) -> bool:
        return self.reported_by.user_id != self.entered_by_id


class Verdict(Versioned, SoftDeletable):
    """The committee's view of one item at one meeting. Only a verdict closes an item."""

    class Kind(models.TextChoices):
        SATISFIED = "satisfied", "Satisfied"
        NOT_SATISFIED = "not_satisfied", "Not satisfied"
        CLOSED = "closed", "Closed"

    class InvitedBack(models.TextChoices):
        LEAD_OFFICER = "lead_officer", "The lead officer"
        CABINET_MEMBER = "cabinet_member", "The cabinet member"
        BOTH = "both", "The lead officer and the cabinet member"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
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

    objects = live_rows(SoftDeleteQuerySet)
    all_objects = all_rows(SoftDeleteQuerySet)
    deleted_objects = deleted_rows(SoftDeleteQuerySet)

    class Meta:
        ordering = ["-meeting__date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "meeting"],
                condition=Q(deleted_at__isnull=True),
                name="one_verdict_per_item_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(verdict="not_satisfied") & ~Q(invited_back="")
                | ~Q(verdict="not_satisfied") & Q(invited_back=""),
                name="invited_back_only_when_not_satisfied",
            ),
        ]

    def __str__(self):
        return f"{self.get_verdict_display()} ({self.meeting.date:%-d %B %Y})"


class TargetDateChange(models.Model):
    """A moved target date: the old date, the new one and why. Written once, never changed."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    old_date = models.DateField(null=True, blank=True)
    old_precision = models.CharField(max_length=10, choices=Precision.choices, blank=True)
    new_date = models.DateField()
    new_precision = models.CharField(max_length=10, choices=Precision.choices)
    reason = models.TextField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="target_dates_changed"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-pk"]

    def __str__(self):
        return f"Target moved from {self.old_display or 'none'} to {self.new_display}"

    @property
    def old_display(self) -> str:
        return format_fuzzy_date(self.old_date, self.old_precision)

    @property
    def new_display(self) -> str:
        return format_fuzzy_date(self.new_date, self.new_precision)


class ReminderSent(models.Model):
    """One reminder email, so `send_reminders` run twice on a day sends nothing twice."""

    kind = models.CharField(max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    about = GenericForeignKey("content_type", "object_id")
    recipient = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="reminders")
    sent_on = models.DateField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "content_type", "object_id", "recipient", "sent_on"],
                name="one_reminder_per_day",
            )
        ]

    def __str__(self):
        return f"{self.kind} to {self.recipient} on {self.sent_on}"


def new_feed_token() -> str:
    return secrets.token_urlsafe(32)


class CalendarFeedQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class CalendarFeed(models.Model):
    """A private iCalendar address: whoever has the token reads this one feed and nothing else.

    The token is the only credential, so it is long and random, shown only to its owner, and
    revoking the feed makes the address answer 404 at once.
    """

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, null=True, blank=True, related_name="feeds"
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="feeds"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = CalendarFeedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(committee__isnull=True, person__isnull=False)
                | Q(committee__isnull=False, person__isnull=True),
                name="feed_is_for_a_committee_or_a_person",
            )
        ]

    def __str__(self):
        return f"Calendar of {self.committee or self.person}"


class FollowedPart(TrackedItem, RecommendationPart):
    """A recommendation part as the committee follows it once the cabinet has accepted it.

    The same row as plans.RecommendationPart (a proxy: no table of its own), with the progress
    relations and the tracked-item interface, so the plans app knows nothing of follow-up. Its
    target date is its response's timetable and its lead is the response's lead officer.
    """

    target_fields = ("timetable", "timetable_precision")

    class Meta:
        proxy = True

    def __str__(self):
        return RecommendationPart.__str__(self)

    def progress_lead(self):
        response = self.current_response
        return response.lead_officer if response else None

    def target_record(self):
        return self.current_response
