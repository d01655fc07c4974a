"""The clock port: the only way the core learns the time."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware (America/Bogota, UTC-5, in every adapter)."""
        ...


class ControllableClock(Clock, Protocol):
    """A clock the simulator's control API may move, so expiries happen on demand."""

    def advance(self, seconds: float) -> datetime:
        """Move time forward by `seconds` and return the new now."""
        ...

    def set(self, at: datetime) -> None:
        """Jump to `at` (timezone-aware)."""
        ...

    def reset(self) -> None:
        """Follow real time again."""
        ...
