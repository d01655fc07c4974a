"""Clock adapters: real time in Bogotá, a fixed clock for tests, and the stored-offset clock the control API moves."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from adapters.storage.connection import Connection
from adapters.storage.freshness import Cached, Freshness
from ports.clock import Clock

BOGOTA = timezone(timedelta(hours=-5), "America/Bogota")  # Colombia keeps no daylight saving time


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(BOGOTA)


class FixedClock:
    """A clock that only moves when told to: for unit tests and the in-process target."""

    def __init__(self, at: datetime):
        self._now = at

    def now(self) -> datetime:
        return self._now

    def advance(self, seconds: float) -> datetime:
        self._now += timedelta(seconds=seconds)
        return self._now

    def set(self, at: datetime) -> None:
        self._now = at

    def reset(self) -> None:
        pass


class StoredOffsetClock:
    """Real time plus an offset kept in the SQLite file, so every worker process sees the same time.

    The offset is re-read only when the database changed (adapters/storage/freshness.py); `advance`,
    `set` and `reset` write it (autocommit).
    """

    def __init__(self, conn: Connection, base: Clock | None = None, freshness: Freshness | None = None):
        self._conn = conn
        self._base = base or SystemClock()
        self._offset_row = Cached(freshness or Freshness(conn), self._read_offset)

    def _read_offset(self) -> timedelta:
        row = self._conn.execute("SELECT clock_offset FROM sim_state WHERE id = 1").fetchone()
        return timedelta(seconds=row[0] if row else 0.0)

    def _offset(self) -> timedelta:
        return self._offset_row.get()

    def _store(self, offset: timedelta) -> None:
        self._conn.execute("UPDATE sim_state SET clock_offset = ? WHERE id = 1", (offset.total_seconds(),))

    def now(self) -> datetime:
        return self._base.now() + self._offset()

    def advance(self, seconds: float) -> datetime:
        self._store(self._offset() + timedelta(seconds=seconds))
        return self.now()

    def set(self, at: datetime) -> None:
        self._store(at - self._base.now())

    def reset(self) -> None:
        self._store(timedelta(0))
