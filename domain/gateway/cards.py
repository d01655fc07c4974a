"""Card rules for the token services and the card page: number, brand, expiry, security code.

The brand the payer declares (`tipo_tarjeta`: 1 VISA, 2 MASTERCARD, 4 DINERS CLUB, 5 AMERICAN EXPRESS;
3 was removed) must match the brand the number belongs to. A full card number never appears in a
repr, a log line or a stored record: `CardNumber` shows itself masked.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from domain.shared.errors import DomainError

_DIGITS = re.compile(r"\d+", re.ASCII)
_EXPIRY = re.compile(r"(\d{2})(\d{4})", re.ASCII)


class CardBrand(Enum):
    """Franchises with their ZonaPAGOS `tipo_tarjeta` code, CVV length and allowed number lengths."""

    VISA = (1, "VISA", 3, frozenset({13, 16, 19}))
    MASTERCARD = (2, "MASTERCARD", 3, frozenset({16}))
    DINERS = (4, "DINERS CLUB", 3, frozenset({14, 16}))
    AMEX = (5, "AMERICAN EXPRESS", 4, frozenset({15}))

    def __init__(self, zonapagos_code: int, label: str, cvv_length: int, lengths: frozenset[int]):
        self.zonapagos_code = zonapagos_code
        self.label = label
        self.cvv_length = cvv_length
        self.lengths = lengths

    @classmethod
    def from_zonapagos(cls, code: int) -> CardBrand:
        """The brand of a `tipo_tarjeta`; DomainError for 3 (removed) and unknown codes."""
        for brand in cls:
            if brand.zonapagos_code == code:
                return brand
        if code == 3:
            raise DomainError("El tipo de tarjeta 3 ya no se admite", "tipo_tarjeta")
        raise DomainError(f"Tipo de tarjeta desconocido: {code}", "tipo_tarjeta")


# (first digits from, to, brand), tried in order; ranges compare numbers of the same prefix length.
BRAND_PREFIXES: tuple[tuple[int, int, CardBrand], ...] = (
    (34, 34, CardBrand.AMEX),
    (37, 37, CardBrand.AMEX),
    (300, 305, CardBrand.DINERS),
    (36, 36, CardBrand.DINERS),
    (38, 38, CardBrand.DINERS),
    (51, 55, CardBrand.MASTERCARD),
    (2221, 2720, CardBrand.MASTERCARD),
    (4, 4, CardBrand.VISA),
)


def luhn_is_valid(number: str) -> bool:
    """True when `number` is all digits and its Luhn (mod 10) checksum is 0."""
    if not _DIGITS.fullmatch(number or ""):
        return False
    return _luhn_sum(number) % 10 == 0


def luhn_check_digit(partial: str) -> int:
    """The digit to append to `partial` so that the whole number passes Luhn."""
    if not _DIGITS.fullmatch(partial or ""):
        raise ValueError("digits only")
    return (10 - _luhn_sum(partial + "0") % 10) % 10


def _luhn_sum(number: str) -> int:
    total = 0
    for position, char in enumerate(reversed(number)):
        digit = int(char)
        if position % 2 == 1:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total


def detect_brand(number: str) -> CardBrand | None:
    """The brand a number's prefix belongs to, or None (lengths are checked by `CardNumber`)."""
    for low, high, brand in BRAND_PREFIXES:
        width = len(str(low))
        if len(number) >= width and number[:width].isdigit() and low <= int(number[:width]) <= high:
            return brand
    return None


def last_four(number: str) -> str:
    return number[-4:]


def mask(number: str) -> str:
    """`4111111111111111` → `************1111`."""
    return "*" * max(len(number) - 4, 0) + number[-4:]


@dataclass(frozen=True)
class CardNumber:
    """A card number that passed Luhn and belongs to a known brand. Shows itself masked."""

    digits: str = field(repr=False)

    def __post_init__(self) -> None:
        digits = self.digits.replace(" ", "").replace("-", "") if isinstance(self.digits, str) else ""
        if not _DIGITS.fullmatch(digits) or not luhn_is_valid(digits):
            raise DomainError("El número de tarjeta no es válido", "numero_tarjeta")
        brand = detect_brand(digits)
        if brand is None or len(digits) not in brand.lengths:
            raise DomainError("El número de tarjeta no corresponde a una franquicia admitida", "numero_tarjeta")
        object.__setattr__(self, "digits", digits)

    @property
    def brand(self) -> CardBrand:
        brand = detect_brand(self.digits)
        assert brand is not None  # checked at construction
        return brand

    @property
    def last_four(self) -> str:
        return last_four(self.digits)

    @property
    def masked(self) -> str:
        return mask(self.digits)

    def __repr__(self) -> str:
        return f"CardNumber({self.masked})"

    def __str__(self) -> str:
        return self.masked


@dataclass(frozen=True, order=True)
class CardExpiry:
    """`fecha_vencimiento` MMAAAA; a card is valid through the last day of its month."""

    year: int
    month: int

    @classmethod
    def parse(cls, text: str) -> CardExpiry:
        match = _EXPIRY.fullmatch(text.strip()) if isinstance(text, str) else None
        if not match:
            raise DomainError("La fecha de vencimiento debe tener el formato MMAAAA", "fecha_vencimiento")
        month, year = int(match.group(1)), int(match.group(2))
        if not 1 <= month <= 12:
            raise DomainError("El mes de vencimiento debe estar entre 01 y 12", "fecha_vencimiento")
        return cls(year, month)

    def is_expired(self, today: date) -> bool:
        return (self.year, self.month) < (today.year, today.month)

    def __str__(self) -> str:
        return f"{self.month:02d}{self.year:04d}"


def validate_expiry(text: str, today: date) -> CardExpiry:
    """Parse MMAAAA and refuse a month already past relative to `today`."""
    expiry = CardExpiry.parse(text)
    if expiry.is_expired(today):
        raise DomainError("La tarjeta está vencida", "fecha_vencimiento")
    return expiry


def validate_cvv(cvv: str, brand: CardBrand) -> None:
    """4 digits for AMERICAN EXPRESS, 3 for the others. The CVV is checked, never kept."""
    if not isinstance(cvv, str) or not _DIGITS.fullmatch(cvv) or len(cvv) != brand.cvv_length:
        raise DomainError(
            f"El código de seguridad de la tarjeta debe tener {brand.cvv_length} dígitos", "codigo_seguridad"
        )


def check_brand_matches(number: CardNumber, tipo_tarjeta: int) -> CardBrand:
    """The declared brand, if the number belongs to it; DomainError otherwise."""
    declared = CardBrand.from_zonapagos(tipo_tarjeta)
    if number.brand is not declared:
        raise DomainError("El número de tarjeta no corresponde al tipo de tarjeta indicado", "tipo_tarjeta")
    return declared


@dataclass(frozen=True)
class CardDetails:
    """A card the payer may charge: number, brand and expiry checked. No CVV inside."""

    number: CardNumber
    brand: CardBrand
    expiry: CardExpiry


def check_card(tipo_tarjeta: int, number: str, expiry: str, cvv: str, today: date) -> CardDetails:
    """All the card rules at once, in the order a payer fixes them: brand, number, match, expiry, CVV."""
    declared = CardBrand.from_zonapagos(tipo_tarjeta)
    card_number = CardNumber(number)
    check_brand_matches(card_number, tipo_tarjeta)
    card_expiry = validate_expiry(expiry, today)
    validate_cvv(cvv, declared)
    return CardDetails(card_number, declared, card_expiry)
