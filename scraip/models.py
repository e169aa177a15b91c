"""The core record: councils, their committees and cabinet, and the SCRAIP action plans.

A SCRAIP (Scrutiny Committee Recommendation Action and Implementation Plan) holds the
recommendations of one scrutiny report, the cabinet's answer to each answerable part, and the
dates on which the committee hears what became of them.
"""

import datetime
import secrets

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from .fuzzydates import Precision, format_fuzzy_date
from .uploads import FileCheck, SafeUploadTo

STATUTORY_RESPONSE_MONTHS = 2  # section 9FE, Local Government Act 2000


class Versioned(models.Model):
    """Carries the version an edit form was loaded at, so a stale save is refused.

    `services.save_versioned` moves the number on; nothing else writes it.
    """

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class SoftDeleteQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(deleted_at__isnull=True)

    def deleted(self):
        return self.filter(deleted_at__isnull=False)


class SoftDeletable(models.Model):
    """Removed from every page but kept, with its history, until an officer restores it."""

    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class AliveManager(models.Manager):
    """The default manager of soft-deletable models: deleted rows are invisible to every page
    and to related managers (plan.recommendations); `all_objects` still reaches them."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


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

    progress_updates = GenericRelation("scraip.ProgressUpdate")
    verdicts = GenericRelation("scraip.Verdict")
    target_date_changes = GenericRelation("scraip.TargetDateChange")

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


class Authority(models.Model):
    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    response_period_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text="Leave blank for the statutory two months. Some councils use 28 days.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"

    def __str__(self):
        return self.name

    def response_deadline_after(self, received_on: datetime.date) -> datetime.date:
        if self.response_period_days:
            return received_on + datetime.timedelta(days=self.response_period_days)
        return received_on + relativedelta(months=STATUTORY_RESPONSE_MONTHS)


class Committee(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="committees")
    name = models.CharField(max_length=200)
    history = HistoricalRecords()

    class Meta:
        ordering = ["authority__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="unique_committee_name")
        ]

    def __str__(self):
        return self.name


class MeetingQuerySet(models.QuerySet):
    def for_authorities(self, authorities):
        return self.filter(committee__authority__in=authorities)

    def upcoming(self, today: datetime.date | None = None):
        return self.filter(
            date__gte=today or timezone.localdate(), status=Meeting.Status.SCHEDULED
        ).order_by("date", "pk")


class Meeting(Versioned):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Scheduled"
        HELD = "held", "Held"
        CANCELLED = "cancelled", "Cancelled"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField()
    place = models.CharField(max_length=200, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SCHEDULED)
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["date"]

    def __str__(self):
        return f"{self.committee}, {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("scraip:meeting_detail", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED


class PersonQuerySet(models.QuerySet):
    def officers(self):
        return self.filter(kind=Person.Kind.OFFICER)

    def councillors(self):
        return self.filter(kind=Person.Kind.COUNCILLOR)


class Person(models.Model):
    class Kind(models.TextChoices):
        COUNCILLOR = "councillor", "Councillor"
        OFFICER = "officer", "Officer"
        WITNESS = "witness", "Outside witness"

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    authority = models.ForeignKey(
        Authority, on_delete=models.PROTECT, related_name="people", null=True, blank=True
    )
    political_group = models.CharField(max_length=100, blank=True, help_text="Councillors only")
    job_title = models.CharField(max_length=200, blank=True, help_text="Officers and witnesses")
    organisation = models.CharField(max_length=200, blank=True, help_text="Outside witnesses")
    in_scrutiny_team = models.BooleanField(
        default=False,
        help_text="Scrutiny officers create and edit action plans for their authority.",
    )
    email = models.EmailField(blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
    )
    history = HistoricalRecords()

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        if self.kind == self.Kind.COUNCILLOR:
            return f"Cllr {self.name}"
        return self.name

    @property
    def description(self) -> str:
        if self.kind == self.Kind.COUNCILLOR:
            return self.political_group
        return ", ".join(part for part in (self.job_title, self.organisation) if part)


class PortfolioQuerySet(models.QuerySet):
    def held_by(self, person, on: datetime.date | None = None):
        on = on or timezone.localdate()
        return self.filter(
            Q(terms__ends_on__isnull=True) | Q(terms__ends_on__gte=on),
            terms__holder=person,
            terms__starts_on__lte=on,
        ).distinct()


class Portfolio(models.Model):
    """A cabinet post, such as "Leader of the Council"; who holds it is kept term by term."""

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="portfolios")
    title = models.CharField(max_length=200)
    history = HistoricalRecords()

    objects = PortfolioQuerySet.as_manager()

    class Meta:
        ordering = ["authority__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "title"], name="unique_portfolio_title")
        ]

    def __str__(self):
        return self.title


class PortfolioTerm(models.Model):
    portfolio = models.ForeignKey(Portfolio, on_delete=models.CASCADE, related_name="terms")
    holder = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="portfolio_terms",
        limit_choices_to={"kind": Person.Kind.COUNCILLOR},
    )
    starts_on = models.DateField()
    ends_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="portfolio_term_ends_after_start",
            )
        ]

    def __str__(self):
        return f"{self.holder} ({self.portfolio})"


class ActionPlanQuerySet(SoftDeleteQuerySet):
    def for_authorities(self, authorities):
        return self.filter(authority__in=authorities)

    def sent_for_response(self):
        return self.exclude(status=ActionPlan.Status.DRAFT)

    def with_counts(self):
        answerable = Q(recommendations__parts__isnull=False)
        answered = Q(recommendations__parts__response__isnull=False)
        return self.annotate(
            recommendation_count=Count("recommendations", distinct=True),
            part_count=Count("recommendations__parts", filter=answerable, distinct=True),
            answered_count=Count("recommendations__parts", filter=answered, distinct=True),
        )


class ActionPlan(Versioned, SoftDeletable):
    """One SCRAIP: the recommendations of a scrutiny report and what became of them."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        AWAITING_RESPONSE = "awaiting_response", "Awaiting response"
        RESPONDED = "responded", "Response received"
        CLOSED = "closed", "Closed"

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

    objects = AliveManager.from_queryset(ActionPlanQuerySet)()
    all_objects = ActionPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-publication_date", "title"]
        indexes = [models.Index(fields=["authority", "status"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("scraip:plan_detail", args=[self.pk])

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

    def days_to_deadline(self, today: datetime.date | None = None) -> int | None:
        if not self.response_deadline or not self.awaits_response:
            return None
        return (self.response_deadline - (today or timezone.localdate())).days


class ReportBack(models.Model):
    """A date on which the committee hears what has been done: the 1st, 2nd, 3rd… update."""

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="report_backs"
    )
    sequence = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    due_on = models.DateField()
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
                fields=["action_plan", "sequence"], name="unique_report_back_sequence"
            )
        ]

    def __str__(self):
        return f"Update {self.sequence}: {self.due_display}"

    @property
    def due_display(self) -> str:
        return format_fuzzy_date(self.due_on, self.due_precision)


