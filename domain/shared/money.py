"""Colombian pesos as Decimal with two decimals. No floats anywhere in the domain."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from domain.shared.errors import InvalidAmount

CENT = Decimal("0.01")


@dataclass(frozen=True, order=True, slots=True)
class Money:
    """An amount of Colombian pesos with at most two decimals (centavos)."""

    amount: Decimal

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal) or not self.amount.is_finite():
            raise InvalidAmount("El valor no es un número válido")
        try:
            cents = self.amount.quantize(CENT)
        except InvalidOperation:  # more digits than any amount of pesos (1E+400): not a number we can keep
            raise InvalidAmount("El valor no es un número válido") from None
        if self.amount != cents:
            raise InvalidAmount("El valor admite máximo 2 decimales")
        if cents.is_zero():
            cents = abs(cents)  # -0.0 is zero pesos, kept and shown as 0.00
        object.__setattr__(self, "amount", cents)

    @classmethod
    def of(cls, value: Decimal | int | str) -> Money:
        """Build from an int, a Decimal or a plain decimal string ("1500.50"). Floats are refused."""
        if isinstance(value, bool) or isinstance(value, float):
            raise InvalidAmount("El valor debe ser decimal, no de punto flotante")
        try:
            amount = value if isinstance(value, Decimal) else Decimal(str(value).strip())
        except InvalidOperation:
            raise InvalidAmount("El valor no es un número válido") from None
        return cls(amount)

    @classmethod
    def parse(cls, text: str) -> Money:
        """Read an amount as people write it in Colombia: `$20.000,00`, `20.000`, `1500,5`."""
        cleaned = text.strip().replace(" ", "")
        sign = "-" if cleaned.startswith("-") else ""
        cleaned = cleaned.removeprefix("-").removeprefix("$")
        if not cleaned or any(ch not in "0123456789.," for ch in cleaned):
            raise InvalidAmount(f"'{text}' no es un valor en pesos")
        return cls.of(sign + cleaned.replace(".", "").replace(",", "."))

    @classmethod
    def zero(cls) -> Money:
        return cls(Decimal("0.00"))

    @property
    def is_zero(self) -> bool:
        return self.amount == 0

    @property
    def is_negative(self) -> bool:
        return self.amount < 0

    @property
    def cents(self) -> int:
        """The amount in centavos: what the magic-value rules look at."""
        return int((self.amount * 100) % 100)

    def __add__(self, other: Money) -> Money:
        return Money(self.amount + other.amount)

    def __sub__(self, other: Money) -> Money:
        return Money(self.amount - other.amount)

    def format(self) -> str:
        """`$20.000,00`: dot thousands, comma decimals, as the portal screens show."""
        sign = "-" if self.amount < 0 else ""
        whole, frac = f"{abs(self.amount):.2f}".split(".")
        groups: list[str] = []
        while whole:
            groups.insert(0, whole[-3:])
            whole = whole[:-3]
        return f"{sign}${'.'.join(groups)},{frac}"

    def plain(self) -> str:
        """The wire form: no thousands separator, dot decimals, no trailing `.00` (`12500`, `10505011.5`)."""
        text = format(self.amount.normalize(), "f")
        return text

    def __str__(self) -> str:
        return self.format()


def total(amounts: list[Money] | tuple[Money, ...]) -> Money:
    """Sum of amounts, zero for none."""
    result = Money.zero()
    for amount in amounts:
        result = result + amount
    return result
