"""Money as UK council papers print it: "£180,000", "£6,608.33", "-£25"; one function for every
page, PDF and export, so no page prints "180,000 £"."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

PENNY = Decimal("0.01")
# Units a measure may be typed in that mean pounds sterling.
POUND_UNITS = frozenset({"£", "pounds", "pound", "gbp", "£s"})


def format_money(amount, blank: str = "–") -> str:
    """£6,608.33, or £650 for whole pounds; `blank` for no amount."""
    if amount is None or amount == "":
        return blank
    try:
        amount = Decimal(amount).quantize(PENNY, rounding=ROUND_HALF_UP)
    except (InvalidOperation, TypeError, ValueError):
        return str(amount)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    pounds, pence = divmod(int(amount * 100), 100)
    text = f"{sign}£{pounds:,}"
    return f"{text}.{pence:02d}" if pence else text


def is_pounds(unit: str) -> bool:
    return (unit or "").strip().lower() in POUND_UNITS
