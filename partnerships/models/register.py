"""The partnership itself: its vocabularies, its reads, and the rules about one partnership.
Also the base of the rows people add to a partnership on its own page."""

import datetime

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models
from django.db.models import Case, Exists, F, OuterRef, Q, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from scraip.common.fuzzydates import Precision, format_fuzzy_date, period_end_field
from scraip.common.softdelete import (
    SoftDeletable,
    SoftDeleteQuerySet,
    all_rows,
    deleted_rows,
    live_rows,
)
from scraip.common.versioning import Versioned
from scraip.common.vocabularies import Vocabulary
from scraip.councils.models import Authority, Meeting, Person
from scraip.councils.rules import authorities_for
from scraip.plans.models import ActionPlan, Recommendation, ReportBack

from .settings import DefinitionCriterion, RegisterSettings


class DefinitionState(Vocabulary):
    MEETS = "meets", "green", "Meets the definition"
    FAILS = "fails", "red", "Does not meet the definition"
    UNTESTED = "untested", "grey", "Not yet tested"


class PartnershipStatus(Vocabulary):
    PROPOSED = "proposed", "grey", "Proposed"
    ACTIVE = "active", "blue", "Active"
    ENDING = "ending", "yellow", "Being wound up"
    ENDED = "ended", "grey", "Ended"


def related(row, name: str):
    """The row's related record, saved or not, or None if it has none yet (an admin inline's
    row is checked before its partnership is saved)."""
    try:
        return getattr(row, name)
    except ObjectDoesNotExist:
        return None


def person_outside_council(person: Person | None, authority_id: int | None) -> str | None:
    """Why `person` cannot act for a partnership of the council, or None if they can."""
    if person is None or authority_id is None or person.authority_id == authority_id:
        return None
    return f"{person} is not a councillor or officer of the partnership's council"


class PartnershipQuerySet(SoftDeleteQuerySet):
    def for_authorities(self, authorities):
        return self.filter(authority__in=authorities)

    def visible_to(self, user):
        """The partnerships of the councils whose register the user reads."""
        return self.for_authorities(authorities_for(user))

    def with_details(self):
        """What every page about a partnership prints: its definition state, council and lead."""
        return self.with_definition().select_related("authority", "lead_officer")

    def with_definition(self):
        """Annotate `definition_state`: fails if any answer contradicts a live criterion, else
        meets once every live criterion of the council is answered, else untested (which is
        also where everything stands while the council has no criteria). An answer to a
        removed criterion went with it, so only live answers count."""
        from .answers import DefinitionAnswer

        criteria = DefinitionCriterion.objects.filter(authority=OuterRef("authority"))
        answered = DefinitionAnswer.objects.filter(
            partnership=OuterRef(OuterRef("pk")), criterion=OuterRef("pk")
        )
        contradicted = DefinitionAnswer.objects.filter(partnership=OuterRef("pk")).exclude(
            answer=F("criterion__meets_when")
        )
        return self.annotate(
            definition_state=Case(
                When(Exists(contradicted), then=Value(DefinitionState.FAILS)),
                When(~Exists(criteria), then=Value(DefinitionState.UNTESTED)),
                When(
                    Exists(criteria.filter(~Exists(answered))),
                    then=Value(DefinitionState.UNTESTED),
                ),
                default=Value(DefinitionState.MEETS),
                output_field=models.CharField(),
            )
        )

    def with_priority_line(self):
        """Annotate `line_cut`: how many of the council's partnerships are above the line."""
        cut = RegisterSettings.objects.filter(authority=OuterRef("authority")).values(
            "above_the_line"
        )[:1]
        return self.annotate(line_cut=Coalesce(Subquery(cut), Value(0)))

    def with_partner_count(self):
        """Annotate `partner_count`: the partnership's partner organisations."""
        from .items import Partner

        partners = (
            Partner.objects.filter(partnership=OuterRef("pk"))
            .order_by()
            .values("partnership")
            .annotate(count=models.Count("pk"))
            .values("count")
        )
        return self.annotate(partner_count=Coalesce(Subquery(partners), Value(0)))

    def with_last_review(self):
        """Annotate `last_considered`: when the committee last reviewed the partnership."""
        from .oversight import CommitteeReview

        latest = CommitteeReview.objects.filter(partnership=OuterRef("pk")).order_by(
            "-considered_on"
        )
        return self.annotate(last_considered=Subquery(latest.values("considered_on")[:1]))

    def qualifying(self):
        """The register proper: only partnerships meeting the definition enter it."""
        return self.with_definition().filter(definition_state=DefinitionState.MEETS)

    def published(self):
        """What the public register shows: published, meeting the definition, not deleted."""
        return self.filter(published_at__isnull=False).qualifying()

    def in_priority_order(self):
        """Ranked partnerships first, by rank; the unranked after them, by name."""
        return self.order_by(F("priority_rank").asc(nulls_last=True), "name", "pk")

    def register_for(self, authority):
        """The council's register: its partnerships meeting the definition, in priority order,
        each knowing whether it is above the line."""
        return (
            self.filter(authority=authority)
            .qualifying()
            .select_related("authority", "lead_officer")
            .with_priority_line()
            .in_priority_order()
        )

    def due_for_review(self, by: datetime.date):
        """Active partnerships whose next committee review falls by `by`, or was never set."""
        return self.exclude(status=PartnershipStatus.ENDED).filter(
            Q(next_review_due__lte=by) | Q(next_review_due__isnull=True)
        )

    def published_with_details(self):
        return self.published().select_related("authority", "lead_officer")

    def public_register(self):
        """The public register's list: every council's published partnerships, by council."""
        return (
            self.published_with_details()
            .with_partner_count()
            .order_by("authority__name", "name", "pk")
        )


