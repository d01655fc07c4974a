"""The SQLite store: the embedded default. One file, WAL mode, versioned migrations.

Durability: every unit of work is one `BEGIN IMMEDIATE … COMMIT`; with WAL and synchronous=NORMAL
a committed transaction survives the process being killed (SIGKILL), which is the failure the
simulator must tolerate; an OS crash may lose the last commits, which a test stand-in can accept.
The connection is used from the event loop's thread only (short statements, no executor hop).
"""
from __future__ import annotations

import contextlib
import random
import sqlite3
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from collections.abc import Callable
from typing import Any, Iterator
from datetime import datetime

from adapters.storage.connection import Connection
from adapters.storage.coopcentral_sqlite import SqliteCoopcentral
from adapters.storage.deliveries import SqliteDeliveries
from adapters.storage.records import (
    ATTEMPT_COLUMNS, MERCHANT_COLUMNS, PAYMENT_COLUMNS, attempt_from_row, attempt_row, merchant_from_row,
    merchant_row, payment_from_row, payment_row,
)
from adapters.storage.freshness import Cached, Freshness
from adapters.storage.migrations import MIGRATIONS
from adapters.storage.scheduled_outcomes import SqliteScheduledOutcomes
from adapters.storage.tokens_sqlite import SqliteTokens
from adapters.storage.unit import unit_of_work
from adapters.storage.pse_sqlite import SqliteInbox, SqlitePse
from domain.gateway.merchant import Merchant
from domain.gateway.payment import Payment
from domain.gateway.verification_view import VerificationView, build_view
from domain.shared.payment_states import PaymentState
from ports.gateway_store import PaymentSummary

# Where each sequence starts, so numbers look like the real ones (identificador 42751988, CUS 1468228).
SEQUENCE_STARTS = {"payment": 42750000, "attempt": 3700, "cus": 1468000, "ticket": 18092100000,
                   "network_transaction": 52031000}  # the Red Coopcentral's "No. Transacción"


