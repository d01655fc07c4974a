"""Card tokens on SQLite (table `card_tokens`, migration m0002_tokens)."""
from __future__ import annotations

from adapters.storage.connection import Connection
from datetime import datetime
from typing import Any

from domain.gateway.card_outcomes import CardOutcome
from domain.gateway.card_token import CardToken
from domain.gateway.cards import CardBrand, CardExpiry

TOKEN_COLUMNS = (
    "token", "merchant_id", "customer_id", "last_four", "brand", "expiry", "created_at",
    "initial_payment_number", "issuer_outcome",
)


def token_row(t: CardToken) -> tuple[object, ...]:
    return (
        t.value, t.merchant_id, t.customer_id, t.last_four, t.brand.zonapagos_code, str(t.expiry),
        t.created_at.isoformat(), t.initial_payment_number, t.issuer_outcome.name if t.issuer_outcome else None,
    )


def token_from_row(row: tuple[Any, ...]) -> CardToken:
    value, merchant_id, customer_id, last_four, brand, expiry, created_at, initial, outcome = row
    return CardToken(
        value=value, merchant_id=merchant_id, customer_id=customer_id, last_four=last_four,
        brand=CardBrand.from_zonapagos(brand), expiry=CardExpiry.parse(expiry),
        created_at=datetime.fromisoformat(created_at), initial_payment_number=initial,
        issuer_outcome=CardOutcome[outcome] if outcome else None,
    )


class SqliteTokens:
    def __init__(self, conn: Connection):
        self._conn = conn
        self._select = f"SELECT {', '.join(TOKEN_COLUMNS)} FROM card_tokens"

    def add(self, token: CardToken) -> None:
        self._conn.execute(
            f"INSERT INTO card_tokens ({', '.join(TOKEN_COLUMNS)}) VALUES ({', '.join('?' for _ in TOKEN_COLUMNS)})",
            token_row(token),
        )

    def get(self, value: str) -> CardToken | None:
        row = self._conn.execute(f"{self._select} WHERE token = ?", (value,)).fetchone()
        return token_from_row(row) if row else None

    def find_by_initial_payment(self, merchant_id: int, payment_number: int) -> CardToken | None:
        row = self._conn.execute(
            f"{self._select} WHERE merchant_id = ? AND initial_payment_number = ?", (merchant_id, payment_number)
        ).fetchone()
        return token_from_row(row) if row else None
