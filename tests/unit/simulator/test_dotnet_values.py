"""Output values as ASP.NET's XmlSerializer writes them, shared by the fast encoder and spyne."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from simulator.soap.dotnet_values import datetime_text, double_text


@pytest.mark.parametrize(("value", "text"), [
    (Decimal("12500"), "12500"), (Decimal("12500.00"), "12500"), (Decimal("10505011.50"), "10505011.5"),
    (Decimal("0"), "0"), (Decimal("-0.00"), "0"), (12500.0, "12500"), (0.1, "0.1"), (7, "7"),
    (Decimal("1E+4"), "10000"),
])
def test_doubles_are_written_in_their_shortest_form_without_a_trailing_zero(value, text):
    assert double_text(value) == text


def test_datetimes_are_written_to_the_second_without_an_offset():
    bogota = timezone(timedelta(hours=-5))
    assert datetime_text(datetime(2026, 4, 21, 12, 58, 41, 987654, tzinfo=bogota)) == "2026-04-21T12:58:41"