class Partnership(Versioned, SoftDeletable):
    """One arrangement the council takes part in, tested against its definition."""

    class Kind(models.TextChoices):
        STRATEGIC = "strategic", "Strategic partnership"
        STATUTORY = "statutory", "Statutory partnership"
        DELIVERY = "delivery", "Service delivery partnership"
        SHARED_SERVICE = "shared_service", "Shared service"
        COMPANY = "company", "Joint venture or company"
        COMMUNITY = "community", "Community or voluntary sector partnership"
        CONTRACT = "contract", "Contract or commissioning arrangement"
        OTHER = "other", "Other"

    Status = PartnershipStatus

    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="partnerships")
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True, editable=False)
    purpose = models.TextField()
    kind = models.CharField("type", max_length=20, choices=Kind.choices)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    lead_officer = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnerships_led",
        limit_choices_to={"kind": Person.Kind.OFFICER},
    )
    starts_on = models.DateField(null=True, blank=True)
    starts_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    starts_end = period_end_field()
    ends_on = models.DateField(null=True, blank=True)
    ends_precision = models.CharField(
        max_length=10, choices=Precision.choices, default=Precision.MONTH
    )
    ends_end = period_end_field()
    governance = models.TextField("governance arrangements", blank=True)
    exit_strategy = models.TextField(blank=True)
    website = models.URLField("partnership's website", max_length=500, blank=True)
    priority_rank = models.PositiveIntegerField(null=True, blank=True, editable=False)
    next_review_due = models.DateField("next committee review due", null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    recommendations = models.ManyToManyField(
        Recommendation, related_name="partnerships", blank=True
    )
    reviews = models.ManyToManyField("reviews.Review", related_name="partnerships", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    objects = live_rows(PartnershipQuerySet)
    all_objects = all_rows(PartnershipQuerySet)
    deleted_objects = deleted_rows(PartnershipQuerySet)

    class Meta:
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["authority", "priority_rank"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="partnership_ends_after_it_starts",
                violation_error_message="The end date must be after the start date.",
            ),
            models.CheckConstraint(
                condition=Q(priority_rank__isnull=True) | Q(priority_rank__gte=1),
                name="partnership_ranked_from_1",
                violation_error_message="Ranks start at 1.",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """A council's register names each partnership once; it ends after it starts; its
        lead officer is one of the council's."""
        errors = {}
        self.name = " ".join((self.name or "").split())
        if self.name and self.authority_id:
            same = Partnership.objects.filter(authority=self.authority_id, name__iexact=self.name)
            if same.exclude(pk=self.pk).exists():
                errors["name"] = f"The register already has a partnership called {self.name}"
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The end date must be after the start date"
        if outside := person_outside_council(self.lead_officer, self.authority_id):
            errors["lead_officer"] = outside
        if errors:
            raise ValidationError(errors)

    def get_absolute_url(self):
        return reverse("partnerships:detail", args=[self.pk])

    def get_public_url(self):
        return reverse("partnerships:register_detail", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def status_colour(self) -> str:
        return PartnershipStatus.colour_of(self.status)

    @property
    def starts_display(self) -> str:
        return format_fuzzy_date(self.starts_on, self.starts_precision, self.starts_end)

    @property
    def ends_display(self) -> str:
        return format_fuzzy_date(self.ends_on, self.ends_precision, self.ends_end)

    @property
    def meets_definition(self) -> bool:
        """Read from `with_definition()`'s annotation: fetch partnerships through it."""
        return self.definition_state == DefinitionState.MEETS

    @property
    def definition_state_label(self) -> str:
        return DefinitionState(self.definition_state).label

    @property
    def definition_colour(self) -> str:
        return DefinitionState.colour_of(self.definition_state)

    def is_above_the_line(self, register_settings: RegisterSettings) -> bool:
        rank = self.priority_rank
        return bool(rank and rank <= register_settings.above_the_line)

    @property
    def above_the_line(self) -> bool:
        """Read from `with_priority_line()`'s annotation."""
        return bool(self.priority_rank and self.priority_rank <= self.line_cut)

    def review_is_overdue(self, today: datetime.date | None = None) -> bool:
        due = self.next_review_due
        return bool(due and due < (today or timezone.localdate()))

    def linkable_recommendations(self):
        """The recommendations a partnership may be linked to: those of its council's plans."""
        plans = ActionPlan.objects.filter(authority=self.authority_id)
        return (
            Recommendation.objects.filter(action_plan__in=plans)
            .select_related("action_plan")
            .order_by("-action_plan__publication_date", "action_plan_id", "position", "letter")
        )

    def linkable_report_backs(self):
        """The SCRAIP report-backs a committee review may name: those of the council's plans."""
        plans = ActionPlan.objects.filter(authority=self.authority_id)
        return ReportBack.objects.filter(action_plan__in=plans).select_related("action_plan")

    def council_meetings(self):
        """The meetings at which the council's committees may consider the partnership."""
        return Meeting.objects.filter(committee__authority=self.authority_id).select_related(
            "committee"
        )

    def linkable_reviews(self):
        """The reviews a partnership may be linked to: those its council leads or joins."""
        from reviews.models import Review

        return Review.objects.for_authorities([self.authority_id])


class PartnershipRowQuerySet(SoftDeleteQuerySet):
    """The reads of the rows hanging on a partnership."""

    def of_live_partnerships(self, authority):
        """Rows of the council's partnerships that are not deleted themselves: the rows deleted
        on their own, that can be restored one by one."""
        return self.filter(partnership__in=Partnership.objects.filter(authority=authority))


class PartnershipItem(Versioned, SoftDeletable):
    """A row people add to a partnership on its own page: versioned, soft-deleted (with the
    partnership, or on its own), with history."""

    objects = live_rows(PartnershipRowQuerySet)
    all_objects = all_rows(PartnershipRowQuerySet)
    deleted_objects = deleted_rows(PartnershipRowQuerySet)

    class Meta:
        abstract = True

    def get_absolute_url(self):
        return f"{self.partnership.get_absolute_url()}#{self.anchor}"

    @property
    def authority_id(self) -> int | None:
        """The council of the row's partnership."""
        partnership = related(self, "partnership")
        return partnership.authority_id if partnership else None

    def person_errors(self, **people) -> dict:
        """Errors for the people named (field=person) who are not of the partnership's council."""
        errors = {}
        for field, person in people.items():
            if outside := person_outside_council(person, self.authority_id):
                errors[field] = outside
        return errors
