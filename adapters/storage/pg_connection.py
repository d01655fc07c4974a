"""A PostgreSQL database behind sqlite3's connection surface (adapters/storage/connection.py), on a pool.

psycopg 3 (synchronous, like every storage port) with psycopg-pool. Statements are translated once each
(adapters/storage/pg_dialect.py). Each thread that uses it borrows one pooled connection and keeps it (the
event loop's thread: one). Outside a unit of work a statement commits on its own (autocommit, as sqlite3 with
isolation_level=None). A unit of work (`BEGIN IMMEDIATE` … `COMMIT`, adapters/storage/unit.py) first takes a
cluster-wide transaction-level advisory lock: SQLite's write lock, across every instance of the database, so
the use cases' read-then-write steps (a duplicate `id_pago`, a second debit, a sequence's next
number) see what the last unit committed, whichever instance committed it. The lock goes with the
transaction: an instance killed mid-unit holds nothing once PostgreSQL sees its connection drop.
"""
from __future__ import annotations

import re
from contextlib import AbstractContextManager, nullcontext
import threading
from collections.abc import Iterable, Iterator
from typing import Any

import psycopg
from psycopg.pq import ExecStatus
from psycopg_pool import ConnectionPool

from adapters.storage.pg_dialect import Schema, Statement, translate

TUPLES_OK = ExecStatus.TUPLES_OK

# pg_advisory_xact_lock's key for the units of work (an arbitrary number: "pasarela" in letters' positions)
UNIT_LOCK = 16_011_819_121_805_121


# How long a statement waits for a lock (the units' cluster lock included) before it fails: SQLite's busy_timeout.
# A unit is a few statements long; a wait this long means a stuck holder, and an error beats a hung server.
LOCK_TIMEOUT_MS = 10_000


class DatabaseUnavailable(Exception):
    """The server named by the URL cannot be reached or refuses the connection."""


class PgCursor:
    """What a statement returned, read whole (the pooled connection goes back at once)."""

    def __init__(self, rows: list[Any], rowcount: int, lastrowid: int | None):
        self._rows = rows
        self._next = 0
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    def fetchone(self) -> Any:
        if self._next >= len(self._rows):
            return None
        self._next += 1
        return self._rows[self._next - 1]

    def fetchall(self) -> list[Any]:
        rows, self._next = self._rows[self._next:], len(self._rows)
        return rows

    def __iter__(self) -> Iterator[Any]:
        return iter(self.fetchall())


_NOTHING = PgCursor([], -1, None)


def open_pool(url: str, max_size: int = 8) -> ConnectionPool:
    """A pool on `url`, its first connection made now: a bad URL or a stopped server fails here."""
    try:
        psycopg.connect(url, connect_timeout=5).close()  # fails at once, where the pool would retry for 10 s
        pool = ConnectionPool(url, min_size=1, max_size=max_size, kwargs={"autocommit": True, "options": f"-c lock_timeout={LOCK_TIMEOUT_MS}"}, open=False,
                              timeout=10, name="pasarela")
        pool.open(wait=True, timeout=10)
    except (psycopg.Error, ValueError) as error:  # ValueError: psycopg's own refusal of a malformed URL
        raise DatabaseUnavailable(first_line(error)) from error
    return pool


def first_line(error: BaseException) -> str:
    """The first line of a driver's message (libpq's run over several), or the error's name."""
    text = str(error).strip()
    return text.splitlines()[0] if text else type(error).__name__


def redacted(url: str) -> str:
    """The URL with its password, if any, replaced: what messages and logs may show."""
    return re.sub(r"^(\w+://[^:/@]*:)[^@]*@", r"\1***@", url)


