"""SQLite implementation of the fault-rules port (the request journal is in journal_sqlite.py)."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timezone
from typing import cast

from adapters.storage.connection import Connection
from adapters.storage.freshness import Cached, Freshness
from adapters.storage.unit import unit_of_work
from ports.sim_state import FaultRule


class SqliteFaultRules:
    def __init__(self, conn: Connection, freshness: Freshness | None = None):
        self._conn = conn
        self._version = Cached(freshness or Freshness(conn), self._read_version)

    def _read_version(self) -> int:
        version: int = self._conn.execute("SELECT config_version FROM sim_state WHERE id = 1").fetchone()[0]
        return version

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
        with unit_of_work(self._conn):
            cursor = self._conn.execute(
                "INSERT INTO fault_rules (operation, kind, delay_ms, delay_max_ms, probability, remaining, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                (rule.operation, rule.kind, rule.delay_ms, rule.delay_max_ms, rule.probability, rule.remaining,
                 datetime.now(timezone.utc).isoformat()),
            )
            self._bump()
        return replace(rule, id=cast(int, cursor.lastrowid))  # set by the INSERT

    def remove(self, rule_id: int) -> bool:
        with unit_of_work(self._conn):
            removed = self._conn.execute("DELETE FROM fault_rules WHERE id = ?", (rule_id,)).rowcount
            self._bump()
        return bool(removed)

    def clear(self) -> None:
        with unit_of_work(self._conn):
            self._conn.execute("DELETE FROM fault_rules")
            self._bump()

    def take(self, rule_id: int) -> bool:
        with unit_of_work(self._conn):
            row = self._conn.execute(
                "UPDATE fault_rules SET remaining = remaining - 1 WHERE id = ? AND remaining > 0 RETURNING remaining",
                (rule_id,),
            ).fetchone()
            if row is not None and row[0] == 0:
                self._conn.execute("DELETE FROM fault_rules WHERE id = ?", (rule_id,))
                self._bump()
        return row is not None
