"""The request journal in its own SQLite file, beside the database: `<db>.journal.sqlite3`.

The journal is a diagnostic record, not acknowledged data, and it is written on every request. In the
main file its commits would grow the WAL the checkpointer copies back and move `PRAGMA data_version`,
which makes every worker reload its cached merchants, clock offset and fault rules. In a file of its
own it does neither, and it runs with `synchronous=OFF` (WAL mode: a killed process loses nothing
committed; only an operating-system crash may lose the last entries).
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from adapters.storage.connection import Connection
from adapters.storage.unit import unit_of_work
from ports.sim_state import JournalEntry, JournalMetric

JOURNAL_COLUMNS = "at, channel, operation, method, path, status, duration_ms, remote, request, response, request_id"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS journal ("
    " id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, channel TEXT NOT NULL, operation TEXT NOT NULL,"
    " method TEXT NOT NULL, path TEXT NOT NULL, status INTEGER NOT NULL, duration_ms REAL NOT NULL,"
    " remote TEXT NOT NULL, request TEXT NOT NULL, response TEXT NOT NULL, request_id TEXT NOT NULL DEFAULT '')",
    # no index by operation: every write would maintain it, and a query by operation reads newest first
    # and stops at its limit, which an index saves little on (10,000 entries at most)
    "DROP INDEX IF EXISTS journal_by_operation",
)


def journal_path(db: str | Path) -> Path:
    """Where the journal of database `db` lives (not `-journal`: that suffix is SQLite's own)."""
    return Path(f"{db}.journal.sqlite3")


def connect_journal(path: str | Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute("PRAGMA busy_timeout=5000")
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=OFF")
    for statement in _SCHEMA:
        conn.execute(statement)
    columns = {row[1] for row in conn.execute("PRAGMA table_info(journal)")}
    if "request_id" not in columns:  # a journal file written before request ids
        conn.execute("ALTER TABLE journal ADD COLUMN request_id TEXT NOT NULL DEFAULT ''")
    return conn


class SqliteJournal:
    """The journal table, trimmed to the newest `capacity` entries.

    The trim runs once every `capacity // 10` appended entries rather than with every batch: a DELETE
    per batch costs a statement each time for a few rows. Between trims the table holds up to 10 %
    more than `capacity`; a query never sees fewer than the newest `capacity`.
    """

    def __init__(self, conn: Connection, capacity: int = 10_000):
        self._conn = conn
        self._capacity = capacity
        self._trim_every = max(1, capacity // 10)
        self._since_trim = self._trim_every  # the first batch trims what an earlier run left

    @classmethod
    def beside(cls, db: str | Path, capacity: int = 10_000) -> SqliteJournal:
        return cls(connect_journal(journal_path(db)), capacity)

    def append(self, entries: list[JournalEntry]) -> None:
        if not entries:
            return
        with unit_of_work(self._conn) as conn:  # one transaction per batch
            conn.executemany(f"INSERT INTO journal ({JOURNAL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", entries)
            self._since_trim += len(entries)
            if self._since_trim >= self._trim_every:
                conn.execute("DELETE FROM journal WHERE id <= (SELECT MAX(id) FROM journal) - ?", (self._capacity,))
                self._since_trim = 0

    def query(self, operation: str | None = None, channel: str | None = None, after_id: int = 0,
              limit: int = 100, before_id: int | None = None) -> list[tuple[int, JournalEntry]]:
        sql = f"SELECT id, {JOURNAL_COLUMNS} FROM journal WHERE id > ?"
        params: list[object] = [after_id]
        if before_id is not None:
            sql += " AND id < ?"
            params.append(before_id)
        if operation:
            sql += " AND operation = ?"
            params.append(operation)
        if channel:
            sql += " AND channel = ?"
            params.append(channel)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(limit)
        return [(row[0], JournalEntry(*row[1:])) for row in self._conn.execute(sql, params)]

    def metrics(self, limit: int = 5000, operation: str | None = None) -> list[JournalMetric]:
        # the simulator's own deliveries to merchants (channel saliente) are not requests it answered
        where, params = ("AND operation = ? ", (operation,)) if operation else ("", ())
        rows = self._conn.execute("SELECT id, at, operation, status, duration_ms FROM journal "
                                  f"WHERE channel <> 'saliente' {where}ORDER BY id DESC LIMIT ?", (*params, limit))
        return [JournalMetric(*row) for row in rows]

    def clear(self) -> None:
        self._conn.execute("DELETE FROM journal")

    def close(self) -> None:
        self._conn.close()
