"""How the network's Portal Transaccional writes amounts and dates (pse-coopcentral.md sample screens).

Unlike the rest of the simulated world (`Money.format`, `$1.062.500,00`), this portal writes comma
thousands and a dot for the decimals: `$1,062,500.00`; dates of the payment summary as `yyyymmdd`.
"""
from __future__ import annotations

from datetime import datetime

from domain.shared.money import Money
from domain.ach.transaction import COLOMBIA


def network_amount(money: Money) -> str:
    """`$1,062,500.00` (a negative amount `-$1,500.00`)."""
    sign = "-" if money.amount < 0 else ""
    return f"{sign}${abs(money.amount):,.2f}"


def network_day(moment: datetime) -> str:
    """`20261123`: the Colombian calendar day (Fecha Solicitud)."""
    return _local(moment).strftime("%Y%m%d")


def network_moment(moment: datetime | None) -> str:
    """`20261123 10:05:12`: Colombian time to the second (Fecha pago, last access)."""
    return _local(moment).strftime("%Y%m%d %H:%M:%S") if moment else ""


def _local(moment: datetime) -> datetime:
    return moment.astimezone(COLOMBIA) if moment.tzinfo else moment
