"""The recaudo portal's records on SQLite: sessions, payments, the reference counter, the sonda's lease.

Each write is its own short unit of work, never held across an await. The connection may be the
simulator's file (in-process portal) or the portal's own (`pasarela portal --db`).
"""
from __future__ import annotations

import time
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from adapters.storage.connection import Connection
from adapters.storage.leases import SqlLeases
from adapters.storage.recaudo_codec import (
    document_json, payment_from_json, payment_to_json, session_from_json, session_to_json,
)
from adapters.storage.unit import unit_of_work
from domain.shared.digits import ascii_int
from domain.shared.identity import IdentityDocument
from domain.recaudo.portal_payment import PortalPayment
from domain.recaudo.session import RecaudoSession

if TYPE_CHECKING:
    from collections.abc import Callable
    from contextlib import AbstractContextManager

SESSION_RETENTION = timedelta(days=2)  # sessions untouched this long are deleted when new ones arrive
# 8 digits as the instruction's screens show a reference (00000025), never a leading zero: the gateway's id_pago
# has none, so every system writes the same number (issue 18, docs/decisions.md)
REFERENCE_START = 10_000_025


def _associate_key(document: IdentityDocument) -> str:
    return ":".join(document_json(document))


def _reference_number(reference: str) -> int | None:
    return ascii_int(reference.strip())


class SqliteRecaudoSessions:
    def __init__(self, conn: Connection):
        self._conn = conn

    def add(self, session: RecaudoSession) -> None:
        stamp = session.created_at.isoformat()
        with unit_of_work(self._conn) as conn:
            conn.execute("DELETE FROM portal_sessions WHERE updated_at < ?",
                         ((session.created_at - SESSION_RETENTION).isoformat(),))
            conn.execute("INSERT INTO portal_sessions (id, state, data, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
                         (session.session_id, session.state.name, session_to_json(session), stamp, stamp))

    def get(self, session_id: str) -> RecaudoSession | None:
        row = self._conn.execute("SELECT data FROM portal_sessions WHERE id = ?", (session_id,)).fetchone()
        return session_from_json(row[0]) if row else None

    def exclusively(self) -> AbstractContextManager[Connection]:
        return unit_of_work(self._conn)  # BEGIN IMMEDIATE: the write lock first, so processes take turns

    def save(self, session: RecaudoSession) -> None:
        with unit_of_work(self._conn) as conn:
            conn.execute("UPDATE portal_sessions SET state = ?, data = ?, updated_at = MAX(updated_at, ?) WHERE id = ?",
                         (session.state.name, session_to_json(session), _now_text(session), session.session_id))


def _now_text(session: RecaudoSession) -> str:
    latest = max(t for t in (session.created_at, session.payment_started_at,
                             session.otp.issued_at if session.otp else None) if t is not None)
    return latest.isoformat()


class SqlitePortalPayments:
    def __init__(self, conn: Connection):
        self._conn = conn

    def next_reference_number(self) -> int:
        with unit_of_work(self._conn) as conn:
            row: tuple[int] | None = conn.execute(
                "UPDATE portal_counters SET value = MAX(value + 1, ?) WHERE name = 'reference' RETURNING value",
                (REFERENCE_START,)).fetchone()
            if row is not None:
                return row[0]
            conn.execute("INSERT INTO portal_counters (name, value) VALUES ('reference', ?)", (REFERENCE_START,))
            return REFERENCE_START

    def _row(self, payment: PortalPayment) -> tuple[object, ...]:
        return (payment.reference, payment.session_id, _associate_key(payment.associate), int(payment.is_open),
                int(payment.needs_credit), payment.created_at.isoformat(), payment_to_json(payment))

    def claim(self, payment: PortalPayment) -> bool:
        number = _reference_number(payment.reference)
        if number is None:
            raise ValueError("a portal reference is digits only")
        with unit_of_work(self._conn) as conn:
            row = conn.execute(
                "INSERT INTO portal_payments (reference_number, reference, session_id, associate, is_open, uncredited, "
                "created_at, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING reference_number",
                (number, *self._row(payment))).fetchone()
        return row is not None

    def get(self, reference: str) -> PortalPayment | None:
        number = _reference_number(reference)
        if number is None:
            return None
        row = self._conn.execute("SELECT data FROM portal_payments WHERE reference_number = ?", (number,)).fetchone()
        return payment_from_json(row[0]) if row else None

    def save(self, payment: PortalPayment) -> None:
        with unit_of_work(self._conn) as conn:
            conn.execute(
                "UPDATE portal_payments SET reference = ?, session_id = ?, associate = ?, is_open = ?, uncredited = ?, "
                "created_at = ?, data = ? WHERE reference_number = ?",
                (*self._row(payment), _reference_number(payment.reference)))

    def release(self, reference: str) -> None:
        number = _reference_number(reference)
        with unit_of_work(self._conn) as conn:
            conn.execute("DELETE FROM portal_payments WHERE reference_number = ?", (number,))

    def _list(self, where: str, args: tuple[object, ...], order: str, limit: int) -> list[PortalPayment]:
        rows = self._conn.execute(f"SELECT data FROM portal_payments WHERE {where} ORDER BY reference_number {order} "
                                  "LIMIT ?", (*args, limit)).fetchall()
        return [payment_from_json(r[0]) for r in rows]

    def open_payments(self, limit: int = 200) -> list[PortalPayment]:
        return self._list("is_open = 1", (), "ASC", limit)

    def uncredited(self, limit: int = 200) -> list[PortalPayment]:
        return self._list("uncredited = 1", (), "ASC", limit)

    def of_associate(self, document: IdentityDocument, limit: int = 50) -> list[PortalPayment]:
        return self._list("associate = ?", (_associate_key(document),), "DESC", limit)


class SqliteSondaLock:
    """The sonda's lease: the job named "sonda" of the database's leases (adapters/storage/leases.py).

    Leases run on the machine's monotonic-free wall time (`time.time()`), not the simulated clock: moving
    the simulator's clock must not hand the lease to a second process mid-pass.
    """

    NAME = "sonda"

    def __init__(self, conn: Connection, now: Callable[[], float] = time.time):
        self._leases = SqlLeases(conn, now)

    def acquire(self, holder: str, lease: timedelta) -> bool:
        return self._leases.acquire(self.NAME, holder, lease)

    def release(self, holder: str) -> None:
        self._leases.release(self.NAME, holder)


class SqlitePortalSecrets:
    """The portal's form secret, stored once so every process of one database signs alike."""

    def __init__(self, conn: Connection):
        self._conn = conn

    def secret(self, name: str, candidate: str) -> str:
        with unit_of_work(self._conn) as conn:
            conn.execute("INSERT OR IGNORE INTO portal_secrets (name, value) VALUES (?, ?)", (name, candidate))
            secret: str = conn.execute("SELECT value FROM portal_secrets WHERE name = ?", (name,)).fetchone()[0]
            return secret
