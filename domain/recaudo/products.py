"""Products that can receive money through the recaudo portal, and what each accepts.

The product types and their payment choices are a table (recaudo-portal.md "Products that can receive
money"). Where the instruction is silent the rules below are the project's choice, one column per rule,
recorded in docs/decisions.md.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum

from domain.shared.errors import DomainError, InvalidAmount
from domain.shared.identity import IdentityDocument
from domain.shared.money import Money, total


class ProductNature(Enum):
    CREDIT = "credit"  # the associate owes: loans, credit lines, cards
    SAVINGS = "savings"  # the associate deposits
    EQUITY = "equity"  # aportes sociales: the associate's share of the cooperative


class ChoiceKind(Enum):
    """What the associate picks for one product on "Información de productos"."""

    NO_PAY = "NO_PAY"
    MINIMUM = "MINIMUM"
    FULL = "FULL"
    OTHER = "OTHER"  # credit: a typed amount between minimum and full
    FREE = "FREE"  # savings / equity: a typed deposit

    @property
    def label(self) -> str:
        return CHOICE_LABELS[self]

    @property
    def takes_amount(self) -> bool:
        return self in (ChoiceKind.OTHER, ChoiceKind.FREE)


CHOICE_LABELS = {
    ChoiceKind.NO_PAY: "No pagar",
    ChoiceKind.MINIMUM: "Pago mínimo",
    ChoiceKind.FULL: "Pago total",
    ChoiceKind.OTHER: "Otro valor",
    ChoiceKind.FREE: "Valor a depositar",
}


class AmountFloor(Enum):
    """The least a typed amount (OTHER / FREE) may be."""

    ABOVE_ZERO = "above_zero"
    MINIMUM_DUE = "minimum_due"  # at least the product's minimum due, when it has one


@dataclass(frozen=True)
class ProductType:
    """One row of the product table: its code, its name on the screens, and its payment rules."""

    code: str
    name: str
    nature: ProductNature
    choices: frozenset[ChoiceKind]
    typed_amount_floor: AmountFloor
    capped_by_full_due: bool  # a typed amount may not exceed what is owed

    def allows(self, kind: ChoiceKind) -> bool:
        return kind in self.choices


_CREDIT = frozenset({ChoiceKind.NO_PAY, ChoiceKind.MINIMUM, ChoiceKind.FULL, ChoiceKind.OTHER})
_DEPOSIT = frozenset({ChoiceKind.NO_PAY, ChoiceKind.FREE})
_QUOTA = frozenset({ChoiceKind.NO_PAY, ChoiceKind.MINIMUM, ChoiceKind.FREE})

_C, _S, _E = ProductNature.CREDIT, ProductNature.SAVINGS, ProductNature.EQUITY
_ZERO, _MIN = AmountFloor.ABOVE_ZERO, AmountFloor.MINIMUM_DUE

PRODUCT_TYPES: dict[str, ProductType] = {
    t.code: t
    for t in (
        #           code  name on the screens                  nature choices  floor  capped by full due
        ProductType("OB", "Obligaciones",                       _C, _CREDIT,  _MIN,  True),
        ProductType("CR", "Cupo de Crédito",                    _C, _CREDIT,  _MIN,  True),
        ProductType("TC", "Tarjeta de Crédito",                 _C, _CREDIT,  _MIN,  True),
        ProductType("AV", "Ahorros a la Vista",                 _S, _DEPOSIT, _ZERO, False),
        ProductType("PO", "Aportes Sociales",                   _E, _QUOTA,   _MIN,  False),
        ProductType("AC", "Ahorros Contractuales",              _S, _QUOTA,   _MIN,  False),
        ProductType("AP", "Ahorros Permanentes",                _S, _QUOTA,   _MIN,  False),
        ProductType("CC", "Cuenta Corriente",                   _S, _DEPOSIT, _ZERO, False),
        ProductType("DE", "Depósito Electrónico",               _S, _DEPOSIT, _ZERO, False),
        ProductType("DS", "Depósito Electrónico con Subsidio",  _S, _DEPOSIT, _ZERO, False),
    )
}


def product_type(code: str) -> ProductType:
    """The product type with this code (`AV`, `CR`, ...); DomainError if unknown."""
    try:
        return PRODUCT_TYPES[code.strip().upper()]
    except KeyError:
        raise DomainError(f"Tipo de producto desconocido: {code}", "product_type") from None


@dataclass(frozen=True)
class PaymentChoice:
    """The associate's choice for one product; OTHER and FREE carry the typed amount."""

    kind: ChoiceKind
    amount: Money | None = None

    def __post_init__(self) -> None:
        if self.kind.takes_amount and self.amount is None:
            raise InvalidAmount(f"Ingrese el valor para «{self.kind.label}»", "amount")
        if not self.kind.takes_amount and self.amount is not None:
            raise DomainError(f"La opción «{self.kind.label}» no lleva valor", "amount")

    @classmethod
    def no_pay(cls) -> PaymentChoice:
        return cls(ChoiceKind.NO_PAY)

    @classmethod
    def minimum(cls) -> PaymentChoice:
        return cls(ChoiceKind.MINIMUM)

    @classmethod
    def full(cls) -> PaymentChoice:
        return cls(ChoiceKind.FULL)

    @classmethod
    def other(cls, amount: Money) -> PaymentChoice:
        return cls(ChoiceKind.OTHER, amount)

    @classmethod
    def free(cls, amount: Money) -> PaymentChoice:
        return cls(ChoiceKind.FREE, amount)