class Recommendation(Versioned, SoftDeletable):
    """A lettered recommendation. Letters and order are the report's own, even out of sequence."""

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="recommendations"
    )
    letter = models.CharField(max_length=4)
    position = models.PositiveIntegerField(
        default=0, help_text="Recommendations are listed in this order, lowest first."
    )
    text = models.TextField()
    note = models.CharField(
        max_length=300,
        blank=True,
        help_text='For example "moved up the order for clarity".',
    )
    portfolio = models.ForeignKey(
        Portfolio,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="recommendations",
        verbose_name="cabinet portfolio",
    )
    history = HistoricalRecords()

    objects = AliveManager.from_queryset(SoftDeleteQuerySet)()
    all_objects = SoftDeleteQuerySet.as_manager()

    class Meta:
        ordering = ["action_plan_id", "position", "letter"]
        constraints = [
            # A deleted recommendation gives up its letter; restoring it checks it is free.
            models.UniqueConstraint(
                fields=["action_plan", "letter"],
                condition=Q(deleted_at__isnull=True),
                name="unique_recommendation_letter",
            )
        ]

    def __str__(self):
        return f"Recommendation {self.letter}"

    def get_absolute_url(self):
        return f"{self.action_plan.get_absolute_url()}#recommendation-{self.pk}"


