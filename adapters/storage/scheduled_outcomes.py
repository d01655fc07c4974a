"""Scheduled outcomes for a merchant's next payment: SQLite and in memory."""
from __future__ import annotations


from adapters.storage.connection import Connection
from adapters.storage.freshness import Cached, Freshness
from domain.shared.payment_states import PaymentMethod, PaymentState


class SqliteScheduledOutcomes:
    def __init__(self, conn: Connection, freshness: Freshness):
        self._conn = conn
        # most starts find nothing scheduled: know that without a statement per start
        self._any = Cached(freshness, lambda: conn.execute("SELECT COUNT(*) FROM scheduled_outcomes").fetchone()[0])

    def schedule(self, merchant_id: int, state: PaymentState, method: PaymentMethod | None) -> None:
        self._conn.execute("INSERT OR REPLACE INTO scheduled_outcomes (merchant_id, state, method) VALUES (?, ?, ?)",
                           (merchant_id, int(state), int(method) if method is not None else None))

    def cancel(self, merchant_id: int) -> bool:
        return bool(self._conn.execute("DELETE FROM scheduled_outcomes WHERE merchant_id = ?", (merchant_id,)).rowcount)

    def take(self, merchant_id: int) -> tuple[PaymentState, PaymentMethod | None] | None:
        if not self._any.get():
            return None
        row = self._conn.execute(
            "DELETE FROM scheduled_outcomes WHERE merchant_id = ? RETURNING state, method", (merchant_id,)
        ).fetchone()
        if row is None:
            return None
        return PaymentState(row[0]), PaymentMethod(row[1]) if row[1] is not None else None


class MemoryScheduledOutcomes:
    def __init__(self) -> None:
        self._by_merchant: dict[int, tuple[PaymentState, PaymentMethod | None]] = {}

    def schedule(self, merchant_id: int, state: PaymentState, method: PaymentMethod | None) -> None:
        self._by_merchant[merchant_id] = (state, method)

    def cancel(self, merchant_id: int) -> bool:
        return self._by_merchant.pop(merchant_id, None) is not None

    def take(self, merchant_id: int) -> tuple[PaymentState, PaymentMethod | None] | None:
        return self._by_merchant.pop(merchant_id, None)
