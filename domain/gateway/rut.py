"""The REST payment page's key: `rut`, 64 upper-case hex digits (zonapagos-ws.md §8a, §9).

The first 16 digits are the payment's `identificador` (so the page finds its payment with one read); the other
48 are 192 random bits drawn from the ids port, kept with the payment and compared in constant time. Knowing
one rut or an identificador does not give another payment's page.
"""
from __future__ import annotations

import hmac
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ports.ids import IdGenerator

LENGTH = 64
_ID_DIGITS = 16
_SECRET_DIGITS = LENGTH - _ID_DIGITS
_SHAPE = re.compile(r"[0-9A-F]{64}", re.ASCII)


def new_rut(identifier: int, ids: IdGenerator) -> str:
    """A fresh rut for the payment `identifier`."""
    secret = int(ids.random_digits(60)) % (16 ** _SECRET_DIGITS)  # 10**60 > 16**48: every value reachable
    return f"{identifier:0{_ID_DIGITS}X}{secret:0{_SECRET_DIGITS}X}"


def identifier_of(rut: str) -> int | None:
    """The payment identifier a well-formed rut names; None for anything else (any case of hex is refused
    but upper, as the URL must not be altered)."""
    if not _SHAPE.fullmatch(rut):
        return None
    return int(rut[:_ID_DIGITS], 16)


def same_rut(given: str, kept: str) -> bool:
    return bool(kept) and hmac.compare_digest(given.encode("ascii", "replace"), kept.encode("ascii"))
