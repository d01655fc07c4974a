"""Knowing cheaply whether cached rows may be stale.

A cached read stays valid while neither this connection wrote (`total_changes`, an attribute read) nor
another connection committed (`PRAGMA data_version`, which only other connections' commits move).
The pragma is asked at most once per `window` seconds, so one request's several cached reads share one
check. The server calls `renew()` when a request arrives, so every request sees each commit another
worker finished before it arrived, with one pragma per request however long the request takes; the
window (5 ms) bounds what background tasks, which renew nothing, may miss.

This connection's own writes to tables no cache reads (payments, attempts, sequences: every payment
start) are set aside with `uncounted()`, so a start does not reload the merchants, the clock offset and
the fault rules for the next request. Any other write of this connection still counts: a writer that
forgets to say it touched no cached table only costs a reload.

On PostgreSQL (adapters/storage/pg_connection.py) the same probe reads the `cache_version` row, which triggers
move on every write to a cached table (migration m0014), and `total_changes` counts the rows this process wrote.

A ROLLBACK moves neither number (SQLite's `total_changes` keeps counting the rows the rolled-back statements
wrote), yet a cached read inside the failed unit may hold its writes: the unit of work (adapters/storage/unit.py)
calls `writes_discarded(conn)` when it rolls back writes, which moves every token on that connection.
"""
from __future__ import annotations

from adapters.storage.connection import Connection
import time
from typing import Callable, Generic, TypeVar

T = TypeVar("T")

# how many units of work rolled back writes, per connection (by id: sqlite3's connections take no weak reference;
# a count only grows, so a new connection that reuses an id starts from a number no token of its own has seen)
_discarded: dict[int, int] = {}


def writes_discarded(conn: Connection) -> None:
    """A unit of work on `conn` rolled back what it wrote: a value cached inside it may hold rows that are gone."""
    _discarded[id(conn)] = _discarded.get(id(conn), 0) + 1


class Freshness:
    def __init__(self, conn: Connection, window: float = 0.005):
        self._conn = conn
        self._window = window
        self._checked_at = float("-inf")
        self._data_version = -1
        self._uncounted = 0

    def renew(self) -> None:
        """A request arrived: the next cached read asks the database again."""
        self._checked_at = float("-inf")

    def uncounted(self, changes_before: int) -> None:
        """The writes since this connection's `total_changes` was `changes_before` touched no cached table."""
        self._uncounted += self._conn.total_changes - changes_before

    def token(self) -> tuple[int, int]:
        now = time.perf_counter()
        if now - self._checked_at > self._window:
            self._data_version = self._conn.execute("PRAGMA data_version").fetchone()[0]
            self._checked_at = now
        return self._data_version, self._conn.total_changes - self._uncounted + _discarded.get(id(self._conn), 0)


class Cached(Generic[T]):
    """One value read from the database, reloaded only when the freshness token moved."""

    def __init__(self, freshness: Freshness, load: Callable[[], T]):
        self._freshness = freshness
        self._load = load
        self._token: tuple[int, int] | None = None
        self._value: T | None = None

    def get(self) -> T:
        token = self._freshness.token()
        if token != self._token:
            self._value, self._token = self._load(), token
        return self._value  # type: ignore[return-value]
