"""The gateway context's store: payments, merchants, card tokens and scheduled outcomes in one unit of work.
SQLite by default, in memory for unit tests."""
from __future__ import annotations

from datetime import datetime
from typing import NamedTuple, Protocol

from domain.gateway.card_token import CardToken
from domain.gateway.merchant import Merchant
from domain.gateway.payment import Payment
from domain.gateway.verification_view import VerificationView
from domain.shared.payment_states import PaymentMethod, PaymentState
from ports.deliveries import DeliveryRepository
from ports.unit_of_work import UnitOfWork


class PaymentSummary(NamedTuple):
    """What the dashboard draws of a payment: who started it, when, and its current attempt's state."""

    identifier: int
    merchant_id: int
    created_at: datetime
    state: PaymentState


class PaymentRepository(Protocol):
    def add(self, payment: Payment) -> None:
        """Store a new payment with its attempts. Durable once the unit of work commits."""
        ...

    def get(self, identifier: int) -> Payment | None:
        """The payment with this `identificador`, or None."""
        ...

    def find_by_reference(self, merchant_id: int, reference: str) -> Payment | None:
        """The payment a merchant started with this `id_pago`, or None."""
        ...

    def save(self, payment: Payment) -> None:
        """Persist changes of an existing payment (new attempts, state changes)."""
        ...

    def list_recent(self, limit: int = 100, before: int | None = None) -> list[Payment]:
        """The most recently started payments, newest first (only identifiers below `before` when given)."""
        ...

    def summaries(self, limit: int = 1000, merchant_id: int | None = None) -> list[PaymentSummary]:
        """The newest payments (of one merchant when given) as summaries, newest first: one light read."""
        ...

    def verification_view(self, merchant_id: int, reference: str) -> VerificationView | None:
        """The verification read model of the payment (written with every add and save), or None."""
        ...

    def awaiting_settlement(self, merchant_ids: list[int], limit: int = 50) -> list[int]:
        """Identifiers of these merchants' payments whose current attempt waits for the world (999 at the bank,
        4001 in card review), oldest attempt first."""
        ...


class MerchantRepository(Protocol):
    def get(self, merchant_id: int) -> Merchant | None:
        ...

    def add(self, merchant: Merchant) -> None:
        ...

    def list(self) -> list[Merchant]:
        ...


class TokenRepository(Protocol):
    """Card tokens of the token services (Tokentc_crear, ZPagoAPTC). Never a card number or CVV."""

    def add(self, token: CardToken) -> None:
        """Store a new token. Durable once the unit of work commits."""
        ...

    def get(self, value: str) -> CardToken | None:
        """The token with this value, whichever merchant owns it, or None."""
        ...

    def find_by_initial_payment(self, merchant_id: int, payment_number: int) -> CardToken | None:
        """The merchant's token whose approved first charge had this `no_pago`, or None."""
        ...


class ScheduledOutcomes(Protocol):
    """The outcome the control API chose for a merchant's next payment (consumed by that payment)."""

    def schedule(self, merchant_id: int, state: PaymentState, method: PaymentMethod | None) -> None:
        ...

    def cancel(self, merchant_id: int) -> bool:
        ...

    def take(self, merchant_id: int) -> tuple[PaymentState, PaymentMethod | None] | None:
        """The scheduled outcome, removed; None when there is none (part of the caller's unit of work)."""
        ...


class GatewayStore(UnitOfWork, Protocol):
    """What the gateway's use cases work on: its repositories sharing one transaction."""

    @property
    def payments(self) -> PaymentRepository:
        ...

    @property
    def merchants(self) -> MerchantRepository:
        ...

    @property
    def tokens(self) -> TokenRepository:
        ...

    @property
    def scheduled_outcomes(self) -> ScheduledOutcomes:
        ...

    @property
    def deliveries(self) -> DeliveryRepository:  # the outbox of notifications to merchants (§12)
        ...

