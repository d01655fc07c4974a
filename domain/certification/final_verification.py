"""`verificacion_final`: every payment that reached a final state was verified at least once after it did
(zonapagos-ws.md §9 step 5, §12 "always verify"; pse.md §4 "on return, always query the status")."""
from __future__ import annotations

from domain.certification.finding import Evidence, Rule, Verdict, judged
from domain.certification.record import Rehearsal


def _check(record: Rehearsal) -> tuple[Verdict, list[Evidence]]:
    violations, learned = [], []
    for payment in record.payments:
        final_at = payment.final_at
        if final_at is None:
            continue
        after = record.verifications_after_final(payment)
        state = int(payment.changes[-1].state)
        if after:
            learned.append(Evidence(f"id_pago {payment.reference}: estado final {state} consultado",
                                    (after[0].entry_id,), (after[0].at,), (payment.payment_id,)))
        else:
            violations.append(Evidence(
                f"id_pago {payment.reference}: llegó al estado final {state} y el comercio no lo consultó después",
                (), (final_at,), (payment.payment_id,)))
    return judged(violations, learned, "Ningún pago llegó a un estado final")


RULE = Rule("verificacion_final", "Cada pago con estado final se verifica después de llegar a él",
            "zonapagos-ws.md §9 (paso 5), §12; pse.md §4", _check)
