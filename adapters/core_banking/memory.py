"""The CoreBanking port in memory: the fake the use-case tests run against."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from typing import cast

from domain.recaudo.associate import Associate
from domain.recaudo.crediting import ProductBalances, after_credit
from domain.shared.errors import DomainError
from domain.shared.identity import IdentityDocument
from domain.shared.money import Money
from domain.recaudo.products import ProductNature


class MemoryCoreBanking:
    def __init__(self, associates: list[Associate] | None = None):
        self._associates: dict[IdentityDocument, Associate] = {}
        self._balances: dict[tuple[IdentityDocument, tuple[str, str]], Money] = {}
        self.ledger: dict[tuple[str, IdentityDocument, tuple[str, str]], Money] = {}
        for associate in associates or []:
            self.add_associate(associate)

    def add_associate(self, associate: Associate) -> None:
        self._associates[associate.document] = associate
        for p in associate.products:
            start = p.full_due if p.product_type.nature is ProductNature.CREDIT else Money.zero()
            self._balances[(associate.document, p.key)] = start

    def find_associate(self, document: IdentityDocument) -> Associate | None:
        return self._associates.get(document)

    def documents(self, limit: int = 100, offset: int = 0) -> list[IdentityDocument]:
        return list(self._associates)[offset:offset + limit]

    def balances(self, owner: IdentityDocument, product_key: tuple[str, str]) -> ProductBalances | None:
        associate = self._associates.get(owner)
        if associate is None:
            return None
        try:
            product = associate.product(*product_key)
        except DomainError:
            return None
        return ProductBalances(self._balances[(owner, product_key)], product.minimum_due, product.full_due)

    def credit(self, reference: str, owner: IdentityDocument, product_key: tuple[str, str], amount: Money,
               at: datetime) -> bool:
        associate = self._associates.get(owner)
        if associate is None:
            raise DomainError("El producto no existe o no pertenece al asociado", "product")
        product = associate.product(*product_key)
        key = (reference, owner, product_key)
        if key in self.ledger:
            return False
        self.ledger[key] = amount
        if not product.active:
            return False
        # the product exists (associate.product raised otherwise), so it has balances
        after = after_credit(product, cast(ProductBalances, self.balances(owner, product_key)), amount)
        self._balances[(owner, product_key)] = after.balance
        updated = replace(product, minimum_due=after.minimum_due, full_due=after.full_due)
        products = tuple(updated if p.key == product_key else p for p in associate.products)
        self._associates[owner] = replace(associate, products=products)
        return True
