"""ACH's data and the simulator's inbox on the SQLite file (tables of migration m0003_pse)."""
from __future__ import annotations

from datetime import datetime
from typing import cast

from adapters.storage.connection import Connection
from adapters.storage.pse_records import (
    MESSAGE_COLUMNS, PAYER_COLUMNS, TRANSACTION_COLUMNS, message_from_row, payer_from_row, payer_row,
    transaction_from_row, transaction_row,
)
from domain.ach.payer import PsePayer
from domain.ach.transaction import PseTransaction
from ports.notifications import Channel, Message

_T_COLS = ", ".join(TRANSACTION_COLUMNS)
_T_MARKS = ", ".join("?" for _ in TRANSACTION_COLUMNS)
_P_COLS = ", ".join(PAYER_COLUMNS)
_P_MARKS = ", ".join("?" for _ in PAYER_COLUMNS)
_M_COLS = ", ".join(MESSAGE_COLUMNS)


def email_key(address: str) -> str:
    """How an address is looked up (migration m0016): every letter folded, as the memory store does; SQLite's
    COLLATE NOCASE folds ASCII letters only."""
    return address.strip().casefold()


class SqlitePse:
    def __init__(self, conn: Connection):
        self._conn = conn

    def add_transaction(self, transaction: PseTransaction) -> None:
        self._conn.execute(f"INSERT INTO pse_transactions ({_T_COLS}) VALUES ({_T_MARKS})", transaction_row(transaction))

    def save_transaction(self, transaction: PseTransaction) -> None:
        self._conn.execute(
            f"INSERT OR REPLACE INTO pse_transactions ({_T_COLS}) VALUES ({_T_MARKS})", transaction_row(transaction)
        )

    def _one(self, where: str, value: str) -> PseTransaction | None:
        row = self._conn.execute(f"SELECT {_T_COLS} FROM pse_transactions WHERE {where} = ?", (value,)).fetchone()
        return transaction_from_row(row) if row else None

    def get_transaction(self, cus: str) -> PseTransaction | None:
        return self._one("cus", cus)

    def find_by_token(self, token: str) -> PseTransaction | None:
        return self._one("token", token)

    def list_transactions(self, limit: int = 100, start: tuple[str, str] | None = None) -> list[PseTransaction]:
        where, params = ("WHERE (created_at, cus) <= (?, ?) ", start) if start is not None else ("", ())
        rows = self._conn.execute(
            f"SELECT {_T_COLS} FROM pse_transactions {where}ORDER BY created_at DESC, cus DESC LIMIT ?",
            (*params, limit)).fetchall()
        return [transaction_from_row(r) for r in rows]

    def get_payer(self, email: str) -> PsePayer | None:
        row = self._conn.execute(f"SELECT {_P_COLS} FROM pse_payers WHERE email_key = ?", (email_key(email),)).fetchone()
        return payer_from_row(row) if row else None

    def save_payer(self, payer: PsePayer) -> None:
        self._conn.execute("DELETE FROM pse_payers WHERE email_key = ?", (email_key(payer.email),))
        self._conn.execute(f"INSERT INTO pse_payers ({_P_COLS}, email_key) VALUES ({_P_MARKS}, ?)",
                           (*payer_row(payer), email_key(payer.email)))

    def delete_payer(self, email: str) -> None:
        self._conn.execute("DELETE FROM pse_payers WHERE email_key = ?", (email_key(email),))

    def page_secret(self, candidate: str) -> str:
        self._conn.execute("INSERT OR IGNORE INTO sim_secrets (name, value) VALUES ('pse_pages', ?)", (candidate,))
        secret: str = self._conn.execute("SELECT value FROM sim_secrets WHERE name = 'pse_pages'").fetchone()[0]
        return secret


class SqliteInbox:
    def __init__(self, conn: Connection):
        self._conn = conn

    def add(self, channel: Channel, to: str, subject: str, body: str, sent_at: datetime) -> Message:
        cursor = self._conn.execute(
            "INSERT INTO notifications (channel, recipient, subject, body, sent_at, recipient_key) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (channel, to.strip(), subject, body, sent_at.isoformat(), email_key(to)),
        )
        return Message(cast(int, cursor.lastrowid), channel, to.strip(), subject, body, sent_at)  # set by the INSERT

    def messages_for(self, to: str, limit: int = 50, before: int | None = None) -> list[Message]:
        rows = self._conn.execute(
            f"SELECT {_M_COLS} FROM notifications WHERE recipient_key = ? AND id < ? ORDER BY id DESC LIMIT ?",
            (email_key(to), 2**63 - 1 if before is None else before, limit)).fetchall()
        return [message_from_row(r) for r in rows]

    def recent(self, limit: int = 50, before: int | None = None) -> list[Message]:
        rows = self._conn.execute(f"SELECT {_M_COLS} FROM notifications WHERE id < ? ORDER BY id DESC LIMIT ?",
                                  (2**63 - 1 if before is None else before, limit)).fetchall()
        return [message_from_row(r) for r in rows]