@dataclass(frozen=True)
class Product:
    """An associate's product as the entity reports it: what is owed or what may be deposited."""

    owner: IdentityDocument
    product_type: ProductType
    number: str
    active: bool = True
    minimum_due: Money = field(default_factory=Money.zero)
    full_due: Money = field(default_factory=Money.zero)
    due_date: date | None = None
    max_deposit: Money | None = None  # per payment; None = no limit

    def __post_init__(self) -> None:
        if not self.number.isascii() or not self.number.isalnum():
            raise DomainError("El número del producto debe ser alfanumérico", "product_number")
        if self.minimum_due.is_negative or self.full_due.is_negative:
            raise InvalidAmount("Los saldos del producto no pueden ser negativos", "amount")
        if self.product_type.nature is ProductNature.CREDIT and self.minimum_due > self.full_due:
            raise InvalidAmount("El pago mínimo no puede superar el pago total", "minimum_due")
        if self.max_deposit is not None and (
            self.max_deposit.is_negative or self.max_deposit.is_zero or self.max_deposit < self.minimum_due
        ):
            raise InvalidAmount("El tope por depósito debe ser mayor a cero y al pago mínimo", "max_deposit")

    @property
    def key(self) -> tuple[str, str]:
        """What identifies the product inside one entity: type code and number."""
        return (self.product_type.code, self.number)

    @property
    def last_four(self) -> str:
        return self.number[-4:]

    @property
    def masked_name(self) -> str:
        """`Ahorros a la Vista(****7756)`, as the portal lists products."""
        return f"{self.product_type.name}(****{self.last_four})"

    def is_past_due(self, today: date) -> bool:
        """True when a due date exists and `today` is after it."""
        return self.due_date is not None and today > self.due_date

    def amount_for(self, choice: PaymentChoice) -> Money:
        """The money this choice puts into the product; DomainError with the Spanish reason if refused."""
        if not self.active:
            raise DomainError(f"El producto {self.masked_name} no está activo y no puede recibir pagos", "product")
        if not self.product_type.allows(choice.kind):
            raise DomainError(
                f"El producto {self.masked_name} no admite la opción «{choice.kind.label}»", "choice"
            )
        if choice.kind is ChoiceKind.NO_PAY:
            return Money.zero()
        if choice.kind is ChoiceKind.MINIMUM:
            if self.minimum_due.is_zero:
                raise DomainError(f"El producto {self.masked_name} no tiene pago mínimo pendiente", "choice")
            return self._within_max_deposit(self.minimum_due)
        if choice.kind is ChoiceKind.FULL:
            if self.full_due.is_zero:
                raise DomainError(f"El producto {self.masked_name} no tiene saldo pendiente", "choice")
            return self._within_max_deposit(self.full_due)
        assert choice.amount is not None  # guaranteed by PaymentChoice
        return self._typed_amount(choice.amount)

    def _typed_amount(self, amount: Money) -> Money:
        if amount.is_negative or amount.is_zero:
            raise InvalidAmount(f"Ingrese un valor mayor a cero para {self.masked_name}", "amount")
        rules = self.product_type
        if rules.typed_amount_floor is AmountFloor.MINIMUM_DUE and amount < self.minimum_due:
            raise InvalidAmount(
                f"El valor para {self.masked_name} debe ser al menos el pago mínimo "
                f"{self.minimum_due.format()}",
                "amount",
            )
        if rules.capped_by_full_due and amount > self.full_due:
            raise InvalidAmount(
                f"El valor para {self.masked_name} no puede superar el pago total {self.full_due.format()}",
                "amount",
            )
        return self._within_max_deposit(amount)

    def _within_max_deposit(self, amount: Money) -> Money:
        if self.max_deposit is not None and amount > self.max_deposit:
            raise InvalidAmount(
                f"El valor para {self.masked_name} no puede superar {self.max_deposit.format()} por pago",
                "amount",
            )
        return amount


@dataclass(frozen=True)
class SelectionLine:
    """One product of the selection with the choice made and the amount the domain computed."""

    product: Product
    choice: PaymentChoice
    amount: Money = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", self.product.amount_for(self.choice))


NOTHING_SELECTED = "Seleccione al menos un producto con valor mayor a cero"


@dataclass(frozen=True)
class Selection:
    """The products chosen on "Información de productos" and their total, computed here, never trusted."""

    lines: tuple[SelectionLine, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))
        if not self.lines:
            raise DomainError(NOTHING_SELECTED, "products")
        keys = [line.product.key for line in self.lines]
        if len(set(keys)) != len(keys):
            raise DomainError("Un producto aparece más de una vez en la selección", "products")
        if len({line.product.owner for line in self.lines}) != 1:
            raise DomainError("Todos los productos deben ser del mismo asociado", "products")
        if self.total().is_zero:
            raise DomainError(NOTHING_SELECTED, "products")

    @classmethod
    def of(cls, choices: Iterable[tuple[Product, PaymentChoice]]) -> Selection:
        return cls(tuple(SelectionLine(product, choice) for product, choice in choices))

    def total(self) -> Money:
        return total([line.amount for line in self.lines])

    def payable_lines(self) -> tuple[SelectionLine, ...]:
        """The lines that move money: what "Detalle del pago" lists."""
        return tuple(line for line in self.lines if not line.amount.is_zero)
