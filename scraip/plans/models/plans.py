"""The action plan itself and its report-back schedule."""

import datetime
from collections.abc import Callable
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Func, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from scraip.common.fuzzydates import Precision, format_fuzzy_date, latest_day
from scraip.common.softdelete import (
    NOT_DELETED,
    SoftDeletable,
    SoftDeleteQuerySet,
    all_rows,
    deleted_rows,
    live_rows,
)
from scraip.common.text import ordinal
from scraip.common.versioning import Versioned
from scraip.common.vocabularies import Vocabulary
from scraip.common.years import municipal_year_label, municipal_year_of
from scraip.councils.models import Authority, Committee, Meeting, related_or_none
from scraip.councils.rules import authorities_for

# The message a form gives for a choice it did not offer; the model gives it for the same choice.
NOT_A_CHOICE = "Select a valid choice. That choice is not one of the available choices."


def count_of(rows: models.QuerySet) -> Subquery:
    """How many of `rows` (filtered on an OuterRef) there are, as a subquery. The rows are read
    through their default manager, so deleted ones are not counted."""
    counted = rows.order_by().annotate(count=Func(F("pk"), function="COUNT")).values("count")
    return Subquery(counted, output_field=models.IntegerField())


class ActionPlanQuerySet(SoftDeleteQuerySet):
    def for_authorities(self, authorities):
        return self.filter(authority__in=authorities)

    def sent_for_response(self):
        return self.exclude(status=ActionPlan.Status.DRAFT)

    def published(self):
        """The plans anyone may read without signing in: sent to the cabinet, and published by
        hand or by the council's rule (Authority.PlanPublication), and not withdrawn."""
        when = Authority.PlanPublication
        answered = (ActionPlan.Status.RESPONDED, ActionPlan.Status.CLOSED)
        by_rule = Q(publication=ActionPlan.Publication.COUNCIL_RULE) & (
            Q(authority__publishes_plans=when.WHEN_SENT)
            | Q(authority__publishes_plans=when.WHEN_ANSWERED, status__in=answered)
        )
        return self.sent_for_response().filter(
            by_rule | Q(publication=ActionPlan.Publication.PUBLISHED)
        )

    def visible_to(self, user):
        """The plans of the user's councils; drafts only for those who write plans."""
        plans = self.for_authorities(authorities_for(user))
        return plans if user.has_perm("plans.add_actionplan") else plans.sent_for_response()

    def with_counts(self):
        """Each plan's recommendations, answerable parts and answered parts, live ones only."""
        # Imported here: the recommendations module builds on this one.
        from .recommendations import Recommendation, RecommendationPart

        parts = RecommendationPart.objects.filter(recommendation__action_plan=OuterRef("pk"))
        return self.annotate(
            recommendation_count=count_of(
                Recommendation.objects.filter(action_plan=OuterRef("pk"))
            ),
            part_count=count_of(parts),
            answered_count=count_of(parts.filter(response__isnull=False)),
        )


