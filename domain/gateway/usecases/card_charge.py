"""Charging a card at the gateway: the payment and card attempt a token service records.

A charge is a payment like one started by `inicio_pagoV2` (same `id_pago` rules, same repository), with
one card attempt (method 32) already decided, so `verificar_pago_v4` finds it by `id_pago`. Who decides:
the test card's issuer first (a declined card never reaches the review), then the amount's magic cents,
then approval.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import IntEnum

from domain.gateway.card_outcomes import CardOutcome
from domain.gateway.cards import CardBrand
from domain.shared.errors import DomainError
from domain.gateway.magic_values import ForcedOutcome, forced_outcome_for
from domain.gateway.merchant import Merchant
from domain.shared.money import Money
from domain.shared.gateway_records import CardTrace, Payer
from domain.gateway.payment import Attempt, Payment, StateChange, check_characters
from domain.shared.payment_states import PaymentMethod, PaymentState
from ports.gateway_store import GatewayStore
from domain.gateway.usecases.outbox import record_payment
from domain.gateway.resolution import MAGIC_START_STATES
from domain.gateway.usecases.start import GatewayUnavailable

MAX_INSTALLMENTS = 36
INDETERMINATE_DETAIL = (
    "No fue posible confirmar el resultado del cobro; consulte el pago con verificar_pago_v4 por su id_pago"
)


class TransactionState(IntEnum):
    """`estado_transaccion` of the token services."""

    NOT_REQUESTED = 0  # tokenization without a charge: what an unassigned ByRef int reads
    APPROVED = 1
    REJECTED = 2  # rejected, or (Tokentc_crear) a parameter error
    PENDING = 3  # resolve with verification
    INDETERMINATE = -1  # the caller must verify


def transaction_state(state: PaymentState) -> TransactionState:
    if state.is_approved:
        return TransactionState.APPROVED
    if not state.is_final:
        return TransactionState.PENDING
    return TransactionState.REJECTED


@dataclass(frozen=True)
class CardCharge:
    """A charge the gateway is asked to make to a card it has already checked."""

    merchant: Merchant
    reference: str  # id_pago
    total: Money
    vat: Money
    description: str
    payer: Payer
    optional_fields: tuple[str, str, str]
    last_four: str
    brand: CardBrand
    issuer_outcome: CardOutcome | None


@dataclass(frozen=True)
class ChargeResult:
    payment: Payment
    state: TransactionState
    detail: str  # detalle_estado
    indeterminate: bool = False  # the `,06` amount: the answer must say -1, the caller verifies

    @property
    def attempt(self) -> Attempt:
        return self.payment.current_attempt


def check_description(description: str) -> str:
    return check_characters("descripcion_pago", description)


def check_installments(installments: int | None, field: str) -> int:
    if installments is None:
        raise DomainError(f"El campo {field} es obligatorio", field)
    if not 1 <= installments <= MAX_INSTALLMENTS:
        raise DomainError(f"El campo {field} debe estar entre 1 y {MAX_INSTALLMENTS}", field)
    return installments


def refuse_gateway_error_amount(total: Money) -> None:
    """The `,05` amount: the gateway fails before charging anything."""
    if forced_outcome_for(total) is ForcedOutcome.START_ERROR:
        raise GatewayUnavailable("Error en la pasarela: no fue posible procesar el cobro, intente más tarde")


def decide(charge: CardCharge) -> tuple[PaymentState, str]:
    """The attempt's state and `detalle_estado`: the issuer's answer, then the magic cents, then approval."""
    if charge.issuer_outcome is not None and not charge.issuer_outcome.approved:
        return PaymentState.DECLINED, charge.issuer_outcome.detail
    outcome = forced_outcome_for(charge.total)
    state = MAGIC_START_STATES.get(outcome, PaymentState.APPROVED) if outcome else PaymentState.APPROVED
    return state, CardOutcome.APPROVE.detail if state.is_approved else state.label


def record_charge(charge: CardCharge, store: GatewayStore, now: datetime) -> ChargeResult:
    """Charge the card and record the payment with its card attempt. Call inside the unit of work."""
    if store.payments.find_by_reference(charge.merchant.id, charge.reference) is not None:
        raise DomainError(f"El id_pago {charge.reference} ya existe para este comercio", "id_pago")
    target, detail = decide(charge)
    approved = target.is_approved
    attempt = Attempt(
        number=store.ids.next_number("attempt"), started_at=now,
        history=[StateChange(PaymentState.PENDING_START, now, "cobro con tarjeta")],
        method=PaymentMethod.CARD,
        card=CardTrace(
            ticket_id=str(store.ids.next_number("ticket")), last_four=charge.last_four,
            franchise=charge.brand.label,  # the seed's brand names, as the card page writes them
            approval_code=store.ids.random_digits(6) if approved else "",
            receipt_number=str(store.ids.next_number("receipt")) if approved else "",
        ),
    )
    attempt.move_to(target, now, detail)
    payment = Payment(
        identifier=store.ids.next_number("payment"), merchant_id=charge.merchant.id, reference=charge.reference,
        total=charge.total, vat=charge.vat, description=charge.description, payer=charge.payer,
        optional_fields=charge.optional_fields, service_code=charge.merchant.service_code, created_at=now,
        attempts=[attempt],
    )
    indeterminate = forced_outcome_for(charge.total) is ForcedOutcome.FIRST_VERIFY_INDETERMINATE
    if indeterminate:
        # The charge's own answer is the payment's one indeterminate answer; verification tells the truth.
        payment.verifications = 1
    record_payment(payment, store, now, new=True)
    return ChargeResult(payment, transaction_state(target), detail, indeterminate)
