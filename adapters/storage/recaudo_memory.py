"""In-memory fakes of the recaudo portal's repositories and the sonda's lease, for unit tests.

Sessions and payments are kept as their JSON forms, so a test also proves they survive a round trip
through the codec the SQLite adapter uses.
"""
from __future__ import annotations

import contextlib

from datetime import timedelta
from typing import Iterator, cast

from adapters.storage.recaudo_codec import (
    document_json, payment_from_json, payment_to_json, session_from_json, session_to_json,
)
from adapters.storage.recaudo_sqlite import REFERENCE_START
from domain.shared.digits import ascii_int
from domain.shared.identity import IdentityDocument
from domain.recaudo.portal_payment import PortalPayment
from domain.recaudo.session import RecaudoSession


class MemoryRecaudoSessions:
    def __init__(self) -> None:
        self._by_id: dict[str, str] = {}

    def add(self, session: RecaudoSession) -> None:
        if session.session_id in self._by_id:
            raise ValueError("duplicate session id")
        self._by_id[session.session_id] = session_to_json(session)

    def get(self, session_id: str) -> RecaudoSession | None:
        text = self._by_id.get(session_id)
        return session_from_json(text) if text else None

    @contextlib.contextmanager
    def exclusively(self) -> Iterator[None]:
        """A unit of work, as SQLite's: exclusive already (one process, no await between reading and saving),
        and a failure inside it takes back the sessions it saved (a nested one, its own saves)."""
        saved = dict(self._by_id)  # JSON texts: a shallow copy is a snapshot
        try:
            yield
        except BaseException:
            self._by_id = saved
            raise

    def save(self, session: RecaudoSession) -> None:
        if session.session_id not in self._by_id:
            raise KeyError(session.session_id)
        self._by_id[session.session_id] = session_to_json(session)


def _number(reference: str) -> int | None:
    return ascii_int(reference.strip())


class MemoryPortalPayments:
    def __init__(self) -> None:
        self._by_number: dict[int, str] = {}
        self._counter = REFERENCE_START - 1

    def next_reference_number(self) -> int:
        self._counter += 1
        return self._counter

    def claim(self, payment: PortalPayment) -> bool:
        number = _number(payment.reference)
        if number is None:
            raise ValueError("a portal reference is digits only")
        if number in self._by_number:
            return False
        self._by_number[number] = payment_to_json(payment)
        return True

    def get(self, reference: str) -> PortalPayment | None:
        number = _number(reference)
        text = self._by_number.get(number) if number is not None else None
        return payment_from_json(text) if text else None

    def save(self, payment: PortalPayment) -> None:
        self._by_number[cast(int, _number(payment.reference))] = payment_to_json(payment)  # claimed: digits only

    def release(self, reference: str) -> None:
        self._by_number.pop(cast(int, _number(reference)), None)  # None is never a key: nothing to release

    def _all(self) -> list[PortalPayment]:
        return [payment_from_json(self._by_number[k]) for k in sorted(self._by_number)]

    def open_payments(self, limit: int = 200) -> list[PortalPayment]:
        return [p for p in self._all() if p.is_open][:limit]

    def uncredited(self, limit: int = 200) -> list[PortalPayment]:
        return [p for p in self._all() if p.needs_credit][:limit]

    def of_associate(self, document: IdentityDocument, limit: int = 50) -> list[PortalPayment]:
        key = document_json(document)
        return [p for p in reversed(self._all()) if document_json(p.associate) == key][:limit]


class MemorySondaLock:
    """A lease on a settable time (`now` in seconds), so tests can expire it."""

    def __init__(self) -> None:
        self.now = 0.0
        self._holder: str | None = None
        self._expires = 0.0

    def acquire(self, holder: str, lease: timedelta) -> bool:
        if self._holder not in (None, holder) and self._expires > self.now:
            return False
        self._holder, self._expires = holder, self.now + lease.total_seconds()
        return True

    def release(self, holder: str) -> None:
        if self._holder == holder:
            self._holder = None