class ActionPlan(Versioned, SoftDeletable):
    """One SCRAIP: the recommendations of a scrutiny report and what became of them."""

    class Status(Vocabulary):
        DRAFT = "draft", "grey", "Draft"
        AWAITING_RESPONSE = "awaiting_response", "yellow", "Awaiting response"
        RESPONDED = "responded", "blue", "Response received"
        CLOSED = "closed", "green", "Closed"

    class Publication(models.TextChoices):
        """Whether the plan is public: by the council's rule (Authority.publishes_plans), or as
        an officer chose for this plan."""

        COUNCIL_RULE = "council", "By the council's setting"
        PUBLISHED = "published", "Published by an officer"
        WITHDRAWN = "withdrawn", "Withdrawn from publication"

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="action_plans")
    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="action_plans")
    # A joint report: the other committees of the council whose report it also is.
    joint_committees = models.ManyToManyField(
        Committee, blank=True, related_name="joint_action_plans", verbose_name="jointly with"
    )
    title = models.CharField("report title", max_length=300)
    publication_date = models.DateField()
    # Named by the year it starts (2025 is "2025/26"); taken from the date of publication unless
    # the council files the report under another year (clean()).
    municipal_year = models.PositiveSmallIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1990), MaxValueValidator(2100)]
    )
    received_on = models.DateField(
        "date the cabinet received the report",
        null=True,
        blank=True,
        help_text="The response period starts on this date.",
    )
    response_deadline = models.DateField(null=True, blank=True, editable=False)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    publication = models.CharField(
        max_length=10, choices=Publication.choices, default=Publication.COUNCIL_RULE
    )
    # Why an officer withdrew the plan from publication (kept in its history when it changes).
    withdrawal_reason = models.TextField("reason for withdrawing it", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    objects = live_rows(ActionPlanQuerySet)
    all_objects = all_rows(ActionPlanQuerySet)
    deleted_objects = deleted_rows(ActionPlanQuerySet)

    class Meta:
        ordering = ["-publication_date", "title"]
        indexes = [
            models.Index(fields=["authority", "status"]),
            # A council's plans newest first.
            models.Index(fields=["authority", "publication_date"], name="plan_authority_published"),
            # A council's plans of one municipal year (the lists' filter).
            models.Index(fields=["authority", "municipal_year"], name="plan_authority_year"),
            # Responses awaited by deadline: dashboards, reminders, "overdue" filters.
            models.Index(fields=["status", "response_deadline"], name="plan_status_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=F("publication_date")),
                name="plan_received_after_publication",
            ),
            models.CheckConstraint(
                condition=~Q(publication="withdrawn") | ~Q(withdrawal_reason=""),
                name="plan_withdrawn_with_a_reason",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("plans:plan_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self._fill_municipal_year()
        super().save(*args, **kwargs)

    def _fill_municipal_year(self) -> None:
        """Unless filed under another year, the year of the date of publication: on save, and
        in clean() for writers that check rows and insert them in bulk (the tracker import)."""
        if self.municipal_year is None and self.publication_date:
            self.municipal_year = municipal_year_of(self.publication_date)

    def filed_under_another_year(self) -> int | None:
        """The municipal year, if the council chose one other than the year of publication."""
        if self.publication_date and self.municipal_year != municipal_year_of(
            self.publication_date
        ):
            return self.municipal_year
        return None

    @property
    def municipal_year_label(self) -> str:
        return municipal_year_label(self.municipal_year) if self.municipal_year else ""

    def clean(self):
        self._fill_municipal_year()
        if self.received_on and self.publication_date:
            problem = self.receipt_problem(self.received_on, sent=not self.is_draft)
            if problem:
                raise ValidationError({"received_on": problem})
        problem = self.publication_problem()
        if problem:
            raise ValidationError({problem[0]: problem[1]})

    def publication_problem(self) -> tuple[str, str] | None:
        """Why the plan cannot be published or withdrawn as it says, if it cannot, and the
        field at fault: a draft is never published, a withdrawal always has its reason."""
        if self.publication == self.Publication.PUBLISHED and self.is_draft:
            return "publication", (
                "A draft is never public: send the plan to the cabinet before publishing it"
            )
        if self.publication == self.Publication.WITHDRAWN and not self.withdrawal_reason.strip():
            return "withdrawal_reason", "Enter why the plan is being withdrawn from publication"
        return None

    def receipt_problem(self, received_on: datetime.date, *, sent: bool) -> str | None:
        """Why the cabinet cannot have received this report on that day, if it cannot: not
        before it was published, nor, once it has been sent, after today. (A draft may carry the
        day the cabinet is due to receive it.)"""
        if received_on < self.publication_date:
            return "The cabinet cannot have received the report before it was published"
        if sent and received_on > timezone.localdate():
            return "The date the cabinet received the report must be today or earlier"
        return None

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

    @property
    def status_colour(self) -> str:
        return self.Status.colour_of(self.status)

    def reports_back_to(self) -> set[int]:
        """The committees whose meetings may hear this plan's report-backs: its own, those it
        came from jointly, and whichever committees took over their work when they were
        abolished (Committee.successor, through any chain). Read once for this instance: each
        report-back of a schedule being saved asks again."""
        if "_reports_back_to" not in self.__dict__:
            own = {self.committee_id}
            if self.pk:
                own |= set(self.joint_committees.values_list("pk", flat=True))
            self._reports_back_to = Committee.carried_on_by(own, self.authority_id)
        return self._reports_back_to

    @property
    def committees_display(self) -> str:
        """Its committee, and those it came from jointly: "Overview and Scrutiny Committee
        jointly with Audit Committee"."""
        joint = [committee.name for committee in self.joint_committees.all()]
        return " jointly with ".join(
            [self.committee.name, " and ".join(joint)] if joint else [self.committee.name]
        )

    def days_to_deadline(self, today: datetime.date | None = None) -> int | None:
        if not self.response_deadline or not self.awaits_response:
            return None
        return (self.response_deadline - (today or timezone.localdate())).days


class ReportBackQuerySet(SoftDeleteQuerySet):
    def still_due(self):
        """Those still to come: neither completed nor cancelled."""
        return self.filter(completed=False, cancelled=False)


class ReportBack(SoftDeletable):
    """A date on which the committee hears what has been done: the 1st, 2nd, 3rd… update.

    `services.report_back_schedule_save` numbers a plan's report-backs in date order. One tied
    to a meeting is on that meeting's date, and the meeting is one the plan reports back to
    (ActionPlan.reports_back_to). It is completed in order, once every part of the plan has
    its answer and the rules the follow-up registers in `completion_rules` hold (the committee
    has a verdict on every item due).
    """

    # Checks that apps following plans up add (scraip.followup registers the committee's
    # verdicts in its AppConfig.ready()), as plans knows nothing of how it is followed up: each
    # takes the report-back and returns what stops it being completed.
    completion_rules: ClassVar[list[Callable[["ReportBack"], list[str]]]] = []

    action_plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="report_backs"
    )
    sequence = models.PositiveSmallIntegerField(validators=[MinValueValidator(1)])
    # Blank on a form when the meeting gives the date: see clean().
    due_on = models.DateField(blank=True)
    due_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.DAY
    )
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="report_backs"
    )
    completed = models.BooleanField(default=False)
    # Kept on the schedule with what was recorded for it, but no longer due (one that has
    # updates or verdicts cannot be removed: see removal_problem).
    cancelled = models.BooleanField(default=False)
    note = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = live_rows(ReportBackQuerySet)
    all_objects = all_rows(ReportBackQuerySet)
    deleted_objects = deleted_rows(ReportBackQuerySet)

    class Meta:
        ordering = ["action_plan_id", "sequence"]
        indexes = [
            # Report-backs still to come by date: reminders, calendar feeds, updates owed.
            models.Index(fields=["completed", "due_on"], name="report_back_open_by_date"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["action_plan", "sequence"],
                condition=NOT_DELETED,
                name="unique_report_back_sequence",
            ),
            models.CheckConstraint(condition=Q(sequence__gte=1), name="report_back_sequence_1_up"),
            models.CheckConstraint(
                condition=~Q(completed=True, cancelled=True),
                name="report_back_completed_or_cancelled",
            ),
        ]

    def __str__(self):
        return f"Update {self.sequence}: {self.due_display}"

    def clean(self):
        """A report-back tied to a meeting of the plan's committee takes the meeting's date;
        completing it, or reopening it, keeps the schedule in order."""
        meeting = self.meeting if self.meeting_id else None
        plan = related_or_none(self, "action_plan")
        if meeting and plan and meeting.committee_id not in plan.reports_back_to():
            raise ValidationError({"meeting": NOT_A_CHOICE})
        if meeting:
            self._take_date_of(meeting)
        if self.due_on is None:
            raise ValidationError(
                {"due_on": "Enter the date of the report-back, or choose its meeting"}
            )
        if self.completed and self.cancelled:
            raise ValidationError(
                {"cancelled": "A report-back cannot be both completed and cancelled"}
            )
        if plan and self.completed != self._stored_completed():
            problems = self.completion_problems() if self.completed else self.reopening_problems()
            if problems:
                raise ValidationError({"completed": problems})

    def _take_date_of(self, meeting: Meeting) -> None:
        """The report-back is on the meeting's day. A date typed as well must be that day, or
        a vague date the day falls in ("October 2008" for 14 October 2008), which it keeps
        printing as the paper wrote it."""
        typed, precision, day = self.due_on, self.due_precision, meeting.date
        if typed is None:
            precision = Precision.DAY
        elif typed != day and not _falls_in(day, typed, precision):
            raise ValidationError(
                {
                    "due_on": f"The meeting chosen is on {day:%-d %B %Y}, not "
                    f"{format_fuzzy_date(typed, precision)}: leave the date blank to take the "
                    "meeting's date, or choose another meeting"
                }
            )
        self.due_on, self.due_precision = day, precision

    def removal_problem(self) -> str | None:
        """Why this report-back cannot be taken off the schedule, if it cannot: progress
        updates, verdicts or reviews recorded for it (by any app, deleted or not) would lose
        the meeting they were given at."""
        for relation in self._meta.related_objects:
            if (
                relation.one_to_many
                and relation.related_model._base_manager.filter(
                    **{relation.field.name: self.pk}
                ).exists()
            ):
                return (
                    f"The {ordinal(self.sequence)} report-back has "
                    f"{relation.related_model._meta.verbose_name_plural} recorded for it, so it "
                    "cannot be removed: change its date instead"
                )
        return None

    def _stored_completed(self) -> bool:
        if self.pk is None:
            return False
        return ReportBack.objects.filter(pk=self.pk, completed=True).exists()

    def _others(self):
        return ReportBack.objects.filter(action_plan=self.action_plan_id).exclude(pk=self.pk)

    def _before_this(self) -> Q:
        """The report-backs of the plan due before this one (the order they are numbered in)."""
        if self.pk is None:
            return Q(due_on__lte=self.due_on)
        return Q(due_on__lt=self.due_on) | Q(due_on=self.due_on, pk__lt=self.pk)

    def place_in_schedule(self) -> int:
        """The number this report-back takes among the plan's, in date order."""
        return self._others().filter(self._before_this()).count() + 1

    def completion_problems(self) -> list[str]:
        """Why this report-back cannot be marked completed yet, if it cannot."""
        from .recommendations import RecommendationPart  # builds on this module

        problems = [
            f"The {ordinal(earlier.sequence)} report-back ({earlier.due_display}) must be "
            "completed first."
            for earlier in self._others().filter(self._before_this()).still_due()
        ]
        awaiting = RecommendationPart.objects.filter(
            recommendation__action_plan=self.action_plan_id, response__isnull=True
        ).select_related("recommendation")
        if awaiting:
            problems.append(
                "The cabinet has not yet responded to "
                + ", ".join(str(part) for part in awaiting)
                + "."
            )
        for rule in self.completion_rules:
            problems.extend(rule(self))
        return problems

    def reopening_problems(self) -> list[str]:
        """Why this completed report-back cannot be reopened: a later one is completed."""
        later = self._others().filter(completed=True).exclude(self._before_this())
        return [
            f"The {ordinal(row.sequence)} report-back ({row.due_display}) is completed: reopen "
            "it first."
            for row in later
        ]

    @property
    def due_display(self) -> str:
        return format_fuzzy_date(self.due_on, self.due_precision)


def _falls_in(day: datetime.date, vague: datetime.date, precision: str) -> bool:
    """`day` is one of the days a vague date (its first day and precision) could mean."""
    return vague <= day <= latest_day(vague, precision)