class RecommendationPartQuerySet(models.QuerySet):
    def alive(self):
        return self.filter(
            recommendation__deleted_at__isnull=True,
            recommendation__action_plan__deleted_at__isnull=True,
        )

    def awaiting_response(self):
        return self.alive().filter(
            response__isnull=True,
            recommendation__action_plan__status=ActionPlan.Status.AWAITING_RESPONSE,
        )

    def for_portfolios(self, portfolios):
        return self.filter(recommendation__portfolio__in=portfolios)

    def overdue(self, today: datetime.date | None = None):
        return self.awaiting_response().filter(
            recommendation__action_plan__response_deadline__lt=today or timezone.localdate()
        )

    def trackable(self):
        """The items whose progress the committee follows: accepted, wholly or in part."""
        return self.alive().filter(
            response__decision__in=[
                Response.Decision.ACCEPTED,
                Response.Decision.PARTIALLY_ACCEPTED,
            ]
        )

    def with_plan(self):
        return self.select_related(
            "recommendation__action_plan__authority",
            "recommendation__portfolio",
            "response__lead_officer",
            "response__responded_by",
        )


class RecommendationPart(TrackedItem, models.Model):
    """The unit the cabinet answers: a sub-part (i), (ii)…, or the whole recommendation.

    A recommendation without sub-parts has exactly one part with no numeral and no text of its
    own; `services.recommendation_save` keeps that so. Once accepted, it is the item whose
    progress the committee follows (TrackedItem): its target date is its response's timetable.
    """

    target_fields = ("timetable", "timetable_precision")

    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.CASCADE, related_name="parts"
    )
    numeral = models.CharField(max_length=8, blank=True, help_text="i, ii, iii…")
    position = models.PositiveIntegerField(default=0)
    text = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = RecommendationPartQuerySet.as_manager()

    class Meta:
        ordering = ["recommendation_id", "position", "numeral"]
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "numeral"], name="unique_part_numeral"
            )
        ]

    def __str__(self):
        if self.numeral:
            return f"{self.recommendation} ({self.numeral})"
        return str(self.recommendation)

    @cached_property
    def current_response(self):
        try:
            return self.response
        except Response.DoesNotExist:
            return None

    def progress_lead(self):
        response = self.current_response
        return response.lead_officer if response else None

    def target_record(self):
        return self.current_response

    @property
    def is_trackable(self) -> bool:
        response = self.current_response
        return bool(response and not response.is_rejected)


class Response(Versioned):
    """The cabinet's answer to one part. "Noted" is not a decision; nor is "in principle"."""

    class Decision(models.TextChoices):
        ACCEPTED = "accepted", "Accepted"
        PARTIALLY_ACCEPTED = "partially_accepted", "Partially accepted"
        REJECTED = "rejected", "Rejected"

    part = models.OneToOneField(
        RecommendationPart, on_delete=models.CASCADE, related_name="response"
    )
    decision = models.CharField(max_length=20, choices=Decision.choices)
    explanation = models.TextField()
    action = models.TextField(blank=True)
    timetable = models.DateField(null=True, blank=True)
    timetable_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    lead_officer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actions_led",
        limit_choices_to={"kind": Person.Kind.OFFICER},
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
            models.CheckConstraint(
                condition=~Q(decision="rejected")
                | (Q(timetable__isnull=True) & Q(lead_officer__isnull=True)),
                name="rejection_has_no_timetable_or_lead",
            ),
            models.CheckConstraint(
                condition=Q(decision="rejected")
                | (Q(timetable__isnull=False) & Q(lead_officer__isnull=False) & ~Q(action="")),
                name="acceptance_has_action_timetable_lead",
            ),
        ]

    def __str__(self):
        return f"{self.get_decision_display()}: {self.part}"

    @property
    def is_rejected(self) -> bool:
        return self.decision == self.Decision.REJECTED

    @property
    def timetable_display(self) -> str:
        return format_fuzzy_date(self.timetable, self.timetable_precision)

    @property
    def entered_on_behalf(self) -> bool:
        return self.responded_by.user_id != self.entered_by_id


# Follow-up: progress updates, the committee's verdicts, target date changes, reminders and
# calendar feeds. Each points at its item through `subject`, a generic foreign key to any
# TrackedItem (see its docstring), so other apps' items are followed the same way.


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

    objects = AliveManager.from_queryset(ProgressUpdateQuerySet)()
    all_objects = ProgressUpdateQuerySet.as_manager()

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

    objects = AliveManager.from_queryset(SoftDeleteQuerySet)()
    all_objects = SoftDeleteQuerySet.as_manager()

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
