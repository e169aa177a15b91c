"""The rows people add to a partnership on its own page: who is in it, what the council gives
and gets, and its annual reports. (Outcomes are in outcomes.py, risks and the committee's
reviews in oversight.py.)"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

from scraip.common.money import format_money, is_pounds
from scraip.common.softdelete import NOT_DELETED
from scraip.common.uploads import FileCheck, SafeUploadTo
from scraip.councils.models import Person

from .register import Partnership, PartnershipItem, related
from .years import REPORT_TYPES, financial_year_field, financial_year_label


class Partner(PartnershipItem):
    """An organisation in the partnership besides the council."""

    class Sector(models.TextChoices):
        PUBLIC = "public", "Public sector"
        VOLUNTARY = "voluntary", "Voluntary and community sector"
        PRIVATE = "private", "Private sector"
        OTHER = "other", "Other"

    anchor = "partners"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="partners")
    organisation = models.CharField(max_length=200)
    sector = models.CharField(max_length=20, choices=Sector.choices)
    role = models.CharField("role in the partnership", max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation", "pk"]

    def __str__(self):
        return self.organisation


class Representative(PartnershipItem):
    """A councillor or officer who represents the council in the partnership."""

    anchor = "representatives"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="representatives"
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="partnership_roles")
    role = models.CharField(max_length=200, help_text="For example, board member or substitute.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["person__kind", "person__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "person"],
                condition=NOT_DELETED,
                name="one_role_per_representative",
                violation_error_message="That person is already listed as a representative.",
            )
        ]

    def __str__(self):
        return f"{self.person}, {self.role}"

    def clean(self):
        """One of the council's people, listed once."""
        if not (related(self, "partnership") and self.person_id):
            return
        errors = self.person_errors(person=self.person)
        taken = Representative.objects.filter(partnership=self.partnership_id, person=self.person)
        if taken.exclude(pk=self.pk).exists():
            errors["person"] = f"{self.person} is already listed as a representative"
        if errors:
            raise ValidationError(errors)


class Contribution(PartnershipItem):
    """Time or money the council gave a partnership in one financial year, by one person or
    in total."""

    class Kind(models.TextChoices):
        OFFICER_TIME = "officer_time", "Officer time"
        COUNCILLOR_TIME = "councillor_time", "Councillor time"
        MONEY = "money", "Money"

    class Unit(models.TextChoices):
        HOURS = "hours", "Hours"
        DAYS = "days", "Days"
        POUNDS = "pounds", "Pounds (£)"

    # Whose time each kind of time is.
    GIVEN_BY = {
        Kind.OFFICER_TIME: (Person.Kind.OFFICER, "an officer"),
        Kind.COUNCILLOR_TIME: (Person.Kind.COUNCILLOR, "a councillor"),
    }

    anchor = "contributions"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="contributions"
    )
    year = financial_year_field()
    kind = models.CharField(max_length=20, choices=Kind.choices)
    person = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="partnership_contributions",
        help_text="Leave blank for a total.",
    )
    amount = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"), message="The amount cannot be negative")],
    )
    unit = models.CharField(max_length=10, choices=Unit.choices)
    note = models.CharField(max_length=300, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "kind", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="contribution_is_not_negative",
                violation_error_message="The amount cannot be negative.",
            ),
            models.CheckConstraint(
                condition=Q(kind="money", unit="pounds")
                | (~Q(kind="money") & Q(unit__in=["hours", "days"])),
                name="contribution_unit_fits_kind",
                violation_error_message="Give time in hours or days, and money in pounds.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="money", person__isnull=False),
                name="money_is_given_by_the_council",
                violation_error_message="Money is given by the council: leave this as “In total”",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.year_label}: {self.amount_display}"

    def clean(self):
        """Time in hours or days, money in pounds; money from the council as a whole, time from
        one of its officers or councillors as the kind says."""
        errors = {}
        money = self.kind == self.Kind.MONEY
        if self.kind and self.unit:
            if money and self.unit != self.Unit.POUNDS:
                errors["unit"] = "Give money in pounds"
            elif not money and self.unit == self.Unit.POUNDS:
                errors["unit"] = "Give time in hours or days"
        person = self.person if self.person_id else None
        if person and money:
            errors["person"] = "Money is given by the council: leave this as “In total”"
        elif person and self.kind in self.GIVEN_BY:
            kind, who = self.GIVEN_BY[self.kind]
            if person.kind != kind:
                errors["person"] = f"{person} is not {who}"
        errors = self.person_errors(person=person) | errors
        if errors:
            raise ValidationError(errors)

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    @property
    def amount_display(self) -> str:
        if self.unit == self.Unit.POUNDS:
            return format_money(self.amount)
        return f"{self.amount.normalize():f} {self.get_unit_display().lower()}"

    def hours(self, hours_per_day: Decimal) -> Decimal:
        return self.amount * hours_per_day if self.unit == self.Unit.DAYS else self.amount


class Benefit(PartnershipItem):
    """What the council gets from a partnership in a year: in words, and where it can be
    counted, as a measure with a value and unit."""

    anchor = "benefits"

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="benefits")
    year = financial_year_field()
    description = models.TextField("the benefit")
    measure = models.CharField(max_length=200, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    unit = models.CharField(max_length=60, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure="", value__isnull=True, unit="")
                | (~Q(measure="") & Q(value__isnull=False)),
                name="benefit_measure_has_a_value",
                violation_error_message="A measured benefit needs what is counted and its value.",
            )
        ]

    def __str__(self):
        return self.description[:80]

    def clean(self):
        """A benefit counted says what it counts, and its value; a unit comes with a measure."""
        errors = {}
        self.measure = (self.measure or "").strip()
        self.unit = (self.unit or "").strip()
        if self.measure and self.value is None:
            errors["value"] = "Enter the value of the measure"
        if not self.measure and (self.value is not None or self.unit):
            errors["measure"] = "Say what the value counts"
        if errors:
            raise ValidationError(errors)

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)

    @property
    def is_quantitative(self) -> bool:
        return self.value is not None

    @property
    def value_display(self) -> str:
        if self.value is None:
            return ""
        if is_pounds(self.unit):
            return format_money(self.value)
        number = f"{self.value.normalize():,f}"
        return f"{number} {self.unit}".strip()


class AnnualReport(PartnershipItem):
    """The partnership's annual report for one financial year."""

    anchor = "annual-reports"

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="annual_reports"
    )
    year = financial_year_field()
    title = models.CharField(max_length=300)
    file = models.FileField(
        upload_to=SafeUploadTo("partnerships"),
        validators=[FileCheck(REPORT_TYPES)],
        max_length=255,
    )
    original_name = models.CharField(max_length=255, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="partnership_reports_uploaded",
        editable=False,
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "year"],
                condition=NOT_DELETED,
                name="one_annual_report_a_year",
                violation_error_message="There is already an annual report for that year.",
            )
        ]

    def __str__(self):
        return f"{self.title} ({self.year_label})"

    def clean(self):
        """One report a year: a replacement comes after the old one is removed."""
        if self.partnership_id and self.year:
            taken = AnnualReport.objects.filter(partnership=self.partnership_id, year=self.year)
            if taken.exclude(pk=self.pk).exists():
                raise ValidationError(
                    {
                        "year": f"There is already an annual report for {self.year_label}. "
                        "Remove it first if this one replaces it."
                    }
                )

    @property
    def year_label(self) -> str:
        return financial_year_label(self.year)
