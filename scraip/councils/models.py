"""Councils and their people: authorities, committees and their meetings, councillors and
officers, cabinet portfolios and who holds them term by term.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from scraip.common.prefetch import related_rows
from scraip.common.versioning import Versioned

STATUTORY_RESPONSE_MONTHS = 2  # section 9FE, Local Government Act 2000


def related_or_none(row: models.Model, name: str):
    """The row's `name` relation, or None if it has none yet. A row added on an admin page with
    its parent gets the parent before either is saved: the object is there, its id is not."""
    try:
        return getattr(row, name)
    except ObjectDoesNotExist:
        return None


class Authority(models.Model):
    class PlanPublication(models.TextChoices):
        """When the council's action plans become public (plans.ActionPlanQuerySet.published):
        an officer may still publish one by hand sooner, or withdraw one, whichever is set."""

        WHEN_ANSWERED = "answered", "When the cabinet has responded to every recommendation"
        WHEN_SENT = "sent", "As soon as the plan is sent to the cabinet"
        BY_HAND = "by_hand", "Only when an officer publishes it"

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(max_length=60, blank=True)
    response_period_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
        help_text="Leave blank for the statutory two months. Some councils use 28 days.",
    )
    acceptance_needs_details = models.BooleanField(
        "an acceptance needs an action, a timetable and a lead officer",
        default=True,
        help_text="Untick if the cabinet answers only “Agree? Yes, No or In part”, with the "
        "action, timetable and lead officer optional.",
    )
    compares_impact = models.BooleanField(
        "shares its impact report with the network",
        default=False,
        help_text="Its figures then appear beside those of the other councils that share "
        "theirs, on the network comparison every signed-in person of the network can read.",
    )
    publishes_plans = models.CharField(
        "publishes its action plans",
        max_length=10,
        choices=PlanPublication.choices,
        default=PlanPublication.WHEN_ANSWERED,
        help_text="Published plans can be read by anyone, without signing in, and are in the "
        "open data. Drafts never are.",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "authorities"
        constraints = [
            models.CheckConstraint(
                condition=Q(response_period_days__isnull=True)
                | Q(response_period_days__gte=1, response_period_days__lte=366),
                name="response_period_is_a_day_to_a_year",
            )
        ]

    def __str__(self):
        return self.name

    def response_deadline_after(self, received_on: datetime.date) -> datetime.date:
        if self.response_period_days:
            return received_on + datetime.timedelta(days=self.response_period_days)
        return received_on + relativedelta(months=STATUTORY_RESPONSE_MONTHS)


class Committee(models.Model):
    authority = models.ForeignKey(Authority, on_delete=models.PROTECT, related_name="committees")
    name = models.CharField(max_length=200)
    short_name = models.CharField(
        "short name or acronym", max_length=30, blank=True, help_text="For example, OSC"
    )
    abolished_on = models.DateField(null=True, blank=True)
    successor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="predecessors",
        help_text="The committee that took over its work when it was abolished",
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["authority__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["authority", "name"], name="unique_committee_name"),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | Q(abolished_on__isnull=False),
                name="committee_successor_only_when_abolished",
            ),
            models.CheckConstraint(
                condition=~Q(successor=models.F("pk")), name="committee_not_its_own_successor"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        """A successor takes over an abolished committee's work at the same council; the chain
        of successors never leads back to the committee itself. Reads the successors it is
        given (a bulk import hands them over unsaved, so no query is made)."""
        successor = related_or_none(self, "successor")
        if successor is None:
            return
        if not self.abolished_on:
            raise ValidationError(
                {"successor": "Give the date the committee was abolished to name a successor"}
            )
        if successor.authority_id != self.authority_id:
            raise ValidationError({"successor": "Choose a committee of the same council"})
        seen, step = set(), successor  # by id(): new committees have no pk yet
        while step is not None and id(step) not in seen:
            if step is self or (self.pk and step.pk == self.pk):
                raise ValidationError(
                    {"successor": "A committee cannot succeed itself, directly or through others"}
                )
            seen.add(id(step))
            step = related_or_none(step, "successor")

    @staticmethod
    def carried_on_by(committee_ids, authority_id) -> set[int]:
        """The committees given and every committee that took over their work, through any
        chain of successors: those whose meetings hear what the given ones started. One query
        for the council's committees."""
        successor_of = dict(
            Committee.objects.filter(authority=authority_id, successor__isnull=False).values_list(
                "pk", "successor"
            )
        )
        found = set(committee_ids)
        for committee in list(found):
            while committee in successor_of and successor_of[committee] not in found:
                committee = successor_of[committee]
                found.add(committee)
        return found

    @staticmethod
    def carrying_on(committee) -> set[int]:
        """The committee and every committee whose work it took over, directly or through
        others: the committees whose plans it now follows up."""
        predecessors = {}
        rows = Committee.objects.filter(authority=committee.authority_id, successor__isnull=False)
        for pk, successor in rows.values_list("pk", "successor"):
            predecessors.setdefault(successor, []).append(pk)
        found, waiting = {committee.pk}, [committee.pk]
        while waiting:
            for pk in predecessors.get(waiting.pop(), []):
                if pk not in found:
                    found.add(pk)
                    waiting.append(pk)
        return found


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
        indexes = [
            # Each committee's meetings by date: the next meeting, calendars, the meeting list.
            models.Index(fields=["committee", "date"], name="meeting_committee_date"),
            # Newest first, whatever the committee: the open data feed's newest verdicts (by
            # their meeting's date) are found walking back from today, not by sorting every
            # verdict of the council (PostgreSQL, generated network: 13 to 3 ms).
            models.Index(fields=["-date", "-id"], name="meeting_newest_first"),
        ]

    def __str__(self):
        return f"{self.committee}, {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("followup:meeting_detail", args=[self.pk])

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    def clean(self):
        """A committee meets once on a day: a second meeting on the same date would split the
        items due between two pages."""
        if self.committee_id and self.date and self.same_day_meeting() is not None:
            raise ValidationError(
                {
                    "date": f"{self.committee} already has a meeting on {self.date:%-d %B %Y}: "
                    "open that meeting instead of adding another"
                }
            )

    def same_day_meeting(self):
        """Another meeting of this committee on this meeting's date, if there is one."""
        others = Meeting.objects.filter(committee_id=self.committee_id, date=self.date)
        return others.exclude(pk=self.pk).first() if self.pk else others.first()


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
    directorate = models.CharField(
        "directorate or service area", max_length=200, blank=True, help_text="Officers only"
    )
    email = models.EmailField(blank=True)
    is_council_admin = models.BooleanField(
        "council administrator",
        default=False,
        help_text="Sets up the council's committees, portfolios, people and sign-ins.",
    )
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
        constraints = [
            models.CheckConstraint(
                condition=Q(in_scrutiny_team=False) | Q(kind="officer"),
                name="only_officers_in_scrutiny_team",
            ),
            models.CheckConstraint(
                condition=Q(directorate="") | ~Q(kind="councillor"),
                name="no_directorate_for_councillors",
            ),
        ]

    def __str__(self):
        if self.kind == self.Kind.COUNCILLOR:
            return f"Cllr {self.name}"
        return self.name

    def clean(self):
        errors = {}
        if self.in_scrutiny_team and self.kind != self.Kind.OFFICER:
            errors["in_scrutiny_team"] = "Only an officer can be in the scrutiny team"
        if self.directorate and self.kind == self.Kind.COUNCILLOR:
            errors["directorate"] = "Only an officer has a directorate or service area"
        if self.is_council_admin and not self.authority_id:
            errors["is_council_admin"] = "Only someone at a council can administer it"
        if errors:
            raise ValidationError(errors)

    @property
    def description(self) -> str:
        if self.kind == self.Kind.COUNCILLOR:
            return self.political_group
        return ", ".join(part for part in (self.job_title, self.organisation) if part)


