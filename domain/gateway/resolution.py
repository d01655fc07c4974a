"""How an attempt reaches an outcome in the simulated world, and what the world reports with it."""
from __future__ import annotations

from typing import TYPE_CHECKING, cast

from dataclasses import dataclass
from datetime import datetime, timedelta

from domain.gateway.magic_values import ForcedOutcome, forced_outcome_for
from domain.shared.gateway_records import CardTrace, PseTrace
from domain.gateway.payment import Payment
from domain.shared.payment_states import PaymentMethod, PaymentState

if TYPE_CHECKING:
    from ports.ids import IdGenerator

TEST_BANK_CODE = "1022"
TEST_BANK_NAME = "BANCO UNION COLOMBIANO"

CARD_STATES = frozenset({
    PaymentState.REVIEW_PENDING, PaymentState.REVIEW_REJECTED, PaymentState.REVIEW_ERROR, PaymentState.DECLINED,
})

# What each magic amount does right after the start call (None: nothing at start).
MAGIC_START_STATES: dict[ForcedOutcome, PaymentState] = {
    ForcedOutcome.APPROVE: PaymentState.APPROVED,
    ForcedOutcome.REJECT: PaymentState.REJECTED,
    ForcedOutcome.PENDING_THEN_APPROVE: PaymentState.PENDING_FINISH,
    ForcedOutcome.BANK_ERROR: PaymentState.BANK_ERROR,
    ForcedOutcome.REVIEW_PENDING: PaymentState.REVIEW_PENDING,
    ForcedOutcome.REVIEW_REJECTED: PaymentState.REVIEW_REJECTED,
    ForcedOutcome.REVIEW_ERROR: PaymentState.REVIEW_ERROR,
}


@dataclass(frozen=True)
class WorldTimeouts:
    """Timeouts of the simulated world (shared/spec/README.md "Timeouts"); all configurable."""

    bank_time: timedelta = timedelta(minutes=7)
    review_max: timedelta = timedelta(hours=36)
    page_session: timedelta = timedelta(minutes=30)  # the payment page's session (zonapagos-ws.md §9: ~30 min)


def transaction_cycle(at: datetime) -> str:
    """ACH clears in cycles through the day; the cycle number follows the hour (1–8)."""
    return str(1 + at.hour // 3)


def resolve(payment: Payment, target: PaymentState, now: datetime, ids: IdGenerator,
            reason: str, method: PaymentMethod | None = None, trace: PseTrace | CardTrace | None = None) -> None:
    """Move the current attempt to `target`, attaching the PSE or card trace the world would report.

    A `trace` (the page knows the real bank, CUS or card) is used as given; otherwise the test bank's
    or a test card's trace is made up, as the control API and the magic amounts need.
    """
    attempt = payment.current_attempt
    if attempt.method is None and isinstance(trace, PseTrace):
        attempt.method, attempt.pse = PaymentMethod.PSE, trace
    elif attempt.method is None and isinstance(trace, CardTrace):
        attempt.method, attempt.card = PaymentMethod.CARD, trace
    if attempt.method is None and target is not PaymentState.PENDING_START:
        chosen = method or (PaymentMethod.CARD if target in CARD_STATES else PaymentMethod.PSE)
        attempt.method = chosen
        if chosen is PaymentMethod.PSE:
            attempt.pse = PseTrace(
                ticket_id=str(ids.next_number("ticket")), service_code=payment.service_code,
                bank_code=TEST_BANK_CODE, bank_name=TEST_BANK_NAME, cus=str(ids.next_number("cus")),
                cycle=transaction_cycle(now),
            )
        elif chosen is PaymentMethod.CARD:
            approved = target is PaymentState.APPROVED
            attempt.card = CardTrace(
                ticket_id=str(ids.next_number("ticket")), last_four="1111", franchise="Visa",
                approval_code=ids.random_digits(6) if approved else "",
                receipt_number=str(ids.next_number("receipt")) if approved else "",
            )
    attempt.move_to(target, now, reason)


def apply_magic_at_start(payment: Payment, now: datetime, ids: IdGenerator) -> None:
    outcome = forced_outcome_for(payment.total)
    target = MAGIC_START_STATES.get(outcome) if outcome else None
    if target is not None:
        # a target implies an outcome
        resolve(payment, target, now, ids, f"valor de prueba {cast(ForcedOutcome, outcome).name}")


def settle_due(payment: Payment, now: datetime, timeouts: WorldTimeouts, ids: IdGenerator) -> bool:
    """Apply the world's time rules to the current attempt; True when something changed."""
    attempt = payment.current_attempt
    age = now - attempt.started_at
    if (attempt.state is PaymentState.PENDING_FINISH and age >= timeouts.bank_time
            and forced_outcome_for(payment.total) is ForcedOutcome.PENDING_THEN_APPROVE):
        resolve(payment, PaymentState.APPROVED, now, ids, "el banco confirmó tras su tiempo máximo")
        return True
    if attempt.state is PaymentState.REVIEW_PENDING and age >= timeouts.review_max:
        resolve(payment, PaymentState.REVIEW_REJECTED, now, ids, "rechazo automático de la revisión CR")
        return True
    return False
