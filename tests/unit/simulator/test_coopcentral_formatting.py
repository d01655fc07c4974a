"""The network portal writes amounts with comma thousands and dot decimals (`$1,062,500.00`) and dates
as `yyyymmdd`, unlike Money.format (`$1.062.500,00`)."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

from hypothesis import given, strategies as st

from domain.shared.money import Money
from simulator.coopcentral.formatting import network_amount, network_day, network_moment


def test_amounts_as_the_sample_screens_show_them():
    assert network_amount(Money.of("1062500")) == "$1,062,500.00"
    assert network_amount(Money.of("149310")) == "$149,310.00"
    assert network_amount(Money.of("0.5")) == "$0.50"
    assert network_amount(Money.of("-1500")) == "-$1,500.00"
    assert Money.of("1062500").format() == "$1.062.500,00"  # the rest of the world keeps its own format


@given(st.integers(min_value=-10**14, max_value=10**14))
def test_any_amount_reads_back_to_itself(centavos):
    money = Money(Decimal(centavos) / 100)
    text = network_amount(money)
    whole, _, fraction = text.lstrip("-$").partition(".")
    assert len(fraction) == 2 and all(len(g) == 3 for g in whole.split(",")[1:]) and 1 <= len(whole.split(",")[0]) <= 3
    assert Decimal(text.replace("$", "").replace(",", "")) == money.amount


def test_dates_are_colombian_days():
    late_utc = datetime(2026, 11, 24, 3, 30, tzinfo=timezone.utc)  # still the 23rd in Bogotá
    assert network_day(late_utc) == "20261123"
    assert network_moment(late_utc) == "20261123 22:30:00"
    assert network_moment(None) == ""

