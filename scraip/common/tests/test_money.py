"""Money prints one way everywhere: "£180,000", never "180,000 £"."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from scraip.common.money import format_money


@pytest.mark.parametrize(
    ("amount", "printed"),
    [
        (Decimal("180000"), "£180,000"),
        (Decimal("6608.333"), "£6,608.33"),
        (Decimal("0.5"), "£0.50"),
        (650, "£650"),
        (Decimal("-25"), "-£25"),
        (None, "–"),
    ],
)
def test_money_prints_the_pound_sign_first_with_thousands_separated(amount, printed):
    assert format_money(amount) == printed


def test_the_template_filter_is_the_same_function():
    template = Template("{% load money %}{{ amount|money }}")
    assert template.render(Context({"amount": Decimal("1234567.5")})) == "£1,234,567.50"
