"""The recaudo portal's own record of a payment it started at the gateway.

It keeps what the associate chose (the products and amounts to credit), where the payment stands as
verification last reported it, when the sonda last asked, and whether the products were credited.
The gateway is the authority on the state; this record only remembers its last answer.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.shared.errors import DomainError
from domain.shared.identity import IdentityDocument
from domain.shared.money import Money
from domain.shared.payment_states import PaymentState
from domain.recaudo.session import PayerDetails, RecaudoSession
from domain.recaudo.sonda import PollDecision, SondaPolicy, StopReason, next_poll_at

# States in which ACH's fixed text forbids starting another payment for the same associate or reference.
PENDING_AT_BANK = frozenset({PaymentState.PENDING_FINISH, PaymentState.REVIEW_PENDING})


@dataclass(frozen=True)
class PaidLine:
    """One product of the payment and the amount it receives."""

    type_code: str
    number: str
    label: str  # the masked name the pages show: `Ahorros a la Vista(****7756)`
    amount: Money

    @property
    def key(self) -> tuple[str, str]:
        return (self.type_code, self.number)


@dataclass
class PortalPayment:
    reference: str  # `00000025`, as the pages show it
    session_id: str
    associate: IdentityDocument
    lines: tuple[PaidLine, ...]
    total: Money
    description: str
    payer: PayerDetails
    created_at: datetime
    identifier: str = ""  # the gateway's identificador
    payment_url: str = ""  # where the payer's browser was sent
    started: bool = False  # the gateway accepted the start
    uncertain: bool = False  # the start's answer was lost: only verification can tell
    not_created: bool = False  # verification found no payment for a lost start
    state: PaymentState | None = None  # the last verified state (None: never verified)
    method: int | None = None
    cus: str = ""
    bank_name: str = ""
    attempt_number: int = 0
    last_polled_at: datetime | None = None
    polls: int = 0
    stop_reason: StopReason | None = None
    credited_at: datetime | None = None

    @classmethod
    def claim(cls, session: RecaudoSession, now: datetime) -> PortalPayment:
        """The record written before the gateway is called, so a second click finds it (one payment per session)."""
        if session.selection is None or session.payer is None or session.reference is None \
                or not session.description:
            raise DomainError("El pago no está completo: revise los productos, el pagador y la descripción")
        lines = tuple(
            PaidLine(line.product.product_type.code, line.product.number, line.product.masked_name, line.amount)
            for line in session.selection.payable_lines()
        )
        return cls(session.reference, session.session_id, session.associate.document, lines,
                   session.selection.total(), session.description, session.payer, now)

    # -- the reference -----------------------------------------------------------------------------
    @property
    def gateway_reference(self) -> str:
        """`id_pago` as sent to the gateway: the number without its leading zeros (docs/decisions.md)."""
        return gateway_reference(self.reference)

    # -- start -------------------------------------------------------------------------------------
    def mark_started(self, identifier: str, payment_url: str) -> None:
        self.identifier, self.payment_url, self.started, self.uncertain = identifier, payment_url, True, False
        if self.state is None:
            self.state = PaymentState.PENDING_START

    def mark_uncertain(self) -> None:
        """The start call got no readable answer: the payment may exist; verification will tell."""
        self.uncertain = True

    # -- verification ------------------------------------------------------------------------------
    def record_attempt(self, number: int, state: PaymentState, method: int | None, cus: str, bank_name: str) -> None:
        """What verification reports for the attempt that decides the payment."""
        self.attempt_number, self.state, self.method = number, state, method or None
        self.cus, self.bank_name = cus or self.cus, bank_name or self.bank_name
        if self.uncertain:
            self.started, self.uncertain = True, False

    def record_absent(self) -> None:
        """Verification found no payment for this reference: a lost start that never reached the gateway."""
        if self.uncertain:
            self.uncertain, self.not_created = False, True

    def polled(self, at: datetime) -> None:
        self.last_polled_at, self.polls = at, self.polls + 1

    def stop(self, reason: StopReason) -> None:
        self.stop_reason = reason

    # -- reading -----------------------------------------------------------------------------------
    @property
    def is_final(self) -> bool:
        return self.state is not None and self.state.is_final

    @property
    def is_approved(self) -> bool:
        return self.state is PaymentState.APPROVED

    @property
    def is_open(self) -> bool:
        """Still worth asking the gateway about (the sonda's work list)."""
        return not self.is_final and not self.not_created and self.stop_reason is None \
            and (self.started or self.uncertain)

    @property
    def is_pending_at_bank(self) -> bool:
        return self.state in PENDING_AT_BANK

    @property
    def needs_credit(self) -> bool:
        return self.is_approved and self.credited_at is None

    def mark_credited(self, at: datetime) -> None:
        if not self.is_approved:
            raise DomainError("Solo se abonan pagos aprobados")
        self.credited_at = self.credited_at or at

    def poll_decision(self, now: datetime, policy: SondaPolicy | None = None) -> PollDecision:
        """When the sonda should ask again (domain/recaudo/sonda.py), from the start time of the payment."""
        return next_poll_at(self.created_at, self.last_polled_at, self.state or PaymentState.PENDING_START,
                            self.method, now, policy)


def gateway_reference(reference: str) -> str:
    """`00000025` → `25`."""
    stripped = reference.lstrip("0")
    return stripped or "0"
