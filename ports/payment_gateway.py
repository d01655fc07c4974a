"""The payment-gateway port: what the portal (and any merchant code) needs from ZonaPAGOS."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Protocol

from domain.shared.money import Money
from domain.shared.gateway_records import CardTrace, Payer, PseTrace
from domain.shared.payment_states import PaymentState


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


# -- Card tokens (the seed's Tokentc_crear and ZPagoAPTC) -------------------------------------------

class TokenizationPolicy(Enum):
    """Whether to charge the card first and when to keep the token (`generar_pago` × `ban_tokenizar`)."""

    TOKENIZE_ONLY = "solo tokenizar"
    CHARGE_THEN_TOKENIZE_IF_APPROVED = "cobrar y tokenizar solo si el cobro fue aprobado"
    CHARGE_AND_ALWAYS_TOKENIZE = "cobrar y tokenizar siempre"

    @property
    def charges(self) -> bool:
        return self is not TokenizationPolicy.TOKENIZE_ONLY


@dataclass(frozen=True)
class ChargeAmounts:
    reference: str  # id_pago: digits only on the token services
    total: Money
    vat: Money
    description: str
    installments: int = 1


@dataclass(frozen=True)
class CardToTokenize:
    """The payer's card as the merchant's form collected it. Number and CVV never appear in a repr."""

    customer: Payer
    card_type: int  # tipo_tarjeta: 1 VISA, 2 MASTERCARD, 4 DINERS CLUB, 5 AMERICAN EXPRESS
    card_number: str = field(repr=False)
    expiry: str = ""  # MMAAAA
    security_code: str = field(default="", repr=False)
    client_ip: str = ""
    cardholder_name: str = ""
    optional_fields: tuple[str, str, str] = ("", "", "")


@dataclass(frozen=True)
class TokenizeRequest:
    card: CardToTokenize
    policy: TokenizationPolicy = TokenizationPolicy.TOKENIZE_ONLY
    charge: ChargeAmounts | None = None  # required when the policy charges
    additional: tuple[tuple[str, str], ...] = ()  # lista_info_adicional (code, value)


@dataclass(frozen=True)
class RecurringChargeRequest:
    identifier: str  # the token, or the no_pago of the first approved charge
    charge: ChargeAmounts
    by_initial_payment: bool = False  # tipo_identificador 2 instead of 1 (token)
    client_ip: str = ""
    additional: tuple[tuple[str, str], ...] = ()


class ChargeStatus(Enum):
    APPROVED = "aprobado"
    REJECTED = "rechazado"
    PENDING = "pendiente"  # settle later by verification
    INDETERMINATE = "indeterminado"  # the answer was -1: only verification can tell
    NOT_CHARGED = "no cobrado"  # verification found no payment for the id_pago: nothing was charged


@dataclass(frozen=True)
class ChargeOutcome:
    status: ChargeStatus
    reference: str  # id_pago
    detail: str = ""  # detalle_estado, or the verified state's label
    payment_number: int | None = None  # no_pago
    authorization: str = ""  # 101
    receipt: str = ""  # 102
    error: str = ""  # detalle_error
    state: PaymentState | None = None  # int_estado_pago, when verification settled it
    verified: bool = False  # True when the outcome comes from verificar_pago_v4

    @property
    def approved(self) -> bool:
        return self.status is ChargeStatus.APPROVED


@dataclass(frozen=True)
class TokenizationOutcome:
    token: str | None  # None when no token was generated (or its answer was lost)
    token_detail: str
    charge: ChargeOutcome | None  # None when no charge was asked for


class CardGateway(Protocol):
    """Tokenize cards and charge them again. A -1 or a lost answer after a charge is settled by
    verification (by `id_pago`), never by sending the charge again."""

    async def tokenize(self, request: TokenizeRequest) -> TokenizationOutcome:
        """One Tokentc_crear call; raises GatewayRejected (-1 without a charge) or GatewayUnreachable."""
        ...

    async def charge(self, request: RecurringChargeRequest) -> ChargeOutcome:
        """One ZPagoAPTC call; a -1 answer is INDETERMINATE; raises GatewayUnreachable."""
        ...

    async def settle(self, reference: str) -> ChargeOutcome:
        """The charge's outcome by verification: NOT_CHARGED when the gateway has no such id_pago."""
        ...

    async def charge_and_settle(self, request: RecurringChargeRequest) -> ChargeOutcome:
        """Charge once; on -1 or a transport error settle by verification, never by charging again."""
        ...
