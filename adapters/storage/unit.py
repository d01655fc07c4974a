"""A unit of work on a bare SQLite connection: `BEGIN IMMEDIATE … COMMIT`; a unit opened inside another is a
SAVEPOINT of it. The same statements run a unit on PostgreSQL (adapters/storage/pg_connection.py: BEGIN and the
cluster lock; SAVEPOINT as written)."""
from __future__ import annotations

from adapters.storage.connection import Connection
from adapters.storage.freshness import writes_discarded
from contextlib import contextmanager
from typing import Iterator

# the savepoint of a nested unit: one name is enough, ROLLBACK TO / RELEASE name the innermost one of that name
SAVEPOINT = "pasarela_unit"


@contextmanager
def unit_of_work(conn: Connection) -> Iterator[Connection]:
    """The one unit-of-work style of every SQLite store: BEGIN IMMEDIATE (the write lock first, so processes
    take turns), COMMIT on success, ROLLBACK on any exception. A COMMIT that fails rolls back too, so no later
    unit joins a transaction that can never commit. A unit that rolls back writes tells the connection's caches
    (adapters/storage/freshness.py): a value read inside it may be gone.

    A unit opened while one is already open is part of it, behind a SAVEPOINT: its writes commit with the outer
    unit, and a failure inside it takes back its own writes (ROLLBACK TO) before the error goes on, so an outer
    unit that catches the error commits none of them."""
    joined = conn.in_transaction  # part of the caller's unit of work
    if joined:
        yield from _nested(conn)
        return
    conn.execute("BEGIN IMMEDIATE")
    changes = conn.total_changes
    try:
        yield conn
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        if conn.total_changes != changes:
            writes_discarded(conn)
        raise


def _nested(conn: Connection) -> Iterator[Connection]:
    conn.execute(f"SAVEPOINT {SAVEPOINT}")
    changes = conn.total_changes
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:  # an error that ended the whole transaction left no savepoint to go back to
            conn.execute(f"ROLLBACK TO SAVEPOINT {SAVEPOINT}")
            conn.execute(f"RELEASE SAVEPOINT {SAVEPOINT}")
        if conn.total_changes != changes:
            writes_discarded(conn)
        raise
    conn.execute(f"RELEASE SAVEPOINT {SAVEPOINT}")
