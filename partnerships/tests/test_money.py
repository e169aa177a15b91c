"""Amounts in pounds print as money on the register's pages and PDFs."""

from decimal import Decimal

from partnerships.models import Benefit, Contribution


def test_a_benefit_counted_in_pounds_prints_as_money():
    benefit = Benefit(measure="Savings", value=Decimal("180000"), unit="£")
    assert benefit.value_display == "£180,000"
    assert Benefit(measure="Homes", value=Decimal("120"), unit="homes").value_display == "120 homes"


def test_a_contribution_in_pounds_prints_as_money():
    contribution = Contribution(kind="money", unit="pounds", amount=Decimal("60000.00"))
    assert contribution.amount_display == "£60,000"
