"""The recaudo portal's own records: its sessions and the payments it started."""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from domain.shared.identity import IdentityDocument
from domain.recaudo.portal_payment import PortalPayment
from domain.recaudo.session import RecaudoSession


class RecaudoSessions(Protocol):
    def add(self, session: RecaudoSession) -> None:
        """Keep a new session (its id is the page's session cookie)."""
        ...

    def get(self, session_id: str) -> RecaudoSession | None:
        ...

    def save(self, session: RecaudoSession) -> None:
        """Persist a step taken on an existing session."""
        ...

    def exclusively(self) -> AbstractContextManager[object]:  # used without `as`; SQLite's yields its connection
        """A unit of work in which reading, changing and saving a session cannot interleave with another
        process doing the same (the OTP's attempt count and resend time must not be lost)."""
        ...


class PortalPayments(Protocol):
    def next_reference_number(self) -> int:
        """The next payment reference (shown as `00000025`), unique across the portal's processes."""
        ...

    def claim(self, payment: PortalPayment) -> bool:
        """Store a new payment unless its reference already has one; False then (a second click)."""
        ...

    def get(self, reference: str) -> PortalPayment | None:
        """The payment with this reference (`00000025`, or `25` as the gateway knows it)."""
        ...

    def save(self, payment: PortalPayment) -> None:
        ...

    def release(self, reference: str) -> None:
        """Forget a claimed payment the gateway refused (`-1`), so the associate may try again."""
        ...

    def open_payments(self, limit: int = 200) -> list[PortalPayment]:
        """Payments the sonda still has to follow, oldest first."""
        ...

    def uncredited(self, limit: int = 200) -> list[PortalPayment]:
        """Approved payments whose products are not marked credited yet (a crash between the two)."""
        ...

    def of_associate(self, document: IdentityDocument, limit: int = 50) -> list[PortalPayment]:
        """The associate's payments, newest first."""
        ...
