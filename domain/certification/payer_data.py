"""`datos_pagador`: every PSE start sends the payer's document number and type and the VAT
(zonapagos-ws.md §15 "Payer data sent", §8a; SOAP `id_cliente`, `tipo_id`, `valor_iva`). A REST card
registration (AdicionalesConfiguracion 200 = "1", §13) starts no payment and is not judged."""
from __future__ import annotations

from domain.certification.finding import Evidence, Rule, Verdict, judged
from domain.certification.record import Rehearsal, Request, Wire

# The names each wire gives the three fields, in the order the note lists them.
REQUIRED: dict[Wire, tuple[str, ...]] = {
    Wire.SOAP: ("id_cliente", "tipo_id", "valor_iva"),
    Wire.REST: ("str_id_cliente", "str_tipo_id", "flt_valor_iva"),
}


def missing_payer_data(request: Request) -> list[str]:
    """The required payer fields a start did not send (blank counts as not sent; a VAT of 0 is sent)."""
    return [name for name in REQUIRED[request.wire] if not request.sent(name)]


def _check(record: Rehearsal) -> tuple[Verdict, list[Evidence]]:
    ids = {p.reference: p.payment_id for p in record.payments}
    violations, checked = [], []
    for start in record.starts():
        if not start.accepted or start.card_registration:  # a card registration is no PSE payment (§13)
            continue
        checked.append(start)
        missing = missing_payer_data(start)
        if missing:
            payment = ids.get(start.reference)
            violations.append(Evidence(
                f"El inicio del id_pago {start.reference} no envía {', '.join(missing)}",
                (start.entry_id,), (start.at,), (payment,) if payment is not None else ()))
    met = [Evidence(f"{len(checked)} inicios envían los datos del pagador",
                    tuple(s.entry_id for s in checked), (), tuple(ids[s.reference] for s in checked
                                                               if s.reference in ids))] if checked else []
    return judged(violations, met, "El comercio no inició ningún pago")


RULE = Rule("datos_pagador", "Datos del pagador en cada inicio de pago PSE",
            "zonapagos-ws.md §15 (datos del pagador), §8a", _check)
