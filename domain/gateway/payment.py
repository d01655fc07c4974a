"""A payment at the gateway: one start (`identificador`) and its attempts (`int_n_pago`).

A merchant starts a payment once per reference (`id_pago`); the payer may make several attempts on
the gateway page (a rejected PSE debit, then a card), and verification lists every attempt.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from domain.gateway.amounts import payment_amounts
from domain.gateway.payment_settings import PaymentSettings
from domain.shared.errors import DomainError
from domain.shared.money import Money
from domain.shared.gateway_records import CardTrace, Payer, PseTrace
from domain.shared.payment_states import PaymentMethod, PaymentState, check_transition


@dataclass(frozen=True)
class StateChange:
    state: PaymentState
    at: datetime
    reason: str = ""


@dataclass
class Attempt:
    """One try of the payer to pay a started payment; it carries its own state."""

    number: int
    started_at: datetime
    state: PaymentState = PaymentState.PENDING_START
    method: PaymentMethod | None = None
    pse: PseTrace | None = None
    card: CardTrace | None = None
    history: list[StateChange] = field(default_factory=list)
    amount: Money | None = None  # the fraction this attempt pays (split payments, code 100); None: the whole total

    def move_to(self, target: PaymentState, at: datetime, reason: str = "") -> StateChange:
        """Move to `target` if the state machine allows it; record and return the change."""
        check_transition(self.state, target)
        self.state = target
        change = StateChange(target, at, reason)
        self.history.append(change)
        return change


# ACH forbids these in descriptions and references (pse.md §4); `;` would also break str_res_pago.
FORBIDDEN_CHARACTERS = ('|', '"', ";")
DOCUMENT_TYPE_CODES = frozenset(str(code) for code in range(12))  # tipo_id, zonapagos-ws.md §11


def check_characters(field: str, value: str) -> str:
    """A reference or description the gateway accepts: none of ACH's forbidden characters."""
    if any(ch in value for ch in FORBIDDEN_CHARACTERS):
        raise DomainError(f'El campo {field} contiene caracteres no permitidos (| " ;)', field)
    return value


def check_document_type(code: str | int | None) -> None:
    """`tipo_id`: not sent (empty), or one of ZonaPAGOS's codes 0 to 11."""
    if code is not None and code != "" and str(code) not in DOCUMENT_TYPE_CODES:
        raise DomainError("El campo tipo_id no es un tipo de identificación válido (0 a 11)", "tipo_id")


@dataclass
class Payment:
    """A payment started by a merchant (`inicio_pagoV2`), identified by its `identificador`."""

    identifier: int
    merchant_id: int
    reference: str
    total: Money
    vat: Money
    description: str
    payer: Payer
    optional_fields: tuple[str, str, str]
    service_code: str
    created_at: datetime
    attempts: list[Attempt] = field(default_factory=list)
    verifications: int = 0  # how many times a merchant verified it (the ,06 magic value needs the first)
    settings: PaymentSettings = field(default_factory=PaymentSettings)  # the REST start's page settings

    @staticmethod
    def checked_terms(total: Decimal | None, vat: Decimal | None, reference: str, description: str,
                      payer: Payer) -> tuple[Money, Money]:
        """The rules a payment's terms obey, in the order the gateway reports them: the amounts (total above
        zero, IVA not above it, at most 2 decimals), no forbidden character in the reference or the
        description, a known `tipo_id`. Returns the total and the IVA."""
        amounts = payment_amounts(total, vat)
        check_characters("id_pago", reference)
        check_characters("descripcion_pago", description)
        check_document_type(payer.document_type)
        return amounts

    @classmethod
    def start(cls, identifier: int, attempt_number: int, merchant_id: int, reference: str, total: Money,
              vat: Money, description: str, payer: Payer, optional_fields: tuple[str, str, str],
              service_code: str, now: datetime, settings: PaymentSettings | None = None) -> Payment:
        """A new payment whose first attempt is pending (888) from `now`."""
        attempt = Attempt(number=attempt_number, started_at=now,
                          history=[StateChange(PaymentState.PENDING_START, now, "inicio del pago")])
        return cls(identifier=identifier, merchant_id=merchant_id, reference=reference, total=total, vat=vat,
                   description=description, payer=payer, optional_fields=optional_fields,
                   service_code=service_code, created_at=now, attempts=[attempt],
                   settings=settings or PaymentSettings())

    @property
    def current_attempt(self) -> Attempt:
        return self.attempts[-1]

    def paid_by(self, attempt: Attempt) -> Money:
        """What `attempt` pays: its fraction, or the whole total."""
        return attempt.amount if attempt.amount is not None else self.total

    @property
    def paid(self) -> Money:
        """The approved attempts' amounts (one approved attempt pays the total unless it is a fraction)."""
        paid = Money.zero()
        for attempt in self.attempts:
            if attempt.state.is_approved:
                paid = paid + self.paid_by(attempt)
        return paid

    @property
    def balance(self) -> Money:
        """What is still to pay (never below zero)."""
        rest = self.total - self.paid
        return rest if not rest.is_negative else Money.zero()

    @property
    def is_paid(self) -> bool:
        return any(a.state.is_approved for a in self.attempts) and self.balance.is_zero

    @property
    def is_settled(self) -> bool:
        """True once the total is paid or the last attempt is final."""
        return self.is_paid or self.current_attempt.state.is_final
