"""`sonda_fin`: polling stops once a payment's state is final (1, 1000, 1001, 4000, 4003; zonapagos-ws.md §10).

The first verification after the final state is how the merchant learns it (`verificacion_final`); a
verification more than `settle` after that one is the sonda still polling a payment that had ended. Within
`settle` it is the result page read again, or the payer asking for the state (§15 lets them).
"""
from __future__ import annotations

from datetime import timedelta

from domain.certification.finding import Check, Evidence, Rule, Verdict, judged
from domain.certification.record import Rehearsal

SETTLE = timedelta(minutes=2)


def check_with(settle: timedelta) -> Check:
    def check(record: Rehearsal) -> tuple[Verdict, list[Evidence]]:
        violations, stopped = [], []
        for payment in record.payments:
            after = record.verifications_after_final(payment)
            if not after:
                continue
            late = [v for v in after[1:] if v.at - after[0].at > settle]
            if late:
                violations.append(Evidence(
                    f"id_pago {payment.reference}: sigue consultando el pago después de su estado final "
                    f"{int(payment.changes[-1].state)} ({len(late)} consultas)",
                    tuple(v.entry_id for v in late), tuple(v.at for v in late), (payment.payment_id,)))
            else:
                stopped.append(payment.payment_id)
        met = [Evidence(f"La sonda se detuvo en {len(stopped)} pagos con estado final", payments=tuple(stopped))
               ] if stopped else []
        return judged(violations, met, "Ningún pago llegó a un estado final que el comercio consultara")
    return check


RULE = Rule("sonda_fin", "La sonda se detiene cuando el estado es final", "zonapagos-ws.md §10 (detener en 1, 1000, "
            "1001, 4000, 4003)", check_with(SETTLE))
