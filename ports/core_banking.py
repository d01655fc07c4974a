"""The core-banking port: the cooperative's own system of record for associates and their products.

The simulator seeds a SQLite core (adapters/core_banking/); a real core answers the same questions.
"""
from __future__ import annotations

from datetime import datetime
from typing import Protocol

from domain.recaudo.associate import Associate
from domain.recaudo.crediting import ProductBalances
from domain.shared.identity import IdentityDocument
from domain.shared.money import Money


class CoreBanking(Protocol):
    def find_associate(self, document: IdentityDocument) -> Associate | None:
        """The associate with this document, with their entity and all their products; None if unknown."""
        ...

    def documents(self, limit: int = 100, offset: int = 0) -> list[IdentityDocument]:
        """The documents of the associates the core knows, in a stable order (new ones last), from the
        `offset`-th on (for the control API's pages)."""
        ...

    def credit(self, reference: str, owner: IdentityDocument, product_key: tuple[str, str], amount: Money,
               at: datetime) -> bool:
        """Credit `amount` to the owner's product once per (payment reference, product).

        True when it was applied now; False when that payment had already credited that product (the
        call is idempotent: repeated verifications, return visits and concurrent sondas credit once).
        """
        ...

    def balances(self, owner: IdentityDocument, product_key: tuple[str, str]) -> ProductBalances | None:
        """The product's balance and dues now; None if the owner has no such product."""
        ...
