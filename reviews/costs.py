"""The cost table of a review, as seed 003 sets one out: support days per activity at a day rate,
some shared between the councils taking part, and what each council pays.

Who pays a line:
- shared: split equally between the participating authorities;
- paid by one council: that council alone;
- neither: the activity happens once in each participating authority (seed 003's workshops held
  "in the three pilot areas", one in each), so the line costs its days × rate once per council
  and each council pays its own.

Every figure is the sum of what it is made of, and says so: a line's cost is its days × rate
(× councils), the total is the sum of the lines, each council's cost is its share of the shared
lines plus the lines it pays, and the councils' costs add up to the total to the penny (a shared
line's odd pennies go to the first councils by name).
"""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from scraip.common.money import format_money

PENNY = Decimal("0.01")
ZERO = Decimal("0")


def days_text(days: Decimal) -> str:
    number = f"{days.normalize():f}"
    return f"{number} day{'' if number == '1' else 's'}"


@dataclass(frozen=True)
class CostLine:
    item: object  # a CostItem
    day_rate: Decimal | None
    cost: Decimal | None  # days × rate × times; None while no rate is known
    payers: tuple  # the authorities that pay it
    shared: bool
    times: int = 1  # how many times the activity happens: once per council when each pays

    @property
    def payers_display(self) -> str:
        if self.shared:
            return "Shared equally"
        if len(self.payers) == 1:
            return self.payers[0].short_name or self.payers[0].name
        return "Each council in full"

    @property
    def days(self) -> Decimal:
        """The support days the line buys: its days once per council when each council has it."""
        return self.item.support_days * self.times

    @property
    def arithmetic(self) -> str:
        """ "1.5 days × £350 × 3 councils = £1,575", for a reader to check."""
        if self.day_rate is None:
            return "No day rate: left out of the sums"
        sum_ = f"{days_text(self.item.support_days)} × {format_money(self.day_rate)}"
        if self.times > 1:
            sum_ += f" × {self.times} councils"
        return f"{sum_} = {format_money(self.cost)}"


@dataclass(frozen=True)
class AuthorityCost:
    authority: object
    shared_share: Decimal  # its part of the shared lines
    own: Decimal  # the lines it pays in full
    amount: Decimal
    shared_total: Decimal
    councils: int

    def __iter__(self):  # unpacks as (authority, amount), as the templates read it
        return iter((self.authority, self.amount))

    @property
    def arithmetic(self) -> str:
        """ "£3,500 ÷ 3 + £525 = £1,691.67"; the pennies of a split shown as rounded."""
        parts = []
        if self.shared_total:
            parts.append(f"{format_money(self.shared_total)} ÷ {self.councils}")
        if self.own or not parts:
            parts.append(format_money(self.own))
        if len(parts) == 1 and not self.shared_total:
            return format_money(self.amount)
        return f"{' + '.join(parts)} = {format_money(self.amount)}"


@dataclass(frozen=True)
class CostTable:
    lines: list[CostLine]
    per_authority: list[AuthorityCost]  # by name
    total_days: Decimal
    total: Decimal  # the sum of the lines, and of what the councils pay
    missing_rate: bool  # some line has no day rate, so the sums leave it out

    @property
    def cost_per_authority_is_equal(self) -> bool:
        return len({cost.amount for cost in self.per_authority}) <= 1

    @property
    def lines_arithmetic(self) -> str:
        """ "£2,800 + £1,575 + £700 = £5,075"."""
        costs = [line.cost for line in self.lines if line.cost is not None]
        if len(costs) < 2:
            return format_money(self.total)
        return f"{' + '.join(format_money(c) for c in costs)} = {format_money(self.total)}"


def split_in_pennies(amount: Decimal, ways: int) -> list[Decimal]:
    """`amount` in `ways` parts of whole pennies that add up to it exactly."""
    base = (amount / ways).quantize(PENNY, rounding=ROUND_DOWN)
    left = int((amount - base * ways) / PENNY)
    return [base + (PENNY if index < left else ZERO) for index in range(ways)]


def cost_table(items, *, authorities, default_day_rate: Decimal | None) -> CostTable:
    authorities = sorted(authorities, key=lambda authority: authority.name)
    shared_share = {authority.pk: ZERO for authority in authorities}
    own = {authority.pk: ZERO for authority in authorities}
    shared_total = ZERO
    lines = []
    for item in items:
        rate = item.day_rate if item.day_rate is not None else default_day_rate
        if item.shared or item.borne_by_id is None:
            payers = tuple(authorities)
        else:
            payers = tuple(a for a in authorities if a.pk == item.borne_by_id) or (item.borne_by,)
        times = 1 if item.shared or len(payers) <= 1 else len(payers)
        cost = None
        if rate is not None:
            once = (item.support_days * rate).quantize(PENNY)
            cost = once * times
            if item.shared and payers:
                shared_total += cost
            else:
                for payer in payers:
                    own[payer.pk] = own.get(payer.pk, ZERO) + once
        lines.append(CostLine(item, rate, cost, payers, item.shared, times))
    if authorities:
        for authority, share in zip(
            authorities, split_in_pennies(shared_total, len(authorities)), strict=True
        ):
            shared_share[authority.pk] = share
    per_authority = [
        AuthorityCost(
            authority,
            shared_share[authority.pk],
            own[authority.pk],
            shared_share[authority.pk] + own[authority.pk],
            shared_total,
            len(authorities),
        )
        for authority in authorities
    ]
    return CostTable(
        lines=lines,
        per_authority=per_authority,
        total_days=sum((line.days for line in lines), ZERO),
        total=sum((line.cost for line in lines if line.cost is not None), ZERO),
        missing_rate=any(line.cost is None for line in lines),
    )
