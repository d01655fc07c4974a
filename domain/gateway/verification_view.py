"""The verification read model: per payment, what verificar_pago_v4 answers, kept with every state change.

A verify of a settled payment needs no domain objects: the store keeps, beside the payment and in the same
unit of work as each change (`PaymentRepository.add` / `save`), the `str_res_pago` text of every attempt in
both separator styles, and the one timer that may still move the payment without anyone writing it (the
bank's confirmation of a `,03` payment, the automatic rejection of a card review). A verify reads the view;
it takes the full path (domain objects, `settle_due`, the write) only for one attempt (`int_no_pago` other than
-1) or when the view says it must:

- a timer is due by the world clock (`timer_due` ≤ now): it settles on read, as before;
- the payment's first verification is the `,06` indeterminate one (`verifications` is still 0);
- the current attempt is a PSE debit pending at ACH (the gateway's sonda asks ACH on every verify).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING

from domain.gateway.magic_values import ForcedOutcome, forced_outcome_for
from domain.gateway.payment import Payment
from domain.gateway.res_pago import attempt_fields, encode_attempts
from domain.shared.payment_states import PaymentMethod, PaymentState

if TYPE_CHECKING:
    from domain.gateway.resolution import WorldTimeouts

BANK_TIMER = "bank"  # PENDING_FINISH of a `,03` payment: approved after WorldTimeouts.bank_time
REVIEW_TIMER = "review"  # REVIEW_PENDING: rejected after WorldTimeouts.review_max


_MICROSECOND = timedelta(microseconds=1)
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_NAIVE_EPOCH = datetime(1970, 1, 1)


def micros(at: datetime) -> int:
    """`at` as whole µs since the epoch (exact: no float)."""
    return (at - (_EPOCH if at.tzinfo is not None else _NAIVE_EPOCH)) // _MICROSECOND


@dataclass(frozen=True)
class VerificationView:
    identifier: int
    needs_full_path: bool  # the `,06` first verify, or a PSE debit pending at ACH
    timer: str | None  # BANK_TIMER, REVIEW_TIMER or None
    timer_since: int | None  # the current attempt's start (µs since the epoch) the timer counts from
    count: int  # attempts
    padded: str  # str_res_pago of every attempt, padded separators
    compact: str  # … compact separators

    def timer_due(self, timeouts: WorldTimeouts) -> int | None:
        """When the timer fires (µs since the epoch); None without one."""
        if self.timer is None or self.timer_since is None:
            return None
        wait = timeouts.bank_time if self.timer == BANK_TIMER else timeouts.review_max
        return self.timer_since + wait // _MICROSECOND

    def settled_at(self, now: datetime | None, timeouts: WorldTimeouts) -> bool:
        """True when nothing may change on read at `now` (needed only with a timer): the view is the answer."""
        if self.needs_full_path:
            return False
        due = self.timer_due(timeouts)
        if due is None:
            return True
        # a millisecond short of the due time counts as due: the full path then decides exactly
        return now is not None and micros(now) < due - 1000

    def res_pago(self, compact: bool) -> str:
        """`str_res_pago` of every attempt (what `int_no_pago` -1 asks; one attempt takes the full path)."""
        return self.compact if compact else self.padded


def awaits_pse(payment: Payment) -> bool:
    """domain/gateway/usecases/pse_sync.awaits_pse (which this module cannot import: that one imports the store
    port, which names this view): a PSE debit pending at ACH (999 with a CUS)."""
    attempt = payment.current_attempt
    return (attempt.state is PaymentState.PENDING_FINISH and attempt.method is PaymentMethod.PSE
            and attempt.pse is not None and bool(attempt.pse.cus))


def timer_of(payment: Payment) -> str | None:
    """The timer `settle_due` (domain/gateway/resolution.py) may fire on the current attempt, if any."""
    state = payment.current_attempt.state
    if state is PaymentState.PENDING_FINISH and forced_outcome_for(payment.total) is ForcedOutcome.PENDING_THEN_APPROVE:
        return BANK_TIMER
    if state is PaymentState.REVIEW_PENDING:
        return REVIEW_TIMER
    return None


def build_view(payment: Payment) -> VerificationView:
    """The view of `payment` as it is now (called by the store with every add and save)."""
    if not payment.attempts:  # never stored by a start; the full path answers it as before
        return VerificationView(payment.identifier, True, None, None, 0, "", "")
    groups = [attempt_fields(payment, attempt) for attempt in payment.attempts]
    timer = timer_of(payment)
    first_indeterminate = (payment.verifications == 0
                           and forced_outcome_for(payment.total) is ForcedOutcome.FIRST_VERIFY_INDETERMINATE)
    return VerificationView(
        identifier=payment.identifier,
        needs_full_path=first_indeterminate or awaits_pse(payment),
        timer=timer,
        timer_since=micros(payment.current_attempt.started_at) if timer else None,
        count=len(groups),
        padded=encode_attempts(groups, False),
        compact=encode_attempts(groups, True),
    )
