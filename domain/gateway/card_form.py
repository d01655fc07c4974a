"""The credit-card form of the payment page: what the payer typed, checked with the card rules.

The number and the CVV never appear in a repr, a log line or a stored record; only the last four
digits and the franchise leave this module.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from domain.shared.digits import ascii_int
from domain.gateway.cards import CardBrand, CardExpiry, CardNumber, validate_cvv, validate_expiry
from domain.shared.errors import DomainError

MAX_INSTALLMENTS = 36
NAME_ON_CARD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ][A-Za-zÁÉÍÓÚÜÑáéíóúüñ .'-]{0,29}")
_EXPIRY_SEPARATORS = re.compile(r"\s*/\s*")


@dataclass(frozen=True)
class CardForm:
    number: str = field(repr=False)
    expiry: str  # MMAAAA or MM/AAAA
    cvv: str = field(repr=False)
    installments: str
    name: str


@dataclass(frozen=True)
class CheckedCard:
    number: CardNumber
    brand: CardBrand
    expiry: CardExpiry
    installments: int
    name: str


def check_card_form(form: CardForm, today: date) -> CheckedCard:
    """Every rule, in the order of the form's fields; DomainError with the Spanish message otherwise."""
    if not form.number.strip():
        raise DomainError("Escriba el número de la tarjeta", "numero_tarjeta")
    number = CardNumber(form.number.strip())
    expiry_text = _EXPIRY_SEPARATORS.sub("", form.expiry.strip())
    if not expiry_text:
        raise DomainError("Escriba la fecha de vencimiento de la tarjeta (MMAAAA)", "fecha_vencimiento")
    expiry = validate_expiry(expiry_text, today)
    validate_cvv(form.cvv.strip(), number.brand)
    installments = form.installments.strip()
    count = ascii_int(installments, 3)
    if count is None or not 1 <= count <= MAX_INSTALLMENTS:
        raise DomainError(f"Elija el número de cuotas, de 1 a {MAX_INSTALLMENTS}", "cuotas")
    name = " ".join(form.name.split())
    if not NAME_ON_CARD.fullmatch(name):
        raise DomainError("Escriba el nombre como aparece en la tarjeta (solo letras, máximo 30 caracteres)",
                          "nombre_tarjeta")
    return CheckedCard(number, number.brand, expiry, count, name)
