"""`sonda_frecuencia`: a pending payment (888, 999, 4001) is not polled more often than zonapagos-ws.md §10
allows, on the simulated clock: not before 7 minutes from its start (except the check right after the
payer's return), then at least 10 minutes apart for online methods and an hour apart for in-person ones.

The payer's return is the moment the payment changed state (the payer left the bank or card page and the
gateway sent the browser back): the first verification within `return_grace` of a change is that return's
check, not a sonda poll. Polls are measured against the previous sonda poll of the same payment.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.certification.finding import Check, Evidence, Rule, Verdict, judged
from domain.certification.record import PaymentHistory, Rehearsal, Request
from domain.shared.payment_states import PaymentMethod

IN_PERSON = frozenset({PaymentMethod.PDF, PaymentMethod.GANA, PaymentMethod.MEFIA})


@dataclass(frozen=True)
class SondaTimings:
    first_poll_after: timedelta = timedelta(minutes=7)
    online_interval: timedelta = timedelta(minutes=10)  # the low end of §10's 10–15 minutes
    in_person_interval: timedelta = timedelta(hours=1)
    return_grace: timedelta = timedelta(minutes=2)

    def interval_for(self, method: PaymentMethod | None) -> timedelta:
        return self.in_person_interval if method in IN_PERSON else self.online_interval


@dataclass(frozen=True)
class Poll:
    request: Request
    payment: PaymentHistory
    problem: str = ""  # why it came too early ("" when it respected the schedule)


def _is_return_check(payment: PaymentHistory, verification: Request, earlier: list[Request],
                     timings: SondaTimings) -> bool:
    for change in payment.changes[1:]:  # the first change is the start itself, not a return
        if change.at <= verification.at <= change.at + timings.return_grace:
            return not any(change.at <= e.at for e in earlier)
    return False


def _seconds(delta: timedelta) -> str:
    return f"{int(delta.total_seconds())} s"


def polls_of(payment: PaymentHistory, verifications: list[Request], timings: SondaTimings) -> list[Poll]:
    """The sonda polls of `payment` while it was pending, each judged against the schedule."""
    polls: list[Poll] = []
    last: datetime | None = None
    for index, verification in enumerate(verifications):
        state = payment.state_at(verification.at)
        if state is None or state.is_final:
            continue
        if _is_return_check(payment, verification, verifications[:index], timings):
            continue
        since_start = verification.at - payment.started_at
        interval = timings.interval_for(payment.method)
        problem = ""
        if since_start < timings.first_poll_after:
            problem = (f"consulta el pago pendiente {_seconds(since_start)} después de iniciarlo "
                       f"(antes de {_seconds(timings.first_poll_after)})")
        elif last is not None and verification.at - last < interval:
            problem = (f"consulta el pago pendiente {_seconds(verification.at - last)} después de la consulta "
                       f"anterior (mínimo {_seconds(interval)})")
        polls.append(Poll(verification, payment, problem))
        last = verification.at
    return polls


def check_with(timings: SondaTimings) -> Check:
    def check(record: Rehearsal) -> tuple[Verdict, list[Evidence]]:
        violations, fine = [], []
        for payment in record.payments:
            for poll in polls_of(payment, record.verifications_of(payment.reference), timings):
                if poll.problem:
                    violations.append(Evidence(f"id_pago {payment.reference}: {poll.problem}",
                                               (poll.request.entry_id,), (poll.request.at,), (payment.payment_id,)))
                else:
                    fine.append(poll)
        met = [Evidence(f"{len(fine)} consultas de pagos pendientes respetan los tiempos de la sonda",
                        tuple(p.request.entry_id for p in fine), (),
                        tuple(sorted({p.payment.payment_id for p in fine})))] if fine else []
        return judged(violations, met, "El comercio no consultó ningún pago pendiente")
    return check


RULE = Rule("sonda_frecuencia", "La sonda respeta los tiempos de consulta de los pagos pendientes",
            "zonapagos-ws.md §10; pse.md §4 (sonda)", check_with(SondaTimings()))
