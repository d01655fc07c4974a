"""The outbox of deliveries to merchants: SQLite and PostgreSQL (table `deliveries`, migration m0012), in memory.

A claim runs on real time (`time.time()`; on PostgreSQL the database server's, so instances on several hosts
agree), like the sonda's lease: moving the simulated clock must not hand a delivery being posted to a second
worker, and a dead holder's claims are taken once they run out. Due times run on the simulated clock.
"""
from __future__ import annotations

import copy
import time
from datetime import datetime, timedelta
from typing import Callable

from adapters.storage.connection import Connection
from adapters.storage.deliveries_codec import COLUMNS, delivery_from_row, delivery_row, micros
from adapters.storage.freshness import Freshness
from domain.gateway.delivery import Delivery, DeliveryStatus

_SELECT = f"SELECT {', '.join(COLUMNS)} FROM deliveries"
_PENDING = DeliveryStatus.PENDING.value


class SqliteDeliveries:
    """No cache reads this table: its writes leave the caches valid (adapters/storage/freshness.py)."""

    def __init__(self, conn: Connection, freshness: Freshness | None = None,
                 now: Callable[[], float] = time.time):
        self._conn = conn
        self._freshness = freshness or Freshness(conn)
        self.now = now  # real time of the claims (a test moves it)

    def add(self, delivery: Delivery) -> bool:
        before = self._conn.total_changes
        cursor = self._conn.execute(
            f"INSERT INTO deliveries ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)}) "
            "ON CONFLICT (key) DO NOTHING", delivery_row(delivery))
        self._freshness.uncounted(before)
        return cursor.rowcount == 1

    def get(self, delivery_id: int) -> Delivery | None:
        row = self._conn.execute(f"{_SELECT} WHERE id = ?", (delivery_id,)).fetchone()
        return delivery_from_row(row) if row else None

    def save(self, delivery: Delivery) -> None:
        before = self._conn.total_changes
        self._update(delivery, "", ())
        self._freshness.uncounted(before)

    def _update(self, delivery: Delivery, condition: str, args: tuple[object, ...]) -> int:
        row = delivery_row(delivery)
        return self._conn.execute(
            "UPDATE deliveries SET status = ?, next_at = ?, series_from = ?, attempts = ?, claimed_by = NULL, "
            f"claim_until = NULL WHERE id = ?{condition}", (row[8], row[9], row[10], row[11], delivery.id, *args)
        ).rowcount

    def recent(self, merchant_id: int | None = None, limit: int = 100, before: int | None = None) -> list[Delivery]:
        below = 2**63 - 1 if before is None else before
        if merchant_id is None:
            rows = self._conn.execute(f"{_SELECT} WHERE id < ? ORDER BY id DESC LIMIT ?", (below, limit)).fetchall()
        else:
            rows = self._conn.execute(f"{_SELECT} WHERE merchant_id = ? AND id < ? ORDER BY id DESC LIMIT ?",
                                      (merchant_id, below, limit)).fetchall()
        return [delivery_from_row(row) for row in rows]

    def claim_due(self, now: datetime, holder: str, lease: timedelta, limit: int) -> list[Delivery]:
        before = self._conn.total_changes
        real_now = self.now()
        # The free-and-due test is repeated outside the subquery: on PostgreSQL an UPDATE that waited for another
        # transaction's lock on a row re-checks only its own WHERE on the row as committed, not the subquery's, so
        # without it a claim that raced another (outside the unit of work's lock) would take the same rows.
        free = "status = ? AND next_at <= ? AND (claim_until IS NULL OR claim_until <= ?)"
        due = (_PENDING, micros(now), real_now)
        rows = self._conn.execute(
            f"UPDATE deliveries SET claimed_by = ?, claim_until = ? WHERE id IN ("
            f"SELECT id FROM deliveries WHERE {free} ORDER BY next_at, id LIMIT ?) AND {free} "
            f"RETURNING {', '.join(COLUMNS)}",
            (holder, real_now + lease.total_seconds(), *due, limit, *due)).fetchall()
        self._freshness.uncounted(before)
        return sorted((delivery_from_row(row) for row in rows), key=lambda d: (d.next_at, d.id))

    def finish(self, delivery: Delivery, holder: str) -> bool:
        before = self._conn.total_changes
        updated = self._update(delivery, " AND claimed_by = ?", (holder,))
        self._freshness.uncounted(before)
        return updated == 1


class MemoryDeliveries:
    def __init__(self, now: Callable[[], float] = time.time) -> None:
        self._by_id: dict[int, Delivery] = {}
        self._claims: dict[int, tuple[str, float]] = {}
        self.now = now  # real time of the claims (a test moves it)

    def add(self, delivery: Delivery) -> bool:
        if any(d.key == delivery.key for d in self._by_id.values()):
            return False
        if delivery.id in self._by_id:
            raise ValueError("duplicate id")
        self._by_id[delivery.id] = copy.deepcopy(delivery)
        return True

    def get(self, delivery_id: int) -> Delivery | None:
        found = self._by_id.get(delivery_id)
        return copy.deepcopy(found) if found else None

    def save(self, delivery: Delivery) -> None:
        if delivery.id not in self._by_id:
            raise KeyError(delivery.id)
        self._by_id[delivery.id] = copy.deepcopy(delivery)
        self._claims.pop(delivery.id, None)

    def recent(self, merchant_id: int | None = None, limit: int = 100, before: int | None = None) -> list[Delivery]:
        found = [d for d in self._by_id.values() if (merchant_id is None or d.merchant_id == merchant_id)
                 and (before is None or d.id < before)]
        return [copy.deepcopy(d) for d in sorted(found, key=lambda d: -d.id)[:limit]]

    def claim_due(self, now: datetime, holder: str, lease: timedelta, limit: int) -> list[Delivery]:
        real_now = self.now()
        free = [d for d in self._by_id.values()
                if d.is_due(now) and (d.id not in self._claims or self._claims[d.id][1] <= real_now)]
        claimed = sorted(free, key=lambda d: (d.next_at, d.id))[:limit]
        for delivery in claimed:
            self._claims[delivery.id] = (holder, real_now + lease.total_seconds())
        return [copy.deepcopy(d) for d in claimed]

    def finish(self, delivery: Delivery, holder: str) -> bool:
        claim = self._claims.get(delivery.id)
        if claim is None or claim[0] != holder:
            return False
        self.save(delivery)
        return True

    def snapshot(self) -> tuple[dict[int, Delivery], dict[int, tuple[str, float]]]:
        return copy.deepcopy(self._by_id), dict(self._claims)

    def restore(self, snapshot: tuple[dict[int, Delivery], dict[int, tuple[str, float]]]) -> None:
        self._by_id, self._claims = snapshot
