"""Parse `str_res_pago` (V4 layout, zonapagos-ws.md §7a) in its padded and compact forms."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from domain.shared.money import Money
from domain.shared.gateway_records import CardTrace, Payer, PseTrace
from domain.shared.payment_states import PaymentState
from ports.payment_gateway import AttemptRecord

# An attempt ends with `|;|` (compact) or `| ; |` (padded); tolerate any spacing around them.
_ATTEMPT_END = re.compile(r"\|\s*;\s*\|")


class UnreadableResult(ValueError):
    pass


def _money(text: str) -> Money:
    try:
        return Money.of(Decimal(text).quantize(Decimal("0.01")))
    except (InvalidOperation, ValueError):
        raise UnreadableResult(f"valor no numérico en str_res_pago: {text!r}") from None


def parse_attempt(fields: list[str]) -> AttemptRecord:
    if len(fields) < 15:
        raise UnreadableResult(f"un intento de str_res_pago tiene {len(fields)} campos; se esperaban 15 o más")
    try:
        number, state, method = int(fields[0]), PaymentState(int(fields[1])), int(fields[14] or 0)
    except ValueError:
        raise UnreadableResult("número de pago, estado o forma de pago no válidos en str_res_pago") from None
    extras = fields[15:]
    pse = PseTrace(*extras[:6]) if method == 29 and len(extras) >= 6 else None
    card = CardTrace(*extras[:5]) if method == 32 and len(extras) >= 5 else None
    return AttemptRecord(
        number=number, state=state, paid=_money(fields[2]), vat=_money(fields[3]), description=fields[4],
        payer=Payer(fields[5], "", fields[6], fields[7], fields[8], fields[9]),
        optional_fields=(fields[10], fields[11], fields[12]), date=fields[13], method=method, pse=pse, card=card,
    )


def parse_res_pago(text: str | None) -> list[AttemptRecord]:
    """Every attempt in the string; empty for "", None or a bare `|;|`."""
    if not text:
        return []
    attempts = []
    for chunk in _ATTEMPT_END.split(text):
        fields = [f.strip() for f in chunk.split("|")]
        if len(fields) < 2:
            continue
        attempts.append(parse_attempt(fields))
    return attempts
