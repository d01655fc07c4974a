"""Use case of the control API: force the outcome of a payment's current attempt."""
from __future__ import annotations

from domain.shared.errors import DomainError
from domain.gateway.payment import Payment
from domain.shared.payment_states import PaymentMethod, PaymentState
from ports.clock import Clock
from ports.gateway_store import GatewayStore
from domain.gateway.usecases.outbox import record_payment
from domain.gateway.resolution import resolve


def force_outcome(identifier: int, target: PaymentState, store: GatewayStore, clock: Clock,
                  method: PaymentMethod | None = None) -> Payment:
    """Move the payment's current attempt to `target` (IllegalTransition if the machine forbids it)."""
    with store.transaction():
        payment = store.payments.get(identifier)
        if payment is None:
            raise DomainError(f"No existe el pago con identificador {identifier}", "identifier")
        now = clock.now()
        resolve(payment, target, now, store.ids, "resultado forzado por la API de control", method)
        record_payment(payment, store, now)
    return payment