def term_covers(on: datetime.date, via: str = "") -> Q:
    """Terms running on a day: started by then and not yet ended. The one definition of "holds
    the portfolio on that day", for the database (this) and for Python (PortfolioTerm.covers).
    `via` reaches the terms from another model ("recommendation__portfolio__terms__")."""
    return Q(**{f"{via}starts_on__lte": on}) & (
        Q(**{f"{via}ends_on__isnull": True}) | Q(**{f"{via}ends_on__gte": on})
    )


class PortfolioQuerySet(models.QuerySet):
    def held_by(self, person, on: datetime.date | None = None):
        """The portfolios `person` holds on a day (today unless told)."""
        terms = PortfolioTerm.objects.filter(term_covers(on or timezone.localdate()), holder=person)
        return self.filter(pk__in=terms.values("portfolio"))


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

    def holder_on(self, on: datetime.date | None = None):
        """Who held the portfolio on a day (today unless told), or None. Reads prefetched
        `terms` when the list was fetched with them, so a page costs no query per row."""
        on = on or timezone.localdate()
        return next((term.holder for term in related_rows(self, "terms") if term.covers(on)), None)


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

    OVERLAP = "Another term of this portfolio covers part of these dates"

    def clean(self):
        errors = self.own_problems()
        if self.starts_on and "ends_on" not in errors and self._overlapping_terms().exists():
            errors["starts_on"] = self.OVERLAP
        if errors:
            raise ValidationError(errors)

    def own_problems(self) -> dict[str, str]:
        """The rules this term meets on its own, without reading the portfolio's other terms
        (a bulk import checks the overlaps of a whole file against them at once)."""
        errors = {}
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            errors["ends_on"] = "The term cannot end before it starts"
        holder, portfolio = related_or_none(self, "holder"), related_or_none(self, "portfolio")
        if holder and holder.kind != Person.Kind.COUNCILLOR:
            errors["holder"] = "Only a councillor can hold a cabinet portfolio"
        elif holder and portfolio and holder.authority_id != portfolio.authority_id:
            errors["holder"] = "Choose a councillor of the portfolio's council"
        return errors

    def overlaps(self, other: "PortfolioTerm") -> bool:
        """Both terms run on some day (the Python twin of _overlapping_terms)."""
        return (other.ends_on is None or other.ends_on >= self.starts_on) and (
            self.ends_on is None or other.starts_on <= self.ends_on
        )

    def _overlapping_terms(self):
        """Other terms of the portfolio running on any day of this one: it has one holder a day."""
        if not self.portfolio_id:
            return PortfolioTerm.objects.none()
        others = PortfolioTerm.objects.filter(portfolio=self.portfolio_id).exclude(pk=self.pk)
        if self.ends_on:
            others = others.filter(starts_on__lte=self.ends_on)
        return others.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=self.starts_on))

    def covers(self, on: datetime.date) -> bool:
        """The term runs on that day (see term_covers, its database twin)."""
        return self.starts_on <= on and (self.ends_on is None or self.ends_on >= on)


class PasswordLinkAsked(models.Model):
    """Someone asked for a "forgot your password" link: kept a day, so that one address is not
    flooded with links and one machine cannot send them in bulk (services.password_link_refusal).
    The email address is kept only as a digest."""

    address_digest = models.CharField(max_length=64)
    client = models.GenericIPAddressField(null=True, blank=True)
    asked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["address_digest", "asked_at"], name="password_link_by_address"),
            models.Index(fields=["client", "asked_at"], name="password_link_by_client"),
            models.Index(fields=["asked_at"], name="password_link_by_time"),
        ]

    def __str__(self):
        return f"Password link asked at {self.asked_at:%-d %B %Y %H:%M}"
