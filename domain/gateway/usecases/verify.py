"""Use case: a merchant verifies the attempts of a reference (verificar_pago_v4, and the legacy v3)."""
from __future__ import annotations

from dataclasses import dataclass, field

from domain.shared.errors import DomainError
from domain.gateway.magic_values import ForcedOutcome, forced_outcome_for
from domain.gateway.merchant import Merchant
from domain.gateway.payment import Attempt, Payment
from ports.clock import Clock
from ports.pse import PseNetwork
from ports.gateway_store import GatewayStore
from domain.gateway.usecases.outbox import record_payment
from domain.gateway.usecases.pse_sync import awaits_pse, settle_from_pse
from domain.gateway.resolution import WorldTimeouts, settle_due
from domain.gateway.verification_view import VerificationView


class InvalidCredentials(DomainError):
    """The merchant does not exist, is disabled, or sent a wrong user or password."""


class Indeterminate(DomainError):
    """The gateway could not answer this time (the `,06` magic value): the caller must ask again."""


@dataclass
class Verification:
    payment: Payment | None
    attempts: list[Attempt] = field(default_factory=list)
    compact: bool = False  # the merchant's str_res_pago separator style
    view: VerificationView | None = None  # answered from the read model: payment and attempts are not loaded


def verify_payment(merchant_id: int, user: str, password: str, reference: str, attempt_number: int,
                   store: GatewayStore, clock: Clock, timeouts: WorldTimeouts,
                   pse: PseNetwork | None = None, use_view: bool = True) -> Verification:
    """Every attempt of the reference (`attempt_number` -1), or just the one asked for.

    A PSE attempt pending at ACH is first settled from ACH's answer (the gateway's own sonda). `use_view`
    False loads the payment even when the V4 read model could answer (the REST layout needs it).
    """
    merchant = store.merchants.get(merchant_id)
    if merchant is None or not merchant.accepts_verify_credentials(user, password):
        raise InvalidCredentials("Credenciales inválidas", "str_pwd_Comercio")
    return _attempts_of(merchant, reference, attempt_number, store, clock, timeouts, pse, use_view=use_view)


def verify_payment_with_key(merchant_id: int, key: str, reference: str,
                            store: GatewayStore, clock: Clock, timeouts: WorldTimeouts,
                            pse: PseNetwork | None = None) -> Verification:
    """Every attempt of the reference, for the legacy verification opened by the merchant's `clave`.

    The legacy service predates the V4 user and password: merchants send the same `clave` they send
    to inicio_pagoV2 (docs/decisions.md).
    """
    merchant = store.merchants.get(merchant_id)
    if merchant is None or not merchant.accepts_start_password(key):
        raise InvalidCredentials("Credenciales inválidas", "str_id_clave")
    return _attempts_of(merchant, reference, -1, store, clock, timeouts, pse)


def _attempts_of(merchant: Merchant, reference: str, attempt_number: int, store: GatewayStore, clock: Clock,
                 timeouts: WorldTimeouts, pse: PseNetwork | None = None, use_view: bool = False) -> Verification:
    if use_view and attempt_number == -1:  # the read model answers when nothing may change on read
        view = store.payments.verification_view(merchant.id, reference)
        if view is not None and view.settled_at(clock.now() if view.timer else None, timeouts):
            return Verification(None, [], merchant.compact_separators, view)
    payment = store.payments.find_by_reference(merchant.id, reference)
    if payment is None:
        return Verification(None, [], merchant.compact_separators)
    if pse is not None and awaits_pse(payment):
        payment = settle_from_pse(payment, merchant, store, clock, pse)
    now = clock.now()
    first_is_indeterminate = (
        payment.verifications == 0 and forced_outcome_for(payment.total) is ForcedOutcome.FIRST_VERIFY_INDETERMINATE
    )
    if first_is_indeterminate or settle_due(payment, now, timeouts, store.ids):
        with store.transaction():
            payment.verifications += 1
            record_payment(payment, store, now)
    if first_is_indeterminate:
        raise Indeterminate("No fue posible consultar el pago en este momento, intente de nuevo")
    attempts = [a for a in payment.attempts if attempt_number in (-1, a.number)]
    return Verification(payment, attempts, merchant.compact_separators)
