"""`str_res_pago` of the REST `VerificacionPago` (zonapagos-ws.md §7b): 21 base fields per attempt, then the
extras of its method (the same extras as V4's), `|` between fields and `|;|` after each attempt.

Not interchangeable with V4's layout (domain/gateway/res_pago.py): it starts with `int_ped_numero` (the
payment's identificador), adds `int_pago_parcial` (always 1: what it counts for split payments is not
documented), `int_pago_terminado` (1 once the attempt is final, 200 while it is open, 2 for an approved fraction of
a split payment with a balance left), `dbl_total_pago` and `str_campo4`/`str_campo5`. A card's `str_franquicia` is
written as §7b spells it (`Visa`, `Master Card`, `American Express`, `Diners Club`), whatever the spelling stored
(the card page stores the seed's `VISA`, which V4's layout keeps).
"""
from __future__ import annotations

from domain.gateway.payment import Attempt, Payment
from domain.shared.payment_states import PaymentMethod
from domain.gateway.res_pago import DATE_FORMAT, attempt_fields

FINISHED = "1"
STARTED = "200"
MIXED_PENDING = "2"
# §7b's franchise names, by the stored name without spaces or case
REST_FRANCHISES = {"VISA": "Visa", "MASTERCARD": "Master Card", "AMERICANEXPRESS": "American Express",
                   "AMEX": "American Express", "DINERSCLUB": "Diners Club", "DINERS": "Diners Club"}
FRANCHISE_EXTRA = 2  # ticket, last four, franchise, approval, receipt


def rest_franchise(stored: str) -> str:
    """A franchise as §7b spells it; an unknown name as stored."""
    return REST_FRANCHISES.get("".join(stored.split()).upper(), stored)


def _clean(text: str) -> str:
    return text.replace("|", " ").replace(";", ",")


def _finished(payment: Payment, attempt: Attempt) -> str:
    """`int_pago_terminado`: 200 while the attempt is open, 2 for an approved fraction while a balance remains
    (mixto pendiente), 1 otherwise."""
    if not attempt.state.is_final:
        return STARTED
    if attempt.state.is_approved and not payment.is_paid:
        return MIXED_PENDING
    return FINISHED


def rest_attempt_fields(payment: Payment, attempt: Attempt) -> list[str]:
    """The 21 base fields and the method's extras of one attempt."""
    v4 = attempt_fields(payment, attempt)  # 15 base fields (n_pago … forma_pago) and the extras
    at = attempt.history[-1].at if attempt.history else attempt.started_at
    campo4, campo5 = (_clean(value) for value in payment.settings.extra_optional)
    return [
        str(payment.identifier),  # int_ped_numero
        v4[0],  # int_n_pago
        "1",  # int_pago_parcial
        _finished(payment, attempt),  # int_pago_terminado
        v4[1],  # int_estado_pago
        v4[2],  # dbl_valor_pagado
        payment.total.plain(),  # dbl_total_pago
        v4[3],  # dbl_valor_iva_pagado
        *v4[4:10],  # descripcion, id_cliente, nombre, apellido, telefono, email
        *v4[10:13], campo4, campo5,  # str_campo1 … str_campo5
        at.strftime(DATE_FORMAT),  # dat_fecha (Colombia time, as the simulated clock keeps it)
        v4[14],  # int_id_forma_pago
        *_rest_extras(attempt, v4[15:]),  # the method's extras
    ]


def _rest_extras(attempt: Attempt, extras: list[str]) -> list[str]:
    if attempt.method is PaymentMethod.CARD and len(extras) > FRANCHISE_EXTRA:
        extras = [*extras[:FRANCHISE_EXTRA], rest_franchise(extras[FRANCHISE_EXTRA]), *extras[FRANCHISE_EXTRA + 1:]]
    return extras


def encode_rest(payment: Payment, attempts: list[Attempt]) -> str:
    return "".join("|".join(rest_attempt_fields(payment, attempt)) + "|;|" for attempt in attempts)
