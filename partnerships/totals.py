"""What the council gives its partnerships, added up by financial year.

Time is given in hours or days; totals are kept in hours and shown in both, a day being the
council's working day (RegisterSettings.hours_per_day). Money is in pounds.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Sum

from scraip.common.money import format_money

from .models import Contribution, financial_year_label

ZERO = Decimal("0")
OFFICER = Contribution.Kind.OFFICER_TIME
COUNCILLOR = Contribution.Kind.COUNCILLOR_TIME
MONEY = Contribution.Kind.MONEY


@dataclass(frozen=True)
class Time:
    hours: Decimal
    hours_per_day: Decimal

    @property
    def days(self) -> Decimal:
        return self.hours / self.hours_per_day

    def __bool__(self):
        return bool(self.hours)

    def __str__(self):
        if not self.hours:
            return "None"
        return f"{_number(self.days)} days ({_number(self.hours)} hours)"


def _number(value: Decimal) -> str:
    """12.50 prints as 12.5, 7.40540… as 7.4, 1500 as 1,500."""
    rounded = value.quantize(Decimal("0.1"))
    text = f"{rounded:,.1f}"
    return text.removesuffix(".0")


def money_display(amount: Decimal) -> str:
    return format_money(amount) if amount else "None"


@dataclass
class YearTotal:
    year: int
    hours_per_day: Decimal
    hours: dict = field(default_factory=lambda: {OFFICER: ZERO, COUNCILLOR: ZERO})
    money: Decimal = ZERO

    @property
    def label(self) -> str:
        return financial_year_label(self.year)

    @property
    def officer_time(self) -> Time:
        return Time(self.hours[OFFICER], self.hours_per_day)

    @property
    def councillor_time(self) -> Time:
        return Time(self.hours[COUNCILLOR], self.hours_per_day)

    @property
    def money_display(self) -> str:
        return money_display(self.money)

    def add(self, kind: str, unit: str, amount: Decimal) -> None:
        if kind == MONEY:
            self.money += amount
        else:
            days = unit == Contribution.Unit.DAYS
            self.hours[kind] += amount * self.hours_per_day if days else amount


def _by_year(rows, hours_per_day: Decimal) -> list[YearTotal]:
    years: dict[int, YearTotal] = {}
    for year, kind, unit, amount in rows:
        total = years.setdefault(year, YearTotal(year, hours_per_day))
        total.add(kind, unit, amount)
    return [years[year] for year in sorted(years, reverse=True)]


def partnership_totals(contributions, hours_per_day: Decimal) -> list[YearTotal]:
    """One partnership's totals by year, newest first, from its (prefetched) contributions."""
    rows = [(c.year, c.kind, c.unit, c.amount) for c in contributions]
    return _by_year(rows, hours_per_day)


def register_totals(contributions, hours_per_day: Decimal) -> list[YearTotal]:
    """Totals across many partnerships by year, added up by the database in one query."""
    rows = (
        contributions.order_by()
        .values_list("year", "kind", "unit")
        .annotate(total=Sum("amount"))
        .values_list("year", "kind", "unit", "total")
    )
    return _by_year(rows, hours_per_day)


def totals_by_partnership(contributions, hours_per_day: Decimal) -> dict[int, list[YearTotal]]:
    """Each partnership's totals by year, in one query: {partnership pk: [YearTotal…]}."""
    rows = defaultdict(list)
    summed = (
        contributions.order_by()
        .values_list("partnership", "year", "kind", "unit")
        .annotate(total=Sum("amount"))
        .values_list("partnership", "year", "kind", "unit", "total")
    )
    for partnership, *row in summed:
        rows[partnership].append(row)
    return {pk: _by_year(partnership_rows, hours_per_day) for pk, partnership_rows in rows.items()}


@dataclass
class RegisterGiven:
    by_year: list[YearTotal]  # across the register, newest year first
    year: int | None  # the year of `rows`
    rows: list[tuple]  # (partnership, its YearTotal for `year` or None)


def register_given(partnerships: list, hours_per_day: Decimal, year: int | None = None):
    """What the council gave the register's partnerships, by year, and each one's share in
    `year` (the latest year when it is not one with contributions): three queries."""
    contributions = Contribution.objects.filter(partnership__in=[p.pk for p in partnerships])
    by_year = register_totals(contributions, hours_per_day)
    years = [total.year for total in by_year]
    year = year if year in years else (years[0] if years else None)
    shares = totals_by_partnership(contributions.filter(year=year), hours_per_day)
    rows = [(p, (shares.get(p.pk) or [None])[0]) for p in partnerships]
    return RegisterGiven(by_year, year, rows)
