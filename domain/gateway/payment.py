"""A payment at the gateway: one start (`identificador`) and its attempts (`int_n_pago`).

A merchant starts a payment once per reference (`id_pago`); the payer may make several attempts on
the gateway page (a rejected PSE debit, then a card), and verification lists every attempt.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from domain.shared.money import Money
from domain.shared.gateway_records import CardTrace, Payer, PseTrace
from domain.shared.payment_states import PaymentMethod, PaymentState, check_transition


@dataclass(frozen=True)
class StateChange:
    state: PaymentState
    at: datetime
    reason: str = ""


@dataclass
class Attempt:
    """One try of the payer to pay a started payment; it carries its own state."""

    number: int
    started_at: datetime
    state: PaymentState = PaymentState.PENDING_START
    method: PaymentMethod | None = None
    pse: PseTrace | None = None
    card: CardTrace | None = None
    history: list[StateChange] = field(default_factory=list)

    def move_to(self, target: PaymentState, at: datetime, reason: str = "") -> StateChange:
        """Move to `target` if the state machine allows it; record and return the change."""
        check_transition(self.state, target)
        self.state = target
        change = StateChange(target, at, reason)
        self.history.append(change)
        return change


@dataclass
class Payment:
    """A payment started by a merchant (`inicio_pagoV2`), identified by its `identificador`."""

    identifier: int
    merchant_id: int
    reference: str
    total: Money
    vat: Money
    description: str
    payer: Payer
    optional_fields: tuple[str, str, str]
    service_code: str
    created_at: datetime
    attempts: list[Attempt] = field(default_factory=list)
    verifications: int = 0  # how many times a merchant verified it (the ,06 magic value needs the first)

    @property
    def current_attempt(self) -> Attempt:
        return self.attempts[-1]

    @property
    def is_settled(self) -> bool:
        """True once an attempt was approved or the last attempt is final."""
        return any(a.state.is_approved for a in self.attempts) or self.current_attempt.state.is_final
