"""Named leases in the database (table `portal_leases`, migration m0006): one row per job, on SQLite and
PostgreSQL alike (adapters/storage/pg_dialect.py runs the upsert as it is).

Expiry is measured on `now()`: the machine's wall time for one SQLite file (every process on one host), the
database server's clock for PostgreSQL (adapters/storage/pg_store.py `database_clock`), so instances on hosts
whose clocks differ still agree on when a dead holder's lease has run out. Never the simulated clock: moving
it must not hand a lease to a second process mid-pass.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta

from adapters.storage.connection import Connection
from adapters.storage.unit import unit_of_work


class SqlLeases:
    def __init__(self, conn: Connection, now: Callable[[], float] = time.time):
        self._conn = conn
        self._now = now

    def acquire(self, name: str, holder: str, lease: timedelta) -> bool:
        now = self._now()
        with unit_of_work(self._conn) as conn:
            row = conn.execute(
                "INSERT INTO portal_leases (name, holder, expires_at) VALUES (?, ?, ?) "
                "ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at "
                "WHERE portal_leases.holder = excluded.holder OR portal_leases.expires_at <= ? RETURNING holder",
                (name, holder, now + lease.total_seconds(), now)).fetchone()
        return row is not None

    def release(self, name: str, holder: str) -> None:
        with unit_of_work(self._conn) as conn:
            conn.execute("DELETE FROM portal_leases WHERE name = ? AND holder = ?", (name, holder))
