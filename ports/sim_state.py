"""Ports for the simulator's own controls: fault rules and the request journal (shared by workers)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple, Protocol


@dataclass(frozen=True)
class FaultRule:
    id: int
    operation: str  # a SOAP operation name, a path prefix ("/t_demo/"), or "*"
    kind: str  # retraso | fault | indeterminado | http_500 | http_503 | desconexion
    delay_ms: int = 0
    delay_max_ms: int = 0  # > delay_ms: a random delay between the two
    probability: float = 1.0
    remaining: int | None = None  # how many more requests it hits; None: until removed


class JournalEntry(NamedTuple):
    """One journaled exchange. A tuple: a batch goes to storage as it is, with no copy per entry."""

    at: str  # ISO time on the simulator clock
    channel: str  # soap | http | saliente (the simulator's own deliveries to merchants)
    operation: str  # the SOAP operation, or the path
    method: str
    path: str
    status: int
    duration_ms: float
    remote: str
    request: str  # masked body
    response: str  # masked body
    request_id: str = ""  # the id the request's log lines carry (X-Request-Id)


class JournalMetric(NamedTuple):
    """An entry without its bodies: what the dashboard counts and times."""

    id: int
    at: str
    operation: str
    status: int
    duration_ms: float


class FaultRules(Protocol):
    def version(self) -> int:
        """Grows whenever the rules change, so processes reload them only then."""
        ...

    def list(self) -> list[FaultRule]:
        ...

    def add(self, rule: FaultRule) -> FaultRule:
        """Store a rule (its id is assigned) and bump the version."""
        ...

    def remove(self, rule_id: int) -> bool:
        ...

    def clear(self) -> None:
        ...

    def take(self, rule_id: int) -> bool:
        """Use one of a counted rule's hits; False once it has none left (it is then removed)."""
        ...


class Journal(Protocol):
    def append(self, entries: list[JournalEntry]) -> None:
        ...

    def query(self, operation: str | None = None, channel: str | None = None, after_id: int = 0,
              limit: int = 100, before_id: int | None = None) -> list[tuple[int, JournalEntry]]:
        """Newest first: entries with after_id < id (< before_id when given), at most `limit`."""
        ...

    def metrics(self, limit: int = 5000, operation: str | None = None) -> list[JournalMetric]:
        """The newest entries' times, operations, statuses and durations (no bodies), newest first: the requests
        the simulator answered (its own deliveries to merchants, channel `saliente`, left out)."""
        ...

    def clear(self) -> None:
        ...

    def close(self) -> None:
        """After the last append: release the storage."""
        ...
