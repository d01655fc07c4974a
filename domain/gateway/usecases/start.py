"""Use case: a merchant starts a payment (inicio_pagoV2)."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Callable

from domain.shared.errors import DomainError
from domain.gateway.magic_values import ForcedOutcome, forced_outcome_for
from domain.shared.gateway_records import Payer
from domain.gateway.merchant import Merchant
from domain.gateway.payment import Payment
from domain.gateway.payment_settings import PaymentSettings
from domain.shared.money import Money
from ports.clock import Clock
from ports.gateway_store import GatewayStore
from domain.gateway.usecases.outbox import record_payment
from domain.gateway.resolution import apply_magic_at_start, resolve



@dataclass(frozen=True)
class StartPayment:
    merchant_id: int
    password: str
    total: Decimal | None
    vat: Decimal | None
    reference: str
    description: str
    payer: Payer
    optional_fields: tuple[str, str, str]
    service_code: str
    user: str | None = None  # the REST start's `str_usuario`: then user and password are the V4 pair


class GatewayUnavailable(DomainError):
    """The gateway itself failed to start the payment (the `,05` magic value)."""


class DuplicateReference(DomainError):
    """The merchant already started a payment with this `id_pago`."""


def authenticated_merchant(command: StartPayment, store: GatewayStore) -> Merchant:
    """The merchant, if the start's credentials open it: `clave` alone (SOAP), or user and password (REST)."""
    merchant = store.merchants.get(command.merchant_id)
    if merchant is None:
        raise DomainError("Credenciales inválidas", "clave")
    accepted = (merchant.accepts_start_password(command.password) if command.user is None
                else merchant.accepts_verify_credentials(command.user, command.password))
    if not accepted:
        raise DomainError("Credenciales inválidas", "clave")
    return merchant


def check_service_code(given: str, merchant: Merchant) -> str:
    """The start's PSE service code: the merchant's (when none is given), never another one."""
    service_code = given or merchant.service_code
    if service_code != merchant.service_code:
        raise DomainError("El campo codigo_servicio_principal no corresponde al comercio", "codigo_servicio_principal")
    return service_code


def start_payment(command: StartPayment, store: GatewayStore, clock: Clock) -> Payment:
    """Check credentials and business rules, then record the payment with its first attempt (888)."""
    merchant = authenticated_merchant(command, store)
    total, vat = Payment.checked_terms(command.total, command.vat, command.reference, command.description,
                                       command.payer)
    service_code = check_service_code(command.service_code, merchant)
    return record_start(command, merchant, total, vat, service_code, store, clock)


def record_start(command: StartPayment, merchant: Merchant, total: Money, vat: Money, service_code: str,
                 store: GatewayStore, clock: Clock,
                 settings_for: Callable[[int], PaymentSettings] | None = None) -> Payment:
    """Record a checked start: the `,05` refusal, the one-payment-per-reference rule, the first attempt (888)
    with the control API's scheduled outcome or the amount's magic value. `settings_for` gives the page
    settings of the new payment from its identifier (a REST start's rut needs it)."""
    if forced_outcome_for(total) is ForcedOutcome.START_ERROR:
        raise GatewayUnavailable("Error en la pasarela: no fue posible iniciar el pago, intente más tarde")

    now = clock.now()
    with store.transaction():
        if store.payments.find_by_reference(merchant.id, command.reference) is not None:
            raise DuplicateReference(f"El id_pago {command.reference} ya existe para este comercio", "id_pago")
        attempt_number = store.ids.next_number("attempt")
        identifier = store.ids.next_number("payment")
        payment = Payment.start(
            identifier, attempt_number, merchant.id, command.reference, total, vat,
            command.description, command.payer, command.optional_fields, service_code, now,
            settings_for(identifier) if settings_for is not None else None,
        )
        scheduled = store.scheduled_outcomes.take(merchant.id)
        if scheduled is not None:  # the control API chose this merchant's next outcome
            state, method = scheduled
            resolve(payment, state, now, store.ids, "resultado programado por la API de control", method)
        else:
            apply_magic_at_start(payment, now, store.ids)
        record_payment(payment, store, now, new=True)
    return payment
