"""Id generation: numbers and codes that the real world would assign."""
from __future__ import annotations

from typing import Protocol


class IdGenerator(Protocol):
    def next_number(self, sequence: str) -> int:
        """The next number of a named sequence ("payment", "attempt", "cus", ...), unique and growing."""
        ...

    def random_digits(self, length: int) -> str:
        """A string of `length` random decimal digits (OTP codes, authorization numbers)."""
        ...