def connect(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=5000")
    migrate(conn)
    return conn


def migrate(conn: sqlite3.Connection) -> None:
    """Apply, in name order, every migration the file has not recorded yet, each in its own transaction.

    Applied migrations are recorded by name in `schema_migrations`, so a module added between two
    shipped ones is still applied exactly once; a file that knows migrations this version does not is
    refused rather than guessed at.
    """
    conn.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    applied = {row[0] for row in conn.execute("SELECT name FROM schema_migrations")}
    unknown = applied - {name for name, _ in MIGRATIONS}
    if unknown:
        raise RuntimeError(f"the database has migrations this version does not know: {sorted(unknown)}")
    for name, script in MIGRATIONS:
        if name in applied:
            continue
        with unit_of_work(conn):
            for statement in filter(str.strip, script.split(";")):
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (?, datetime('now'))", (name,))
            conn.execute(f"PRAGMA user_version={len(applied) + 1}")
        applied.add(name)


def _placeholders(columns: tuple[str, ...]) -> str:
    return ", ".join("?" for _ in columns)


_PAYMENT_WITH_ATTEMPTS = (
    f"SELECT {', '.join('p.' + c for c in PAYMENT_COLUMNS)}, {', '.join('a.' + c for c in ATTEMPT_COLUMNS)} "
    "FROM payments p LEFT JOIN attempts a ON a.identifier = p.identifier "
    "WHERE p.merchant_id = ? AND p.reference = ? ORDER BY a.number"
)


VIEW_COLUMNS = ("view_needs_full_path", "view_timer", "view_timer_since", "view_attempts", "view_padded",
                "view_compact")
_INSERT_PAYMENT = (f"INSERT INTO payments ({', '.join(PAYMENT_COLUMNS + VIEW_COLUMNS)}) "
                   f"VALUES ({', '.join('?' for _ in PAYMENT_COLUMNS + VIEW_COLUMNS)})")
_UPDATE_PAYMENT = f"UPDATE payments SET verifications = ?, {', '.join(c + ' = ?' for c in VIEW_COLUMNS)} WHERE identifier = ?"
_READ_VIEW = (f"SELECT identifier, {', '.join(VIEW_COLUMNS)} FROM payments "
              "WHERE merchant_id = ? AND reference = ? AND view_padded IS NOT NULL")


def _view_values(payment: Payment) -> tuple[Any, ...]:
    """The verification read model's columns (domain/gateway/verification_view.py) for the payment's row."""
    view = build_view(payment)
    return (int(view.needs_full_path), view.timer, view.timer_since, view.count, view.padded, view.compact)


class SqlitePayments:
    """Payments and their attempts. No cache reads these tables: their writes leave the caches valid."""

    def __init__(self, conn: Connection, freshness: Freshness | None = None):
        self._conn = conn
        self._freshness = freshness or Freshness(conn)

    def add(self, payment: Payment) -> None:
        """The payment's row (with its verification read model) and its attempts, in the caller's unit of work."""
        before = self._conn.total_changes
        self._conn.execute(_INSERT_PAYMENT, (*payment_row(payment), *_view_values(payment)))
        self._write_attempts(payment)
        self._freshness.uncounted(before)

    def save(self, payment: Payment) -> None:
        before = self._conn.total_changes
        self._conn.execute(_UPDATE_PAYMENT, (payment.verifications, *_view_values(payment), payment.identifier))
        self._write_attempts(payment)
        self._freshness.uncounted(before)

    def _write_attempts(self, payment: Payment) -> None:
        self._conn.executemany(
            f"INSERT OR REPLACE INTO attempts ({', '.join(ATTEMPT_COLUMNS)}) VALUES ({_placeholders(ATTEMPT_COLUMNS)})",
            [attempt_row(payment.identifier, a) for a in payment.attempts],
        )

    def summaries(self, limit: int = 1000, merchant_id: int | None = None) -> list[PaymentSummary]:
        # the current attempt is the one with the highest number (the key of attempts, (identifier, number),
        # serves the subquery)
        sql = ("SELECT identifier, merchant_id, created_at, (SELECT state FROM attempts a WHERE a.identifier = "
               "p.identifier ORDER BY number DESC LIMIT 1) FROM payments p")
        params: list[object] = []
        if merchant_id is not None:
            sql += " WHERE merchant_id = ?"
            params.append(merchant_id)
        rows = self._conn.execute(sql + " ORDER BY identifier DESC LIMIT ?", (*params, limit)).fetchall()
        return [PaymentSummary(i, m, datetime.fromisoformat(at), PaymentState(s if s is not None else 888))
                for i, m, at, s in rows]

    def verification_view(self, merchant_id: int, reference: str) -> VerificationView | None:
        row = self._conn.execute(_READ_VIEW, (merchant_id, reference)).fetchone()
        return None if row is None else VerificationView(row[0], bool(row[1]), *row[2:])

    def awaiting_settlement(self, merchant_ids: list[int], limit: int = 50) -> list[int]:
        if not merchant_ids:
            return []
        marks = ", ".join("?" for _ in merchant_ids)
        rows = self._conn.execute(
            "SELECT a.identifier FROM attempts a JOIN payments p ON p.identifier = a.identifier "
            f"WHERE a.state IN (999, 4001) AND p.merchant_id IN ({marks}) "
            "AND a.number = (SELECT MAX(b.number) FROM attempts b WHERE b.identifier = a.identifier) "
            "ORDER BY a.number LIMIT ?", (*merchant_ids, limit)).fetchall()
        return [row[0] for row in rows]

    def backfill_views(self) -> int:
        """Write the read model of every payment that has none (a file from before migration m0011)."""
        if "view_padded" not in {row[1] for row in self._conn.execute("PRAGMA table_info(payments)")}:
            return 0  # a schema without the read model (a test that applies some migrations only)
        missing = [row[0] for row in self._conn.execute("SELECT identifier FROM payments WHERE view_padded IS NULL")]
        if not missing:
            return 0
        before = self._conn.total_changes
        with unit_of_work(self._conn):
            for identifier in missing:
                payment = self.get(identifier)
                if payment is not None:
                    self._conn.execute(f"UPDATE payments SET {', '.join(c + ' = ?' for c in VIEW_COLUMNS)} "
                                       "WHERE identifier = ?", (*_view_values(payment), identifier))
        self._freshness.uncounted(before)
        return len(missing)

    def _load(self, row: tuple[Any, ...] | None) -> Payment | None:
        if row is None:
            return None
        attempts = [
            attempt_from_row(r)
            for r in self._conn.execute(
                f"SELECT {', '.join(ATTEMPT_COLUMNS)} FROM attempts WHERE identifier = ? ORDER BY number", (row[0],)
            )
        ]
        return payment_from_row(row, attempts)

    def get(self, identifier: int) -> Payment | None:
        row = self._conn.execute(
            f"SELECT {', '.join(PAYMENT_COLUMNS)} FROM payments WHERE identifier = ?", (identifier,)
        ).fetchone()
        return self._load(row)

    def find_by_reference(self, merchant_id: int, reference: str) -> Payment | None:
        # one statement (one read transaction) for the payment and its attempts: every verification asks; a
        # payment without attempts is one row whose attempt columns are NULL (the LEFT JOIN)
        rows = self._conn.execute(_PAYMENT_WITH_ATTEMPTS, (merchant_id, reference)).fetchall()
        if not rows:
            return None
        width = len(PAYMENT_COLUMNS)
        return payment_from_row(rows[0][:width], [attempt_from_row(row[width:]) for row in rows
                                                  if row[width] is not None])

    def list_recent(self, limit: int = 100, before: int | None = None) -> list[Payment]:
        rows = self._conn.execute(
            f"SELECT {', '.join(PAYMENT_COLUMNS)} FROM payments WHERE identifier < ? ORDER BY identifier DESC LIMIT ?",
            (2**63 - 1 if before is None else before, limit),
        ).fetchall()
        return [p for p in (self._load(r) for r in rows) if p is not None]


class SqliteMerchants:
    """Merchants, read once per database change: every SOAP call looks its merchant up."""

    def __init__(self, conn: Connection, freshness: Freshness | None = None):
        self._conn = conn
        self._all = Cached(freshness or Freshness(conn), self._load_all)

    def _load_all(self) -> dict[int, Merchant]:
        rows = self._conn.execute(f"SELECT {', '.join(MERCHANT_COLUMNS)} FROM merchants").fetchall()
        return {row[0]: merchant_from_row(row) for row in rows}

    def get(self, merchant_id: int) -> Merchant | None:
        return self._all.get().get(merchant_id)

    def add(self, merchant: Merchant) -> None:
        self._conn.execute(
            f"INSERT OR REPLACE INTO merchants ({', '.join(MERCHANT_COLUMNS)}) VALUES ({_placeholders(MERCHANT_COLUMNS)})",
            merchant_row(merchant),
        )

    def list(self) -> list[Merchant]:
        return [
            merchant_from_row(r)
            for r in self._conn.execute(f"SELECT {', '.join(MERCHANT_COLUMNS)} FROM merchants ORDER BY id")
        ]


class SqliteIds:
    """Sequences in the same database, advanced inside the caller's transaction (no cache reads them)."""

    def __init__(self, conn: Connection, rng: random.Random, freshness: Freshness | None = None):
        self._conn = conn
        self._rng = rng
        self._freshness = freshness or Freshness(conn)

    def next_number(self, sequence: str) -> int:
        before = self._conn.total_changes
        row: tuple[int] | None = self._conn.execute(
            "UPDATE sequences SET value = value + 1 WHERE name = ? RETURNING value", (sequence,)
        ).fetchone()
        if row is None:
            row = (SEQUENCE_STARTS.get(sequence, 1),)
            self._conn.execute("INSERT INTO sequences (name, value) VALUES (?, ?)", (sequence, row[0]))
        self._freshness.uncounted(before)
        return row[0]

    def random_digits(self, length: int) -> str:
        return "".join(str(self._rng.randrange(10)) for _ in range(length))


class SqlRepositories:
    """Every context's repositories on one SQL connection: SQLite's, or PostgreSQL's behind the same surface
    (adapters/storage/pg_store.py). The stores differ only in how they connect and close."""

    conn: Connection

    def _open_repositories(self, rng: random.Random | None, claims_clock: Callable[[], float] = time.time) -> None:
        self.freshness = Freshness(self.conn)
        self.payments = SqlitePayments(self.conn, self.freshness)
        self.merchants = SqliteMerchants(self.conn, self.freshness)
        self.tokens = SqliteTokens(self.conn)
        self.pse = SqlitePse(self.conn)
        self.notifications = SqliteInbox(self.conn)
        self.scheduled_outcomes = SqliteScheduledOutcomes(self.conn, self.freshness)
        self.coopcentral = SqliteCoopcentral(self.conn)
        self.deliveries = SqliteDeliveries(self.conn, self.freshness, claims_clock)
        self.ids = SqliteIds(self.conn, rng or random.SystemRandom(), self.freshness)
        self.payments.backfill_views()
        self._closed = False

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A unit of work (adapters/storage/unit.py): a nested one is a SAVEPOINT of the outer one."""
        with unit_of_work(self.conn):
            yield


class SqliteStore(SqlRepositories):
    """The SimulatorStore (every context's repositories) on one SQLite file."""

    def __init__(self, path: str | Path, rng: random.Random | None = None):
        self.path = str(path)
        self.conn = connect(path)
        self._open_repositories(rng)
        self._checkpointer: tuple[threading.Event, threading.Thread] | None = None

    def start_checkpointer(self, interval: float = 0.5) -> None:
        """Move WAL checkpoints (and their fsync) off the serving thread: this connection stops
        auto-checkpointing and a daemon thread with its own connection checkpoints passively."""
        if self._checkpointer is not None:
            return
        self.conn.execute("PRAGMA wal_autocheckpoint=0")
        stop = threading.Event()

        def run() -> None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA busy_timeout=5000")
            try:
                while not stop.wait(interval):
                    with contextlib.suppress(sqlite3.OperationalError):  # busy: next round
                        conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                conn.close()

        thread = threading.Thread(target=run, name="sqlite-checkpointer", daemon=True)
        thread.start()
        self._checkpointer = (stop, thread)

    def close(self) -> None:
        """Stop the checkpointer, empty the WAL, close. Closing twice is harmless."""
        if self._closed:
            return
        self._closed = True
        if self._checkpointer is not None:
            stop, thread = self._checkpointer
            stop.set()
            thread.join(5)
            self._checkpointer = None
        with contextlib.suppress(sqlite3.OperationalError):  # a clean stop leaves an empty WAL behind
            self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.conn.close()


# Kept by a reset: the schema's own bookkeeping, the shared state row, and the secrets that sign the
# pages' forms (a worker may hold them in memory).
KEPT_BY_RESET = {"schema_migrations", "sqlite_sequence", "sim_state", "sim_secrets", "portal_secrets"}


def wipe_data(conn: sqlite3.Connection) -> list[str]:
    """Delete every row of every data table in one transaction; return the tables emptied."""
    tables = [row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
              if row[0] not in KEPT_BY_RESET]
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute("PRAGMA defer_foreign_keys = ON")
        for table in tables:
            conn.execute(f'DELETE FROM "{table}"')
        conn.execute("UPDATE sim_state SET clock_offset = 0, config_version = config_version + 1 WHERE id = 1")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return tables
