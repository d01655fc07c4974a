"""The gateway's own sonda, for merchants that receive notifications: an attempt that waits for the world (999
at the bank, 4001 in card review) is settled as soon as the world decides, without waiting for the merchant
to verify or the payer to come back, so its NotificarPagos goes out (zonapagos-ws.md §10, §12).

It applies the same rules verification applies (ACH's answer for a PSE debit, the time rules of
domain/gateway/resolution.py), each in its own unit of work; merchants without a notification URL keep the
lazy behaviour (their payments settle when verified or viewed).
"""
from __future__ import annotations

from domain.gateway.resolution import WorldTimeouts, settle_due
from domain.gateway.usecases.outbox import record_payment
from domain.gateway.usecases.pse_sync import awaits_pse, settle_from_pse
from ports.clock import Clock
from ports.gateway_store import GatewayStore
from ports.pse import PseNetwork


def settle_awaiting(store: GatewayStore, clock: Clock, timeouts: WorldTimeouts, pse: PseNetwork | None,
                    limit: int = 50) -> int:
    """One pass: settle what the world has decided for notified merchants' waiting payments; how many changed."""
    merchants = {m.id: m for m in store.merchants.list() if m.notification_url}
    if not merchants:
        return 0
    changed = 0
    for identifier in store.payments.awaiting_settlement(sorted(merchants), limit):
        payment = store.payments.get(identifier)
        if payment is None:
            continue
        if pse is not None and awaits_pse(payment):  # as verification does: ACH first, then the time rules
            before = payment.current_attempt.state
            settled = settle_from_pse(payment, merchants[payment.merchant_id], store, clock, pse)
            if settled.current_attempt.state is not before:
                changed += 1
                continue
        with store.transaction():  # read again inside: another process may have settled it meanwhile
            fresh = store.payments.get(identifier)
            now = clock.now()
            if fresh is not None and settle_due(fresh, now, timeouts, store.ids):
                record_payment(fresh, store, now)
                changed += 1
    return changed
