"""`reintento`: a rejected payment is retried with a new `id_pago`, never the same one (zonapagos-ws.md §12
"one str_id_pago per attempt, never reused", §15 "Retry"). A retry is a later payment of the same payer for the
same order (description and total); a reuse is a new start (accepted or refused as a duplicate) naming the
`id_pago` of a payment that was rejected (a final state other than approved) by then. A repeated start of a payment
still pending or approved is no retry and not judged here."""
from __future__ import annotations

from domain.certification.finding import Evidence, Rule, Verdict, judged
from domain.certification.record import Rehearsal


def _check(record: Rehearsal) -> tuple[Verdict, list[Evidence]]:
    by_reference = {p.reference: p for p in record.payments}
    violations, retried = [], []
    starts = record.starts()
    for index, start in enumerate(starts):
        earlier = [s for s in starts[:index] if s.accepted and s.reference == start.reference]
        payment = by_reference.get(start.reference)
        state = payment.state_at(start.at) if payment is not None and earlier else None
        # only a reuse after a rejection breaks the rule: a repeated start of a payment that is still pending or
        # approved is the gateway's duplicate (the merchant's bug perhaps, but not a retry)
        if payment is None or state is None or not state.is_final or state.is_approved:
            continue
        refused = "" if start.accepted else " (la pasarela lo rechazó por id_pago duplicado)"
        violations.append(Evidence(
            f"Reutiliza el id_pago {start.reference} del pago rechazado ({state.value}) en un nuevo inicio{refused}",
            (earlier[0].entry_id, start.entry_id), (start.at,), (payment.payment_id,)))
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
