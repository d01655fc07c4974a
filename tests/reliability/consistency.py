"""What must hold in the simulator's database whatever was thrown at it: read straight from the file
(a read-only connection; WAL lets it read while the simulator writes)."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from domain.shared.payment_states import PaymentState

LEGAL_STATES = {int(s) for s in PaymentState}


def problems_in(db: Path) -> list[str]:
    """Every broken invariant, in words; [] when the file is consistent.

    SQLite's integrity and foreign keys; every payment has an attempt; every attempt is in a legal state,
    reached along legal edges from 888 (its history); no merchant has a reference twice; the ledger never
    credits a (reference, product) twice; every ACH transaction is in one of ACH's states.
    """
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        found: list[str] = []
        integrity = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            found.append(f"integrity_check: {integrity[:5]}")
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
        if foreign:
            found.append(f"foreign_key_check: {foreign[:5]}")
        lonely = conn.execute("SELECT identifier FROM payments WHERE identifier NOT IN "
                              "(SELECT identifier FROM attempts)").fetchall()
        if lonely:
            found.append(f"payments without an attempt: {[r[0] for r in lonely[:5]]}")
        for number, state, history in conn.execute("SELECT number, state, history FROM attempts"):
            found.extend(_attempt_problems(number, state, json.loads(history)))
        twice = conn.execute("SELECT merchant_id, reference, COUNT(*) FROM payments GROUP BY merchant_id, reference "
                             "HAVING COUNT(*) > 1").fetchall()
        if twice:
            found.append(f"duplicate (merchant, reference): {twice[:5]}")
        credited = conn.execute("SELECT reference, type_code, number, COUNT(*) FROM coop_credits "
                                "GROUP BY reference, entity_nit, type_code, number HAVING COUNT(*) > 1").fetchall()
        if credited:
            found.append(f"a product credited twice for one reference: {credited[:5]}")
        found.extend(_ach_problems(conn))
        return found
    finally:
        conn.close()


def _attempt_problems(number: int, state: int, history: list) -> list[str]:
    if state not in LEGAL_STATES:
        return [f"attempt {number} in an unknown state {state}"]
    states = [PaymentState(s) for s, _at, _reason in history]
    if not states or states[-1] != state:
        return [f"attempt {number}: state {state} is not the last of its history {[int(s) for s in states]}"]
    path = [PaymentState.PENDING_START, *states] if states[0] is not PaymentState.PENDING_START else states
    illegal = [(int(a), int(b)) for a, b in zip(path, path[1:]) if not a.can_move_to(b)]
    return [f"attempt {number}: illegal transitions {illegal}"] if illegal else []


def _ach_problems(conn: sqlite3.Connection) -> list[str]:
    tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "pse_transactions" not in tables:
        return []
    columns = {row[1] for row in conn.execute("PRAGMA table_info(pse_transactions)")}
    if "state" not in columns:
        return []
    odd = conn.execute("SELECT COUNT(*) FROM pse_transactions WHERE state NOT IN "
                       "('PENDING', 'OK', 'NOT_AUTHORIZED', 'FAILED')").fetchone()[0]
    return [f"{odd} ACH transactions in an unknown state"] if odd else []


def row_counts(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return {table: conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
                for table in ("payments", "attempts", "pse_transactions", "portal_payments", "coop_credits")}
    finally:
        conn.close()
