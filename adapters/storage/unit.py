"""A unit of work on a bare SQLite connection: `BEGIN IMMEDIATE … COMMIT`, joined when one is already open.
The same statements run a unit on PostgreSQL (adapters/storage/pg_connection.py: BEGIN and the cluster lock)."""
from __future__ import annotations

from adapters.storage.connection import Connection
from adapters.storage.freshness import writes_discarded
from contextlib import contextmanager
from typing import Iterator


@contextmanager
def unit_of_work(conn: Connection) -> Iterator[Connection]:
    """The one unit-of-work style of every SQLite store: BEGIN IMMEDIATE (the write lock first, so processes
    take turns), COMMIT on success, ROLLBACK on any exception; joined when one is already open. A COMMIT that
    fails rolls back too, so no later unit joins a transaction that can never commit. A unit that rolls back
    writes tells the connection's caches (adapters/storage/freshness.py): a value read inside it may be gone."""
    joined = conn.in_transaction  # part of the caller's unit of work
    if joined:
        yield conn
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
