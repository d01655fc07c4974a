"""The outbox of notifications to merchants: written in the same unit of work as the change it reports.

Every use case that records a payment goes through `record_payment`, so an attempt that reaches a final state
(1, 777, 1000, 1001, 4000, 4003) queues its NotificarPagos in the transaction that moves it there: a crash
either loses both or keeps both. A test checks that no other module of the gateway writes payments directly
(tests/unit/simulator/test_outbox.py).
"""
from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.gateway.delivery import Delivery, DeliveryKind
from domain.gateway.merchant import Merchant
from domain.gateway.notices import payment_key, payment_notice, token_key, token_notice
from domain.gateway.payment import Payment
from domain.shared.errors import DomainError
from ports.clock import Clock
from ports.gateway_store import GatewayStore


def record_payment(payment: Payment, store: GatewayStore, now: datetime, new: bool = False) -> None:
    """Store the payment (`new`: its first write) and queue a notification for each attempt that is final.
    Call inside the unit of work that changed it."""
    if new:
        store.payments.add(payment)
    else:
        store.payments.save(payment)
    queue_payment_notices(payment, store, now)


def _queue(store: GatewayStore, kind: DeliveryKind, key: str, merchant: Merchant, url: str,
           payload: dict[str, Any], reference: str, now: datetime) -> Delivery | None:
    delivery = Delivery(id=store.ids.next_number("delivery"), key=key, kind=kind, merchant_id=merchant.id,
                        url=url, payload=payload, created_at=now, next_at=now, reference=reference)
    return delivery if store.deliveries.add(delivery) else None


def queue_payment_notices(payment: Payment, store: GatewayStore, now: datetime) -> list[Delivery]:
    """A NotificarPagos for every final attempt of the payment not notified yet (the key deduplicates), when
    the merchant has a notification URL. In the caller's unit of work."""
    finals = [a for a in payment.attempts if a.state.is_final]
    if not finals or payment.settings.tokenization:  # a card registration is delivered as a token, not a payment
        return []
    merchant = store.merchants.get(payment.merchant_id)
    if merchant is None or not merchant.notification_url:
        return []
    queued = []
    for attempt in finals:
        delivery = _queue(store, DeliveryKind.PAYMENT, payment_key(payment, attempt), merchant,
                          merchant.notification_url, payment_notice(payment, attempt, merchant), payment.reference,
                          now)
        if delivery is not None:
            queued.append(delivery)
    return queued


def token_registered(merchant_id: int, customer_id: str, token: str, store: GatewayStore,
                     clock: Clock) -> Delivery | None:
    """A card was registered for the merchant's customer (the tokenization page, InicioPago code 200): queue
    the token's delivery to the merchant's `ApiToken/api/Notificar` (zonapagos-ws.md §12). Joins the caller's
    unit of work when one is open. None when the merchant has no token notification URL or the token was
    already queued."""
    with store.transaction():
        merchant = store.merchants.get(merchant_id)
        if merchant is None:
            raise DomainError(f"No existe el comercio {merchant_id}", "int_id_comercio")
        if not merchant.token_notification_url:
            return None
        return _queue(store, DeliveryKind.TOKEN, token_key(merchant_id, token), merchant,
                      merchant.token_notification_url, token_notice(merchant, customer_id, token), customer_id,
                      clock.now())
