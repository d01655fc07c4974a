"""Repositories: where payments and merchants live. SQLite by default, in memory for unit tests."""
from __future__ import annotations

from typing import Protocol

from domain.card_token import CardToken
from domain.merchant import Merchant
from domain.payment import Payment
from domain.payment_states import PaymentMethod, PaymentState
from domain.pse_payer import PsePayer
from domain.pse_transaction import PseTransaction


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

    def list_recent(self, limit: int = 100) -> list[Payment]:
        """The most recently started payments, newest first."""
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


class PseRepository(Protocol):
    """ACH's data: PSE transactions and the payers registered at PSE."""

    def add_transaction(self, transaction: PseTransaction) -> None:
        ...

    def save_transaction(self, transaction: PseTransaction) -> None:
        ...

    def get_transaction(self, cus: str) -> PseTransaction | None:
        """The transaction with this CUS (trazabilityCode), or None."""
        ...

    def find_by_token(self, token: str) -> PseTransaction | None:
        """The transaction whose bank URL carries `enc=<token>`, or None."""
        ...

    def list_transactions(self, limit: int = 100) -> list[PseTransaction]:
        """The most recent transactions, newest first."""
        ...

    def get_payer(self, email: str) -> PsePayer | None:
        """The registered payer with this e-mail (case-insensitive), or None."""
        ...

    def save_payer(self, payer: PsePayer) -> None:
        """Create or replace the registration of `payer.email`."""
        ...

    def delete_payer(self, email: str) -> None:
        ...

    def page_secret(self, candidate: str) -> str:
        """The secret that signs the ACH pages' forms: stored once (the first candidate), shared by workers."""
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
