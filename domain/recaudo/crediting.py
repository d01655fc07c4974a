"""What crediting a payment does to a product: the core banking applies it once per payment and product.

Credit products (OB, CR, TC) owe: the payment lowers the full due and the minimum due (never below zero).
Savings and Aportes hold money: the payment raises the balance, and pays the agreed instalment (the
minimum due of PO, AC, AP) first.
"""
from __future__ import annotations

from dataclasses import dataclass

from domain.shared.errors import InvalidAmount
from domain.shared.money import Money
from domain.recaudo.products import Product, ProductNature


@dataclass(frozen=True)
class ProductBalances:
    """A product's figures at the entity. For a credit product `balance` is what is owed (the full due)."""

    balance: Money
    minimum_due: Money
    full_due: Money


def _less(amount: Money, paid: Money) -> Money:
    rest = amount - paid
    return Money.zero() if rest.is_negative else rest


def after_credit(product: Product, balances: ProductBalances, amount: Money) -> ProductBalances:
    """The product's figures once `amount` is credited to it."""
    if amount.is_negative or amount.is_zero:
        raise InvalidAmount("Solo se abonan valores mayores a cero", "amount")
    if product.product_type.nature is ProductNature.CREDIT:
        full_due = _less(balances.full_due, amount)
        return ProductBalances(full_due, _less(balances.minimum_due, amount), full_due)
    return ProductBalances(balances.balance + amount, _less(balances.minimum_due, amount), balances.full_due)
