"""The cost table of a review, as seed 003 sets one out: support days per activity at a day rate,
some shared between the councils taking part, and what each council pays.

Who pays a line:
- shared: split equally between the participating authorities;
- paid by one council: that council alone;
- neither: each participating authority pays it in full (seed 003's workshops held "in the three
  pilot areas", one in each).
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

PENNY = Decimal("0.01")


@dataclass(frozen=True)
class CostLine:
    item: object  # a CostItem
    day_rate: Decimal | None
    cost: Decimal | None  # days × rate, once; None while no rate is known
    payers: tuple  # the authorities that pay it
    shared: bool

    @property
    def payers_display(self) -> str:
        if self.shared:
            return "Shared equally"
        if len(self.payers) == 1:
            return self.payers[0].short_name or self.payers[0].name
        return "Each council in full"


@dataclass(frozen=True)
class CostTable:
    lines: list[CostLine]
    per_authority: list[tuple[object, Decimal]]  # (authority, what it pays), by name
    total_days: Decimal
    total: Decimal  # what the councils pay between them
    missing_rate: bool  # some line has no day rate, so the sums leave it out

    @property
    def cost_per_authority_is_equal(self) -> bool:
        return len({amount for _, amount in self.per_authority}) <= 1


def _money(amount: Decimal) -> Decimal:
    return amount.quantize(PENNY, rounding=ROUND_HALF_UP)


def cost_table(items, *, authorities, default_day_rate: Decimal | None) -> CostTable:
    authorities = sorted(authorities, key=lambda authority: authority.name)
    owed = {authority.pk: Decimal("0") for authority in authorities}
    lines = []
    for item in items:
        rate = item.day_rate if item.day_rate is not None else default_day_rate
        cost = item.support_days * rate if rate is not None else None
        if item.shared or item.borne_by_id is None:
            payers = tuple(authorities)
        else:
            payers = tuple(a for a in authorities if a.pk == item.borne_by_id) or (item.borne_by,)
        if cost is not None:
            for payer in payers:
                share = cost / len(payers) if item.shared else cost
                owed[payer.pk] = owed.get(payer.pk, Decimal("0")) + share
        lines.append(CostLine(item, rate, cost, payers, item.shared))
    per_authority = [(authority, _money(owed[authority.pk])) for authority in authorities]
    return CostTable(
        lines=lines,
        per_authority=per_authority,
        total_days=sum((item.support_days for item in items), Decimal("0")),
        total=_money(sum(owed.values(), Decimal("0"))),
        missing_rate=any(line.cost is None for line in lines),
    )
