"""The payment-gateway port: what the portal (and any merchant code) needs from ZonaPAGOS."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from domain.money import Money
from domain.payment import CardTrace, Payer, PseTrace
from domain.payment_states import PaymentState


@dataclass(frozen=True)
class PaymentRequest:
    reference: str  # id_pago
    total: Money
    vat: Money
    description: str
    payer: Payer
    optional_fields: tuple[str, str, str] = ("", "", "")
    service_code: str = ""


@dataclass(frozen=True)
class StartedPayment:
    identifier: str  # the gateway's identificador
    payment_url: str  # where to send the payer's browser


@dataclass(frozen=True)
class AttemptRecord:
    """One attempt as verification reports it (str_res_pago, V4 layout)."""

    number: int
    state: PaymentState
    paid: Money
    vat: Money
    description: str
    payer: Payer
    optional_fields: tuple[str, str, str]
    date: str  # dd/mm/yyyy hh:mm:ss, Bogotá time, as sent
    method: int  # int_id_forma_pago (0 when the payer has not chosen yet)
    pse: PseTrace | None = None
    card: CardTrace | None = None


@dataclass(frozen=True)
class VerificationResult:
    attempts: list[AttemptRecord] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return bool(self.attempts)

    @property
    def latest(self) -> AttemptRecord | None:
        return max(self.attempts, key=lambda a: a.number) if self.attempts else None


class GatewayRejected(Exception):
    """The gateway answered in-band with an error (`-1 <mensaje>`): the request was not accepted."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class GatewayUnreachable(Exception):
    """Transport failure, timeout, SOAP Fault or an unreadable answer: the outcome is unknown.

    After a start or a charge this must be resolved by verification, never by a blind retry.
    """


class PaymentGateway(Protocol):
    async def start_payment(self, request: PaymentRequest) -> StartedPayment:
        """Start a payment; raises GatewayRejected or GatewayUnreachable."""
        ...

    async def verify(self, reference: str, attempt_number: int = -1) -> VerificationResult:
        """Every attempt of a reference (or one); raises GatewayRejected or GatewayUnreachable."""
        ...
