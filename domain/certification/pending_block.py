"""`pendiente_bloqueo`: no new payment for the same payer and the same order while one is pending at the bank
(999) or in review (4001): the merchant shows ACH's pending message instead (pse.md §4 "No double payment",
zonapagos-ws.md §10 and §15 "block a new payment while one is pending"). As far as the requests show it: the
payer is the document sent, the order its description and total."""
from __future__ import annotations

from domain.certification.finding import Evidence, Rule, Verdict, judged
from domain.certification.record import Rehearsal
from domain.shared.payment_states import PaymentState

WAITING = (PaymentState.PENDING_FINISH, PaymentState.REVIEW_PENDING)


def _check(record: Rehearsal) -> tuple[Verdict, list[Evidence]]:
    violations = []
    pending = [p for p in record.payments if any(c.state in WAITING for c in p.changes)]
    for new in record.payments:
        for old in pending:
            if old is new or not old.payer or old.payer != new.payer or old.order != new.order:
                continue
            if old.started_at <= new.started_at and old.state_at(new.started_at) in WAITING:
                start = record.start_of(new)
                violations.append(Evidence(
                    f"Inicia el id_pago {new.reference} para el mismo pagador y la misma orden mientras el id_pago "
                    f"{old.reference} está pendiente ({int(old.state_at(new.started_at) or 0)})",
                    (start.entry_id,) if start is not None else (), (new.started_at,),
                    (old.payment_id, new.payment_id)))
    met = [Evidence(f"Ningún pago nuevo mientras {len(pending)} pagos estuvieron pendientes",
                    payments=tuple(p.payment_id for p in pending))] if pending else []
    return judged(violations, met, "Ningún pago quedó pendiente (999 o 4001)")


RULE = Rule("pendiente_bloqueo", "No se inicia otro pago de la misma orden mientras uno está pendiente",
            "pse.md §4 (no double payment); zonapagos-ws.md §10, §15", _check)
