"""Use case: a merchant starts a payment (inicio_pagoV2)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.shared.errors import DomainError
from domain.gateway.magic_values import ForcedOutcome, forced_outcome_for
from domain.shared.gateway_records import Payer
from domain.gateway.payment import Payment
from ports.clock import Clock
from ports.gateway_store import GatewayStore
from domain.gateway.usecases.outbox import record_payment
from domain.gateway.resolution import apply_magic_at_start, resolve



@dataclass(frozen=True)
class StartPayment:
    merchant_id: int
    password: str
    total: Decimal
    vat: Decimal
    reference: str
    description: str
    payer: Payer
    optional_fields: tuple[str, str, str]
    service_code: str


class GatewayUnavailable(DomainError):
    """The gateway itself failed to start the payment (the `,05` magic value)."""


def start_payment(command: StartPayment, store: GatewayStore, clock: Clock) -> Payment:
    """Check credentials and business rules, then record the payment with its first attempt (888)."""
    merchant = store.merchants.get(command.merchant_id)
    if merchant is None or not merchant.accepts_start_password(command.password):
        raise DomainError("Credenciales inválidas", "clave")
    total, vat = Payment.checked_terms(command.total, command.vat, command.reference, command.description,
                                       command.payer)
    service_code = command.service_code or merchant.service_code
    if service_code != merchant.service_code:
        raise DomainError("El campo codigo_servicio_principal no corresponde al comercio", "codigo_servicio_principal")
    if forced_outcome_for(total) is ForcedOutcome.START_ERROR:
        raise GatewayUnavailable("Error en la pasarela: no fue posible iniciar el pago, intente más tarde")

    now = clock.now()
    with store.transaction():
        if store.payments.find_by_reference(merchant.id, command.reference) is not None:
            raise DomainError(f"El id_pago {command.reference} ya existe para este comercio", "id_pago")
        attempt_number = store.ids.next_number("attempt")
        payment = Payment.start(
            store.ids.next_number("payment"), attempt_number, merchant.id, command.reference, total, vat,
            command.description, command.payer, command.optional_fields, service_code, now,
        )
        scheduled = store.scheduled_outcomes.take(merchant.id)
        if scheduled is not None:  # the control API chose this merchant's next outcome
            state, method = scheduled
            resolve(payment, state, now, store.ids, "resultado programado por la API de control", method)
        else:
            apply_magic_at_start(payment, now, store.ids)
        record_payment(payment, store, now, new=True)
    return payment
