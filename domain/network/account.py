"""An account of the Red Coopcentral debited by a PSE payment, and the rules that decline a debit.

pse-coopcentral.md step 8: a debit is declined when the account lacks funds, exceeds its limit
("tope") or exceeds the allowed frequency; the associate may then choose another account, and when
no account of the entity allows the debit for those reasons the payment is cancelled. pse.md §7
gives the network's account types (10 ahorros "AV", 50 crédito/cupo "CR").

The tope and the frequency are daily figures (docs/decisions.md "Red Coopcentral"): the tope caps the
amount debited through the channel in one Colombian calendar day, the frequency the number of debits
in that day. The day's figures belong to `activity_day`; a new day starts them at zero. Seeded figures
have no day (`None`): they stand until the account's first debit in the simulator, so a demo account
stays at its tope or its frequency limit whatever the date.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from enum import Enum

from domain.shared.errors import DomainError
from domain.shared.identity import IdentityDocument
from domain.shared.money import Money


class AccountType(Enum):
    """The network's account types: the product code (S03AT) and the type code (S03A) of pse.md §7."""

    SAVINGS = ("AV", "10", "Ahorros")  # ahorros a la vista
    CREDIT_LINE = ("CR", "50", "Crédito")  # cupo de crédito

    def __init__(self, code: str, network_code: str, label: str):
        self.code = code
        self.network_code = network_code
        self.label = label

    @classmethod
    def from_code(cls, code: str) -> AccountType:
        for member in cls:
            if member.code == code:
                return member
        raise ValueError(f"tipo de cuenta desconocido: {code}")


class DeclineReason(Enum):
    """Why the network declines a debit, in the order it checks, with ACH's rejection cause (pse.md §2)."""

    INSUFFICIENT_FUNDS = ("fondos", "00011", "Fondos insuficientes: el saldo disponible de la cuenta no alcanza "
                          "para el valor del pago.")
    OVER_LIMIT = ("tope", "00008", "El pago supera el tope diario de la cuenta para pagos por internet.")
    OVER_FREQUENCY = ("frecuencia", "00008", "La cuenta superó el número de pagos por internet permitidos "
                      "en el día.")

    def __init__(self, slug: str, ach_cause: str, message: str):
        self.slug = slug
        self.ach_cause = ach_cause
        self.message = message

    @classmethod
    def from_slug(cls, slug: str) -> DeclineReason:
        for member in cls:
            if member.slug == slug:
                return member
        raise ValueError(f"causa desconocida: {slug}")


class DebitDeclined(DomainError):
    def __init__(self, reason: DeclineReason):
        super().__init__(reason.message, "cuenta")
        self.reason = reason


@dataclass(frozen=True)
class NetworkAccount:
    """One account of an associate at one entity of the network, with its channel limits."""

    number: str
    entity_code: str
    owner: IdentityDocument
    type: AccountType
    balance: Money  # ahorros: saldo total; cupo: lo utilizado del cupo
    available: Money  # saldo (o cupo) disponible: what a debit may take
    daily_limit: Money  # tope diario del canal
    max_debits_per_day: int  # frecuencia máxima de débitos en el día
    debited_today: Money = Money.zero()
    debits_today: int = 0
    activity_day: date | None = None  # the day the two figures above belong to; None: seeded, no day
    active: bool = True

    def __post_init__(self) -> None:
        if not (self.number.isascii() and self.number.isdigit() and 4 <= len(self.number) <= 20):
            raise DomainError("El número de cuenta debe tener entre 4 y 20 dígitos", "cuenta")
        if self.available.is_negative or self.daily_limit.is_negative or self.debited_today.is_negative:
            raise DomainError("Los saldos y el tope de una cuenta no pueden ser negativos", "cuenta")
        if self.max_debits_per_day < 0 or self.debits_today < 0:
            raise DomainError("La frecuencia de una cuenta no puede ser negativa", "cuenta")

    @property
    def masked(self) -> str:
        """`****5566`: how the portal names the account."""
        return "****" + self.number[-4:]

    @property
    def label(self) -> str:
        """`****5566 Ahorros`: the receipt's "Cuenta"."""
        return f"{self.masked} {self.type.label}"

    def usage_on(self, day: date) -> tuple[Money, int]:
        """The amount and the number of debits already counted on `day`."""
        if self.activity_day is None or self.activity_day == day:
            return self.debited_today, self.debits_today
        return Money.zero(), 0

    def decline_reason(self, amount: Money, day: date) -> DeclineReason | None:
        """Why a debit of `amount` on `day` is declined (funds, then tope, then frequency), or None."""
        if amount > self.available:
            return DeclineReason.INSUFFICIENT_FUNDS
        debited, count = self.usage_on(day)
        if debited + amount > self.daily_limit:
            return DeclineReason.OVER_LIMIT
        if count + 1 > self.max_debits_per_day:
            return DeclineReason.OVER_FREQUENCY
        return None

    def can_pay(self, amount: Money, day: date) -> bool:
        return self.active and self.decline_reason(amount, day) is None

    def debit(self, amount: Money, day: date) -> NetworkAccount:
        """The account after debiting `amount` on `day`; raises DebitDeclined when a rule refuses it."""
        if not self.active:
            raise DomainError("La cuenta no está activa", "cuenta")
        if amount.amount <= 0:
            raise DomainError("El valor a debitar debe ser mayor que cero", "cuenta")
        reason = self.decline_reason(amount, day)
        if reason is not None:
            raise DebitDeclined(reason)
        debited, count = self.usage_on(day)
        # Savings lose the amount; a credit line's used part grows. Either way less is available.
        balance = self.balance - amount if self.type is AccountType.SAVINGS else self.balance + amount
        return replace(self, balance=balance, available=self.available - amount, debited_today=debited + amount,
                       debits_today=count + 1, activity_day=day)


def accounts_that_can_pay(accounts: list[NetworkAccount] | tuple[NetworkAccount, ...], amount: Money,
                          day: date) -> list[NetworkAccount]:
    """The active accounts that would accept a debit of `amount` on `day`."""
    return [account for account in accounts if account.can_pay(amount, day)]
