"""ACH's data and the simulator's inbox in memory: the fakes for unit tests."""
from __future__ import annotations

import copy
from datetime import datetime

from domain.ach.payer import PsePayer
from domain.ach.transaction import PseTransaction
from ports.notifications import Channel, Message


class MemoryPse:
    def __init__(self) -> None:
        self._transactions: dict[str, PseTransaction] = {}
        self._payers: dict[str, PsePayer] = {}
        self._secret: str | None = None

    def add_transaction(self, transaction: PseTransaction) -> None:
        if transaction.cus in self._transactions or self.find_by_token(transaction.token):
            raise ValueError("duplicate CUS or token")
        self._transactions[transaction.cus] = copy.deepcopy(transaction)

    def save_transaction(self, transaction: PseTransaction) -> None:
        self._transactions[transaction.cus] = copy.deepcopy(transaction)

    def get_transaction(self, cus: str) -> PseTransaction | None:
        found = self._transactions.get(cus)
        return copy.deepcopy(found) if found else None

    def find_by_token(self, token: str) -> PseTransaction | None:
        for transaction in self._transactions.values():
            if transaction.token == token:
                return copy.deepcopy(transaction)
        return None

    def list_transactions(self, limit: int = 100, start: tuple[str, str] | None = None) -> list[PseTransaction]:
        newest = sorted(self._transactions.values(), key=lambda t: (t.created_at.isoformat(), t.cus), reverse=True)
        if start is not None:
            newest = [t for t in newest if (t.created_at.isoformat(), t.cus) <= start]
        return [copy.deepcopy(t) for t in newest[:limit]]

    def get_payer(self, email: str) -> PsePayer | None:
        return self._payers.get(email.strip().casefold())

    def save_payer(self, payer: PsePayer) -> None:
        self._payers[payer.email.casefold()] = payer

    def delete_payer(self, email: str) -> None:
        self._payers.pop(email.strip().casefold(), None)

    def page_secret(self, candidate: str) -> str:
        if self._secret is None:
            self._secret = candidate
        return self._secret

    def snapshot(self) -> tuple[dict[str, PseTransaction], dict[str, PsePayer], str | None]:
        return copy.deepcopy(self._transactions), dict(self._payers), self._secret

    def restore(self, snapshot: tuple[dict[str, PseTransaction], dict[str, PsePayer], str | None]) -> None:
        self._transactions, self._payers, self._secret = snapshot


class MemoryInbox:
    def __init__(self) -> None:
        self._messages: list[Message] = []

    def add(self, channel: Channel, to: str, subject: str, body: str, sent_at: datetime) -> Message:
        message = Message(len(self._messages) + 1, channel, to.strip(), subject, body, sent_at)
        self._messages.append(message)
        return message

    def messages_for(self, to: str, limit: int = 50, before: int | None = None) -> list[Message]:
        wanted = to.strip().casefold()
        return [m for m in self.recent(len(self._messages), before) if m.to.casefold() == wanted][:limit]

    def recent(self, limit: int = 50, before: int | None = None) -> list[Message]:
        return [m for m in reversed(self._messages) if before is None or m.id < before][:limit]

    def snapshot(self) -> list[Message]:
        return list(self._messages)

    def restore(self, snapshot: list[Message]) -> None:
        self._messages = snapshot
