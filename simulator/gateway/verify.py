"""Use case: a merchant verifies the attempts of a reference (verificar_pago_v4)."""
from __future__ import annotations

from dataclasses import dataclass, field

from domain.errors import DomainError
from domain.magic_values import ForcedOutcome, forced_outcome_for
from domain.payment import Attempt, Payment
from ports.clock import Clock
from ports.store import GatewayStore
from simulator.gateway.resolution import WorldTimeouts, settle_due


class Indeterminate(DomainError):
    """The gateway could not answer this time (the `,06` magic value): the caller must ask again."""


@dataclass
class Verification:
    payment: Payment | None
    attempts: list[Attempt] = field(default_factory=list)
    compact: bool = False  # the merchant's str_res_pago separator style


def verify_payment(merchant_id: int, user: str, password: str, reference: str, attempt_number: int,
                   store: GatewayStore, clock: Clock, timeouts: WorldTimeouts) -> Verification:
    """Every attempt of the reference (`attempt_number` -1), or just the one asked for."""
    merchant = store.merchants.get(merchant_id)
    if merchant is None or not merchant.accepts_verify_credentials(user, password):
        raise DomainError("Credenciales inválidas", "str_pwd_Comercio")
    payment = store.payments.find_by_reference(merchant_id, reference)
    if payment is None:
        return Verification(None, [], merchant.compact_separators)
    now = clock.now()
    first_is_indeterminate = (
        payment.verifications == 0 and forced_outcome_for(payment.total) is ForcedOutcome.FIRST_VERIFY_INDETERMINATE
    )
    if first_is_indeterminate or settle_due(payment, now, timeouts, store.ids):
        with store.transaction():
            payment.verifications += 1
            store.payments.save(payment)
    if first_is_indeterminate:
        raise Indeterminate("No fue posible consultar el pago en este momento, intente de nuevo")
    attempts = [a for a in payment.attempts if attempt_number in (-1, a.number)]
    return Verification(payment, attempts, merchant.compact_separators)