class PgConnection:
    """One process's access to the database: a pool, and the unit of work each thread has open. `serialized`:
    units take the cluster lock (the stores); a connection for append-only data (the journal) may go without."""

    def __init__(self, url: str, max_size: int = 8, serialized: bool = True):
        self.url = url
        self._begin_sql = f"BEGIN; SELECT pg_advisory_xact_lock({UNIT_LOCK})" if serialized else "BEGIN"
        self._pool = open_pool(url, max_size)
        self._local = threading.local()
        self._lock = threading.Lock()
        self._lent: list[psycopg.Connection[Any]] = []
        self._statements: dict[str, Statement] = {}
        self._schema = Schema({}, frozenset())
        self.total_changes = 0  # rows this process's statements wrote (adapters/storage/freshness.py)

    # -- the schema the translation needs (read again after migrating) ------------------------------------
    def load_schema(self) -> None:
        with self.raw() as conn:
            keys: dict[str, list[str]] = {}
            for table, column in conn.execute(
                    "SELECT c.relname, a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid "
                    "JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema() "
                    "JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, pos) ON true "
                    "JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
                    "WHERE i.indisprimary ORDER BY c.relname, k.pos"):
                keys.setdefault(table, []).append(column)
            generated = {row[0] for row in conn.execute(
                "SELECT table_name FROM information_schema.columns WHERE table_schema = current_schema() "
                "AND column_name = 'id' AND column_default LIKE 'nextval(%%'", ())}
        self._schema = Schema({t: tuple(c) for t, c in keys.items()}, frozenset(generated))
        self._statements.clear()

    def raw(self) -> AbstractContextManager[psycopg.Connection[Any]]:
        """This thread's psycopg connection, for PostgreSQL's own SQL (migrations, wiping), outside a unit."""
        if self.in_transaction:
            raise RuntimeError("raw SQL inside a unit of work")
        return nullcontext(self._pinned()[0])

    # -- the thread's connection ---------------------------------------------------------------------------
    def _pinned(self) -> tuple[psycopg.Connection[Any], psycopg.Cursor[Any]]:
        """This thread's pooled connection and its one cursor, kept while they work: borrowing a connection per
        statement and a new cursor each time cost more CPU than the statement. A broken one goes back to the
        pool (which discards it) and the next statement borrows another."""
        pinned: tuple[psycopg.Connection[Any], psycopg.Cursor[Any]] | None = getattr(self._local, "pinned", None)
        if pinned is None:
            conn = self._pool.getconn()
            pinned = self._local.pinned = (conn, conn.cursor())
            with self._lock:
                self._lent.append(conn)
        return pinned

    def _unpin_if_broken(self) -> None:
        pinned = getattr(self._local, "pinned", None)
        if pinned is not None and pinned[0].broken:
            self._local.pinned = None
            self._local.in_unit = False
            with self._lock:
                self._lent.remove(pinned[0])
            self._pool.putconn(pinned[0])

    # -- sqlite3's surface ----------------------------------------------------------------------------
    @property
    def in_transaction(self) -> bool:
        return bool(getattr(self._local, "in_unit", False))

    def _statement(self, sql: str) -> Statement:
        statement = self._statements.get(sql)
        if statement is None:
            statement = self._statements[sql] = translate(sql, self._schema)
        return statement

    def execute(self, sql: str, parameters: Any = (), /) -> PgCursor:
        statement = self._statement(sql)
        if statement.control is not None:
            getattr(self, f"_{statement.control}")()
            return _NOTHING
        _, cursor = self._pinned()
        try:
            cursor.execute(statement.sql, tuple(parameters))
        except psycopg.Error:
            self._unpin_if_broken()
            raise
        result = cursor.pgresult
        rows = cursor.fetchall() if result is not None and result.status == TUPLES_OK else []
        if statement.writes and cursor.rowcount > 0:
            self.total_changes += cursor.rowcount
        return PgCursor(rows, cursor.rowcount, rows[0][0] if statement.returns_id and rows else None)

    def executemany(self, sql: str, parameters: Iterable[Any], /) -> PgCursor:
        statement = self._statement(sql)
        rows = [tuple(p) for p in parameters]
        if not rows:
            return _NOTHING
        if len(rows) == 1:  # a payment's one attempt: a plain statement, not a pipeline
            return self.execute(sql, rows[0])
        _, cursor = self._pinned()
        try:
            if statement.copy is not None and len(rows) > 1:  # a row costs a tenth of an INSERT's
                with cursor.copy(statement.copy) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(statement.sql.removesuffix(" RETURNING id"), rows)
        except psycopg.Error:
            self._unpin_if_broken()
            raise
        if statement.writes:
            self.total_changes += max(cursor.rowcount, len(rows))
        return PgCursor([], cursor.rowcount, None)

    # -- the unit of work -------------------------------------------------------------------------------
    def _begin(self) -> None:
        if self.in_transaction:
            raise RuntimeError("cannot start a transaction within a transaction")
        _, cursor = self._pinned()
        try:
            cursor.execute(self._begin_sql)
        except psycopg.Error:
            self._unpin_if_broken()
            raise
        self._local.in_unit = True

    def _end(self, command: str) -> None:
        # a rollback of writes is told to the caches by the unit of work (adapters/storage/unit.py), as on SQLite
        self._local.in_unit = False
        _, cursor = self._pinned()
        try:
            cursor.execute(command)
        except psycopg.Error:
            self._unpin_if_broken()
            if command == "COMMIT":
                raise  # the transaction is over either way: PostgreSQL rolled it back

    def _commit(self) -> None:
        self._end("COMMIT")

    def _rollback(self) -> None:
        self._end("ROLLBACK")

    def close(self) -> None:
        with self._lock:
            lent, self._lent = self._lent, []
        for conn in lent:  # every thread's connection back, so that closing the pool closes them too
            self._pool.putconn(conn)
        self._pool.close()
