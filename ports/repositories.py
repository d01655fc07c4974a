"""Repositories: where payments and merchants live. SQLite by default, in memory for unit tests."""
from __future__ import annotations

from typing import Protocol

from domain.merchant import Merchant
from domain.payment import Payment


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
