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
