"""`reintento`: a rejected payment is retried with a new `id_pago`, never the same one (zonapagos-ws.md §12
"one str_id_pago per attempt, never reused", §15 "Retry"). A retry is a later payment of the same payer for the
same order (description and total); a reuse is a start naming an `id_pago` an earlier accepted start used."""
from __future__ import annotations

from domain.certification.finding import Evidence, Rule, Verdict, judged
from domain.certification.record import Rehearsal


def _check(record: Rehearsal) -> tuple[Verdict, list[Evidence]]:
    by_reference = {p.reference: p for p in record.payments}
    violations, retried = [], []
    starts = record.starts()
    for index, start in enumerate(starts):
        earlier = [s for s in starts[:index] if s.accepted and s.reference == start.reference]
        if start.reference and earlier:
            payment = by_reference.get(start.reference)
            violations.append(Evidence(
                f"Reutiliza el id_pago {start.reference} en un nuevo inicio",
                (earlier[0].entry_id, start.entry_id), (start.at,),
                (payment.payment_id,) if payment is not None else ()))
    for payment in record.payments:
        final_at = payment.final_at
        if final_at is None or payment.changes[-1].state.is_approved:
            continue
        # the same payer paying the same order again: a later payment with the same payer and order
        again = [p for p in record.payments if p.started_at >= final_at and p.reference != payment.reference
                 and p.payer == payment.payer and p.order == payment.order]
        if again:
            retry_start = record.start_of(again[0])
            retried.append(Evidence(f"Tras el rechazo del id_pago {payment.reference} reintenta con el id_pago "
                                    f"{again[0].reference}", (retry_start.entry_id,) if retry_start else (),
                                    (again[0].started_at,), (payment.payment_id, again[0].payment_id)))
    return judged(violations, retried, "Ningún pago rechazado fue reintentado")


RULE = Rule("reintento", "Un pago rechazado se reintenta con un id_pago nuevo",
            "zonapagos-ws.md §12, §15 (reintento)", _check)
