"""Output values written as ASP.NET's XmlSerializer writes them; both encoders (fast and spyne) use these.

A double is written in its shortest round-trip form (`12500`, `10505011.5`, never `12500.0`). A
dateTime read from the gateway's database has no kind, so it is written without an offset, in
Bogotá time, to the second (`2026-11-23T10:00:00`).
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal


def double_text(value: Decimal | float | int) -> str:
    exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    text = format(exact.normalize(), "f")
    return "0" if text in ("-0", "0") else text


def datetime_text(value: datetime) -> str:
    return value.replace(tzinfo=None, microsecond=0).isoformat()


class DotNetDouble:
    """spyne's `str_format` hook: spyne calls `.format(value)` to write a Double."""

    @staticmethod
    def format(value: Decimal | float | int) -> str:
        return double_text(value)


class DotNetDateTime:
    """spyne's `str_format` hook for a DateTime."""

    @staticmethod
    def format(value: datetime) -> str:
        return datetime_text(value)
