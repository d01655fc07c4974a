"""The portal's sonda: ask the gateway about every payment without a final state, on the domain's schedule.

zonapagos-ws.md §10: not before 7 minutes after the start, then every 10–15 minutes (hourly for
in-person methods), until the state is final; one instance polls at a time (a lease), in batches, with a
timeout per call (the gateway adapter's). An approved answer credits the products once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from domain.recaudo.sonda import SondaPolicy
from domain.recaudo.usecases.payment import credit_products, settle_with_gateway
from ports.clock import Clock
from ports.core_banking import CoreBanking
from ports.payment_gateway import GatewayRejected, GatewayUnreachable, PaymentGateway
from ports.recaudo_repository import PortalPayments, RecaudoSessions
from ports.sonda_lock import SondaLock

BATCH = 100
LEASE = timedelta(minutes=2)


@dataclass
class SondaReport:
    """What one pass did (the trigger endpoint answers it as JSON; the logs count it)."""

    ran: bool = True  # False: another process holds the lease
    verified: list[str] = field(default_factory=list)  # references asked about
    finished: list[str] = field(default_factory=list)  # references that reached a final state
    credited: list[str] = field(default_factory=list)
    stopped: list[str] = field(default_factory=list)  # abandoned, auto-rejected or left for manual review
    failed: list[str] = field(default_factory=list)  # the gateway could not answer; asked again next time


async def run_sonda(holder: str, gateway: PaymentGateway, payments: PortalPayments, sessions: RecaudoSessions,
                    core: CoreBanking, lock: SondaLock, clock: Clock, policy: SondaPolicy | None = None,
                    batch: int = BATCH) -> SondaReport:
    """One pass of the sonda, if this holder gets the lease."""
    if not lock.acquire(holder, LEASE):
        return SondaReport(ran=False)
    report = SondaReport()
    try:
        for payment in payments.uncredited(batch):  # approved but a crash came before the credit
            if credit_products(payment, payments, core, clock):
                report.credited.append(payment.reference)
        for payment in payments.open_payments(batch):
            now = clock.now()
            decision = payment.poll_decision(now, policy)
            if decision.stops:
                assert decision.stop_reason is not None
                payment.stop(decision.stop_reason)
                payments.save(payment)
                report.stopped.append(payment.reference)
                continue
            if not decision.is_due(now):
                continue
            report.verified.append(payment.reference)
            payment.polled(now)
            payments.save(payment)
            try:
                payment = await settle_with_gateway(payment, gateway, payments, sessions, core, clock)
            except (GatewayRejected, GatewayUnreachable):
                report.failed.append(payment.reference)
                continue
            if payment.is_final:
                report.finished.append(payment.reference)
            if payment.credited_at is not None and payment.credited_at >= now:
                report.credited.append(payment.reference)
            lock.acquire(holder, LEASE)  # renew: a long batch must not lose the lease midway
    finally:
        lock.release(holder)
    return report
