"""In-memory store: the fake of the storage ports for unit tests and the in-process target."""
from __future__ import annotations

import copy
import random
from contextlib import contextmanager
from typing import Iterator

from adapters.storage.coopcentral_memory import MemoryCoopcentral
from adapters.storage.deliveries import MemoryDeliveries
from adapters.storage.scheduled_outcomes import MemoryScheduledOutcomes
from adapters.storage.sqlite import SEQUENCE_STARTS
from adapters.storage.tokens_memory import MemoryTokens
from adapters.storage.pse_memory import MemoryInbox, MemoryPse
from domain.gateway.merchant import Merchant
from domain.gateway.payment import Payment
from domain.gateway.verification_view import VerificationView
from domain.shared.payment_states import PaymentState
from ports.gateway_store import PaymentSummary


class MemoryPayments:
    def __init__(self) -> None:
        self._by_id: dict[int, Payment] = {}

    def add(self, payment: Payment) -> None:
        if any(p.merchant_id == payment.merchant_id and p.reference == payment.reference
               for p in self._by_id.values()):
            raise ValueError("duplicate reference")
        self._by_id[payment.identifier] = copy.deepcopy(payment)

    def save(self, payment: Payment) -> None:
        self._by_id[payment.identifier] = copy.deepcopy(payment)

    def get(self, identifier: int) -> Payment | None:
        found = self._by_id.get(identifier)
        return copy.deepcopy(found) if found else None

    def find_by_reference(self, merchant_id: int, reference: str) -> Payment | None:
        for p in self._by_id.values():
            if p.merchant_id == merchant_id and p.reference == reference:
                return copy.deepcopy(p)
        return None

    def list_recent(self, limit: int = 100, before: int | None = None) -> list[Payment]:
        newest = sorted((p for p in self._by_id.values() if before is None or p.identifier < before),
                        key=lambda p: -p.identifier)
        return [copy.deepcopy(p) for p in newest[:limit]]

    def summaries(self, limit: int = 1000, merchant_id: int | None = None) -> list[PaymentSummary]:
        newest = sorted((p for p in self._by_id.values() if merchant_id is None or p.merchant_id == merchant_id),
                        key=lambda p: -p.identifier)[:limit]
        return [PaymentSummary(p.identifier, p.merchant_id, p.created_at,
                               p.attempts[-1].state if p.attempts else PaymentState.PENDING_START) for p in newest]

    def awaiting_settlement(self, merchant_ids: list[int], limit: int = 50) -> list[int]:
        waiting = [p for p in self._by_id.values() if p.merchant_id in merchant_ids
                   and p.current_attempt.state in (PaymentState.PENDING_FINISH, PaymentState.REVIEW_PENDING)]
        return [p.identifier for p in sorted(waiting, key=lambda p: p.current_attempt.number)[:limit]]

    def verification_view(self, merchant_id: int, reference: str) -> VerificationView | None:
        """No read model in memory: every verify takes the full path (the domain objects)."""
        return None


class MemoryMerchants:
    def __init__(self) -> None:
        self._by_id: dict[int, Merchant] = {}

    def get(self, merchant_id: int) -> Merchant | None:
        return self._by_id.get(merchant_id)

    def add(self, merchant: Merchant) -> None:
        self._by_id[merchant.id] = merchant

    def list(self) -> list[Merchant]:
        return [self._by_id[k] for k in sorted(self._by_id)]


class MemoryIds:
    def __init__(self, seed: int = 0) -> None:
        self._values: dict[str, int] = {}
        self._rng = random.Random(seed)

    def next_number(self, sequence: str) -> int:
        value = self._values.get(sequence, SEQUENCE_STARTS.get(sequence, 1) - 1) + 1
        self._values[sequence] = value
        return value

    def random_digits(self, length: int) -> str:
        return "".join(str(self._rng.randrange(10)) for _ in range(length))


class MemoryStore:
    """The SimulatorStore (every context's repositories) in memory; a failed unit of work restores the previous contents."""

    def __init__(self, seed: int = 0) -> None:
        self.payments = MemoryPayments()
        self.merchants = MemoryMerchants()
        self.tokens = MemoryTokens()
        self.pse = MemoryPse()
        self.notifications = MemoryInbox()
        self.scheduled_outcomes = MemoryScheduledOutcomes()
        self.coopcentral = MemoryCoopcentral()
        self.deliveries = MemoryDeliveries()
        self.ids = MemoryIds(seed)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        snapshot = copy.deepcopy((self.payments._by_id, self.merchants._by_id, self.ids._values))
        tokens = self.tokens.snapshot()
        pse, inbox = self.pse.snapshot(), self.notifications.snapshot()
        scheduled = dict(self.scheduled_outcomes._by_merchant)
        coopcentral = self.coopcentral.snapshot()
        deliveries = self.deliveries.snapshot()
        try:
            yield
        except BaseException:
            self.payments._by_id, self.merchants._by_id, self.ids._values = snapshot
            self.tokens.restore(tokens)
            self.pse.restore(pse)
            self.notifications.restore(inbox)
            self.scheduled_outcomes._by_merchant = scheduled
            self.coopcentral.restore(coopcentral)
            self.deliveries.restore(deliveries)
            raise
