"""`str_res_pago` of verificar_pago_v4 (zonapagos-ws.md §7a): one attempt per group of fields (the gateway's own
report format, in the domain so the verification read model can be written with the state change).

Padded form (default, as the vendor's own plugins split it): `a | b | ; | a2 | b2 | ; |`.
Compact form (per merchant): `a|b|;|a2|b2|;|`.
"""
from __future__ import annotations

from domain.gateway.payment import Attempt, Payment
from domain.shared.payment_states import PaymentMethod

DATE_FORMAT = "%d/%m/%Y %H:%M:%S"


def _clean(text: str) -> str:
    # The format has no escaping; the start call refuses these characters, this is a second guard.
    return text.replace("|", " ").replace(";", ",")


def attempt_fields(payment: Payment, attempt: Attempt) -> list[str]:
    """The 15 base fields of an attempt plus the extras of its payment method.

    `dat_fecha` is the time of the attempt's last state change (when it was paid or rejected).
    """
    at = attempt.history[-1].at if attempt.history else attempt.started_at
    payer = payment.payer
    fields = [
        str(attempt.number),
        str(int(attempt.state)),
        payment.paid_by(attempt).plain(),  # the total, or the attempt's fraction of a split payment
        payment.vat.plain(),
        _clean(payment.description),
        _clean(payer.document_number),
        _clean(payer.first_names),
        _clean(payer.last_names),
        _clean(payer.phone),
        _clean(payer.email),
        *(_clean(value) for value in payment.optional_fields),
        at.strftime(DATE_FORMAT),
        str(int(attempt.method)) if attempt.method is not None else "0",
    ]
    if attempt.method is PaymentMethod.PSE and attempt.pse is not None:
        pse = attempt.pse
        fields += [pse.ticket_id, pse.service_code, pse.bank_code, _clean(pse.bank_name), pse.cus, pse.cycle]
    elif attempt.method is PaymentMethod.CARD and attempt.card is not None:
        card = attempt.card
        fields += [card.ticket_id, card.last_four, card.franchise, card.approval_code, card.receipt_number]
    return fields


def encode_attempts(groups: list[list[str]], compact: bool) -> str:
    if compact:
        return "".join("|".join(fields) + "|;|" for fields in groups)
    return " ".join(" | ".join(fields) + " | ; |" for fields in groups)
