"""The gateway's amount rules, shared by every operation that takes a total and its IVA."""
from __future__ import annotations

from decimal import Decimal

from domain.shared.errors import DomainError
from domain.shared.money import Money


def amount(value: Decimal | None, field: str) -> Money:
    """One amount: present, at most 2 decimals, finite, not negative; the message names the field."""
    if value is None:
        raise DomainError(f"El campo {field} es obligatorio", field)
    try:
        money = Money.of(value)
    except DomainError as error:
        raise DomainError(f"El campo {field} no es válido: {error.message}", field) from None
    if money.is_negative:
        raise DomainError(f"El campo {field} no puede ser negativo", field)
    return money


def payment_amounts(total: Decimal | None, vat: Decimal | None) -> tuple[Money, Money]:
    """Total and IVA: each a valid amount, the total above zero, the IVA not above the total."""
    total_money, vat_money = amount(total, "total_con_iva"), amount(vat, "valor_iva")
    if total_money.is_zero:
        raise DomainError("El campo total_con_iva debe ser mayor que cero", "total_con_iva")
    if vat_money > total_money:
        raise DomainError("El campo valor_iva no puede ser mayor que total_con_iva", "valor_iva")
    return total_money, vat_money
