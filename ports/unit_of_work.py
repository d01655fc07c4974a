"""The unit of work every context's store offers: one transaction, and the ids drawn inside it."""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from ports.ids import IdGenerator


class UnitOfWork(Protocol):
    """Read-only members: a store offers them, a use case never replaces them (so any implementation
    whose attribute is a subtype of the port conforms)."""

    @property
    def ids(self) -> IdGenerator:
        ...


    def transaction(self) -> AbstractContextManager[None]:
        """A unit of work: everything inside commits together (durably) or not at all."""
        ...
