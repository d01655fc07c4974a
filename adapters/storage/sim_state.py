"""SQLite implementations of the simulator-control ports (fault rules, request journal)."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timezone
from typing import Iterator

from adapters.storage.freshness import Cached, Freshness
from ports.sim_state import FaultRule, JournalEntry

@contextmanager
def _atomic(conn: sqlite3.Connection) -> Iterator[None]:
    """One short write transaction (the connection is in autocommit mode; these never nest)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


JOURNAL_COLUMNS = "at, channel, operation, method, path, status, duration_ms, remote, request, response"


class SqliteFaultRules:
    def __init__(self, conn: sqlite3.Connection, freshness: Freshness | None = None):
        self._conn = conn
        self._version = Cached(freshness or Freshness(conn), self._read_version)

    def _read_version(self) -> int:
        return self._conn.execute("SELECT config_version FROM sim_state WHERE id = 1").fetchone()[0]

    def version(self) -> int:
        return self._version.get()

    def _bump(self) -> None:
        self._conn.execute("UPDATE sim_state SET config_version = config_version + 1 WHERE id = 1")

    def list(self) -> list[FaultRule]:
        rows = self._conn.execute(
            "SELECT id, operation, kind, delay_ms, delay_max_ms, probability, remaining FROM fault_rules ORDER BY id"
        ).fetchall()
        return [FaultRule(*row) for row in rows]

    def add(self, rule: FaultRule) -> FaultRule:
        with _atomic(self._conn):
            cursor = self._conn.execute(
                "INSERT INTO fault_rules (operation, kind, delay_ms, delay_max_ms, probability, remaining, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (rule.operation, rule.kind, rule.delay_ms, rule.delay_max_ms, rule.probability, rule.remaining,
                 datetime.now(timezone.utc).isoformat()),
            )
            self._bump()
        return replace(rule, id=cursor.lastrowid)

    def remove(self, rule_id: int) -> bool:
        with _atomic(self._conn):
            removed = self._conn.execute("DELETE FROM fault_rules WHERE id = ?", (rule_id,)).rowcount
            self._bump()
        return bool(removed)

    def clear(self) -> None:
        with _atomic(self._conn):
            self._conn.execute("DELETE FROM fault_rules")
            self._bump()

    def take(self, rule_id: int) -> bool:
        with _atomic(self._conn):
            row = self._conn.execute(
                "UPDATE fault_rules SET remaining = remaining - 1 WHERE id = ? AND remaining > 0 RETURNING remaining",
                (rule_id,),
            ).fetchone()
            if row is not None and row[0] == 0:
                self._conn.execute("DELETE FROM fault_rules WHERE id = ?", (rule_id,))
                self._bump()
        return row is not None


class SqliteJournal:
    """The journal table, trimmed to the newest `capacity` entries."""

    def __init__(self, conn: sqlite3.Connection, capacity: int = 10_000):
        self._conn = conn
        self._capacity = capacity

    def append(self, entries: list[JournalEntry]) -> None:
        if not entries:
            return
        with _atomic(self._conn):
            self._conn.executemany(
                f"INSERT INTO journal ({JOURNAL_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(e.at, e.channel, e.operation, e.method, e.path, e.status, e.duration_ms, e.remote, e.request,
                  e.response) for e in entries],
            )
            self._conn.execute(
                "DELETE FROM journal WHERE id <= (SELECT MAX(id) FROM journal) - ?", (self._capacity,)
            )

    def query(self, operation: str | None = None, channel: str | None = None, after_id: int = 0,
              limit: int = 100) -> list[tuple[int, JournalEntry]]:
        sql = f"SELECT id, {JOURNAL_COLUMNS} FROM journal WHERE id > ?"
        params: list = [after_id]
        if operation:
            sql += " AND operation = ?"
            params.append(operation)
        if channel:
            sql += " AND channel = ?"
            params.append(channel)
        sql += " ORDER BY id DESC LIMIT ?"
        params.append(limit)
        return [(row[0], JournalEntry(*row[1:])) for row in self._conn.execute(sql, params)]

    def clear(self) -> None:
        with _atomic(self._conn):
            self._conn.execute("DELETE FROM journal")
