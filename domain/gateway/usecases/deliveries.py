"""Delivering the outbox: claim what is due, post it, record the answer; and the control API's redelivery.

Due times are on the simulated clock, so moving the clock forward makes waiting retries due at once.
"""
from __future__ import annotations

from datetime import timedelta

from domain.gateway.delivery import Delivery, DeliveryAttempt, DeliveryStatus, RetryPolicy
from domain.shared.errors import DomainError, IllegalTransition
from ports.clock import Clock
from ports.deliveries import MerchantReceiver
from ports.gateway_store import GatewayStore

CLAIM_MARGIN = timedelta(seconds=30)  # beyond the POST's own timeout, before another deliverer may take it


def claim_due(store: GatewayStore, clock: Clock, holder: str, policy: RetryPolicy,
              limit: int = 20) -> list[Delivery]:
    """The due deliveries this deliverer (`holder`) now holds; nobody else posts them while it does."""
    with store.transaction():
        return store.deliveries.claim_due(clock.now(), holder, policy.timeout + CLAIM_MARGIN, limit)


async def deliver(delivery: Delivery, store: GatewayStore, clock: Clock, receiver: MerchantReceiver,
                  holder: str, policy: RetryPolicy) -> DeliveryAttempt | None:
    """Post one claimed delivery and record the outcome; None when the claim was lost meanwhile (another
    deliverer took it after the claim expired), so nothing is recorded twice."""
    answer = await receiver.post_json(delivery.merchant_id, delivery.url, delivery.payload, policy.timeout)
    with store.transaction():
        attempt = delivery.record(answer, clock.now(), policy)
        return attempt if store.deliveries.finish(delivery, holder) else None


def redeliver(delivery_id: int, store: GatewayStore, clock: Clock) -> Delivery:
    """Send a pending or failed delivery again now, with a fresh series of attempts."""
    with store.transaction():
        delivery = store.deliveries.get(delivery_id)
        if delivery is None:
            raise DomainError(f"No existe la notificación {delivery_id}", "id")
        if delivery.status is DeliveryStatus.DELIVERED:
            raise IllegalTransition(f"La notificación {delivery_id} ya fue entregada: el comercio respondió código 0 "
                                    "y no se envía de nuevo")
        delivery.send_again(clock.now())
        store.deliveries.save(delivery)
    return delivery
