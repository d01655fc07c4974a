"""The PostgreSQL store: every repository the SQLite file holds, on a database several instances share.

The repositories are the SQLite store's own classes (written once, in SQLite's dialect) on a PgConnection
(adapters/storage/pg_connection.py). Adding a repository to both stores is one line in
`SqlRepositories._open_repositories` (adapters/storage/sqlite.py), and its tables in a migration, which
PostgreSQL runs translated or in its own `POSTGRES` form.
"""
from __future__ import annotations

import random
from collections.abc import Callable

import psycopg

from adapters.storage.migrations import NOCASE, POSTGRES_MIGRATIONS
from adapters.storage.pg_connection import DatabaseUnavailable, PgConnection, first_line
from adapters.storage.sqlite import KEPT_BY_RESET, SqlRepositories
from adapters.storage.unit import unit_of_work

# pg_advisory_lock's key while migrating: instances starting together migrate one after the other
MIGRATION_LOCK = 16_011_819_121_805_122


def is_postgres_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def connect_postgres(url: str, max_size: int = 8, serialized: bool = True) -> PgConnection:
    """A pooled connection to the database at `url`, its schema migrated (DatabaseUnavailable if unreachable or
    refused: a missing database, a user without the right to create tables)."""
    conn = PgConnection(url, max_size, serialized)
    try:
        migrate_postgres(conn)
        conn.load_schema()
    except psycopg.Error as error:
        conn.close()
        raise DatabaseUnavailable(first_line(error)) from error
    except BaseException:
        conn.close()
        raise
    return conn


def database_clock(conn: PgConnection) -> Callable[[], float]:
    """The database server's wall time (seconds since the epoch): what leases expire on when instances run on
    several hosts (adapters/storage/leases.py)."""
    def now() -> float:
        value: float = conn.execute("SELECT CAST(EXTRACT(EPOCH FROM clock_timestamp()) AS DOUBLE PRECISION)").fetchone()[0]
        return value
    return now


def migrate_postgres(conn: PgConnection) -> None:
    """Apply every migration the database has not recorded (the same list and rule as SQLite's `migrate`)."""
    with conn.raw() as raw:
        raw.execute(f"SELECT pg_advisory_lock({MIGRATION_LOCK})")
        try:
            raw.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            applied = {row[0] for row in raw.execute("SELECT name FROM schema_migrations")}
            unknown = applied - {name for name, _ in POSTGRES_MIGRATIONS}
            if unknown:
                raise RuntimeError(f"the database has migrations this version does not know: {sorted(unknown)}")
            if not applied:
                raw.execute(f"DO $$ BEGIN CREATE COLLATION {NOCASE} (provider = icu, locale = 'und-u-ks-level2', "
                            "deterministic = false); EXCEPTION WHEN duplicate_object THEN NULL; END $$")
            for name, script in POSTGRES_MIGRATIONS:
                if name in applied:
                    continue
                with raw.transaction():
                    if script.strip():
                        raw.execute(script)
                    raw.execute("INSERT INTO schema_migrations (name, applied_at) VALUES (%s, now()::text)", (name,))
        finally:
            raw.execute(f"SELECT pg_advisory_unlock({MIGRATION_LOCK})")


def data_tables(conn: PgConnection, kept: set[str]) -> list[str]:
    with conn.raw() as raw:
        return [row[0] for row in raw.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
            if row[0] not in kept]


def wipe_postgres(conn: PgConnection, kept: set[str] = KEPT_BY_RESET) -> list[str]:
    """Empty every data table in one transaction (the reset of the control API); return the tables emptied."""
    tables = data_tables(conn, {*kept, "cache_version"})
    with unit_of_work(conn):
        conn.execute(f"TRUNCATE {', '.join(tables)}")
        conn.execute("UPDATE sim_state SET clock_offset = 0, config_version = config_version + 1 WHERE id = 1")
    return tables


class PostgresStore(SqlRepositories):
    """The SimulatorStore (every context's repositories) on one PostgreSQL database."""

    def __init__(self, url: str, rng: random.Random | None = None, max_size: int = 8):
        self.url = url
        self.conn = connect_postgres(url, max_size)
        # claims expire on the server's clock, as leases do: instances on hosts whose clocks differ agree on when
        # a dead deliverer's claims may be taken over
        self._open_repositories(rng, database_clock(self.conn))

    def close(self) -> None:
        """Close the pool. Closing twice is harmless."""
        if not self._closed:
            self._closed = True
            self.conn.close()
