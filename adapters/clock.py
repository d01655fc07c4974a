"""Clock adapters: real time in Bogotá, and a shiftable clock the control API moves."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ports.clock import Clock

BOGOTA = timezone(timedelta(hours=-5), "America/Bogota")  # Colombia keeps no daylight saving time


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(BOGOTA)


class ShiftableClock:
    """Real time plus an offset; `advance` and `set` move it, `reset` removes the offset."""

    def __init__(self, base: Clock | None = None):
        self._base = base or SystemClock()
        self._offset = timedelta(0)

    def now(self) -> datetime:
        return self._base.now() + self._offset

    def advance(self, seconds: float) -> datetime:
        self._offset += timedelta(seconds=seconds)
        return self.now()

    def set(self, at: datetime) -> None:
        self._offset = at - self._base.now()

    def reset(self) -> None:
        self._offset = timedelta(0)

    @property
    def offset_seconds(self) -> float:
        return self._offset.total_seconds()


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

    One indexed read per `now()`; `advance`, `set` and `reset` write the offset (autocommit).
    """

    def __init__(self, conn, base: Clock | None = None):
        self._conn = conn
        self._base = base or SystemClock()

    def _offset(self) -> timedelta:
        row = self._conn.execute("SELECT clock_offset FROM sim_state WHERE id = 1").fetchone()
        return timedelta(seconds=row[0] if row else 0.0)

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
