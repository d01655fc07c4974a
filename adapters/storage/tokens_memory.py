"""Card tokens in memory: the fake of TokenRepository for unit tests."""
from __future__ import annotations

from domain.gateway.card_token import CardToken


class MemoryTokens:
    def __init__(self) -> None:
        self._by_value: dict[str, CardToken] = {}

    def add(self, token: CardToken) -> None:
        if token.value in self._by_value:
            raise ValueError("duplicate token")
        if token.initial_payment_number is not None and self.find_by_initial_payment(
                token.merchant_id, token.initial_payment_number) is not None:
            raise ValueError("duplicate initial payment")
        self._by_value[token.value] = token

    def get(self, value: str) -> CardToken | None:
        return self._by_value.get(value)

    def find_by_initial_payment(self, merchant_id: int, payment_number: int) -> CardToken | None:
        for token in self._by_value.values():
            if token.merchant_id == merchant_id and token.initial_payment_number == payment_number:
                return token
        return None

    def snapshot(self) -> dict[str, CardToken]:
        return dict(self._by_value)  # tokens are frozen: a shallow copy is a full one

    def restore(self, snapshot: dict[str, CardToken]) -> None:
        self._by_value = snapshot
