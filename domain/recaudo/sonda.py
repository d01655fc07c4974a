"""The sonda (status poller) schedule: when to ask the gateway again about a payment, or stop.

Rules from zonapagos-ws.md §10: never before 7 minutes after the start; then every 10–15 minutes for
online methods and every hour for in-person ones; stop on a final state; an 888 older than 30 minutes
is abandoned and a 4001 older than about a day and a half is auto-rejected.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import Enum

from domain.shared.payment_states import PaymentMethod, PaymentState


@dataclass(frozen=True)
class SondaPolicy:
    first_poll_after: timedelta = timedelta(minutes=7)
    online_interval: timedelta = timedelta(minutes=12)  # inside the documented 10–15 min window
    in_person_interval: timedelta = timedelta(hours=1)
    abandon_pending_start_after: timedelta = timedelta(minutes=30)  # 888
    auto_reject_review_after: timedelta = timedelta(hours=36)  # 4001, "1 día y fracción"
    review_pending_finish_after: timedelta = timedelta(hours=48)  # 999, "24–48 h → manual review"
    in_person_methods: frozenset[int] = frozenset({PaymentMethod.PDF, PaymentMethod.GANA, PaymentMethod.MEFIA})

    def __post_init__(self) -> None:
        if min(self.first_poll_after, self.online_interval, self.in_person_interval) <= timedelta(0):
            raise ValueError("sonda intervals must be positive")

    def interval_for(self, method: PaymentMethod | int | None) -> timedelta:
        """In-person methods (41, 42, 77) hourly; every other method, or none chosen yet, as online."""
        if method is not None and int(method) in self.in_person_methods:
            return self.in_person_interval
        return self.online_interval


class StopReason(Enum):
    FINAL_STATE = "final_state"
    ABANDONED = "abandoned"  # 888 too long: the payer never chose how to pay
    AUTO_REJECTED = "auto_rejected"  # 4001 too long: the review never answered
    NEEDS_MANUAL_REVIEW = "needs_manual_review"  # 999 too long: ask a human


@dataclass(frozen=True)
class PollDecision:
    """Either poll at `poll_at` (which may already be past: then it is due) or stop for `stop_reason`."""

    poll_at: datetime | None = None
    stop_reason: StopReason | None = None

    @property
    def stops(self) -> bool:
        return self.stop_reason is not None

    def is_due(self, now: datetime) -> bool:
        return self.poll_at is not None and self.poll_at <= now


def next_poll_at(
    started_at: datetime,
    last_polled_at: datetime | None,
    state: PaymentState,
    method: PaymentMethod | int | None,
    now: datetime,
    policy: SondaPolicy | None = None,
) -> PollDecision:
    """Decide the next poll of a payment started at `started_at`, last polled at `last_polled_at`."""
    policy = policy or SondaPolicy()
    if state.is_final:
        return PollDecision(stop_reason=StopReason.FINAL_STATE)
    age = now - started_at
    if state is PaymentState.PENDING_START and age >= policy.abandon_pending_start_after:
        return PollDecision(stop_reason=StopReason.ABANDONED)
    if state is PaymentState.REVIEW_PENDING and age >= policy.auto_reject_review_after:
        return PollDecision(stop_reason=StopReason.AUTO_REJECTED)
    if state is PaymentState.PENDING_FINISH and age >= policy.review_pending_finish_after:
        return PollDecision(stop_reason=StopReason.NEEDS_MANUAL_REVIEW)
    earliest = started_at + policy.first_poll_after
    if last_polled_at is None:
        return PollDecision(poll_at=earliest)
    return PollDecision(poll_at=max(earliest, last_polled_at + policy.interval_for(method)))
