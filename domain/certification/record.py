"""What a certification grades: a merchant's requests as the journal decoded them, the histories of the
payments they started, and (when fetched) the merchant's result pages. The simulator converts its journal
entries and payments into these; the rules read nothing else."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from types import MappingProxyType

from domain.shared.payment_states import PaymentMethod, PaymentState


class Call(Enum):
    START = "inicio"  # inicio_pagoV2/V3/V4 (SOAP) or InicioPago (REST)
    VERIFY = "verificacion"  # verificar_pago_v4/v3 (SOAP) or VerificacionPago (REST)


class Wire(Enum):
    SOAP = "soap"
    REST = "rest"


def payer_key(document_type: str, document_number: str) -> str:
    """One payer's key across starts and payments: `tipo:numero` ("" when no document was sent)."""
    number = document_number.strip()
    return f"{document_type.strip()}:{number}" if number else ""


@dataclass(frozen=True)
class Request:
    """One request of the merchant's code, as the journal kept it (secrets masked, never read here)."""

    entry_id: int  # the journal entry's id
    at: datetime  # on the simulated clock
    call: Call
    wire: Wire
    merchant_id: int
    reference: str  # id_pago / str_id_pago ("" when not sent)
    fields: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))  # wire names as sent
    accepted: bool = True  # the service executed the call (an identificador, int_codigo 1, Result 1)
    credentials_refused: bool = False  # the answer was "Credenciales inválidas"
    # a REST start with AdicionalesConfiguracion 200 = "1": the payer registers a card (a token), no PSE payment
    # (zonapagos-ws.md §13); its amounts may be omitted
    card_registration: bool = False

    def sent(self, name: str) -> bool:
        """True when the message carried `name` with a non-blank value."""
        return bool(self.fields.get(name, "").strip())

    @property
    def payer(self) -> str:
        """Who pays, as a start names them: `tipo_id:id_cliente` (the REST names on that wire)."""
        prefix = "str_" if self.wire is Wire.REST else ""
        return payer_key(self.fields.get(prefix + "tipo_id", ""), self.fields.get(prefix + "id_cliente", ""))


@dataclass(frozen=True)
class StateChange:
    state: PaymentState
    at: datetime


@dataclass(frozen=True)
class PaymentHistory:
    """A payment the merchant started, with every state it went through (across the payer's attempts)."""

    payment_id: int  # the gateway's identificador
    reference: str  # id_pago
    started_at: datetime
    changes: tuple[StateChange, ...]  # in time order; the first is the start (888)
    payer: str = ""  # who pays: payer_key() of the document sent
    order: str = ""  # what is paid: description and total as sent
    method: PaymentMethod | None = None  # the current attempt's method, once chosen
    bank_name: str = ""  # PSE attempts: what the result page must show
    cus: str = ""

    def state_at(self, moment: datetime) -> PaymentState | None:
        """The payment's state at `moment`; None before it started."""
        state = None
        for change in self.changes:
            if change.at > moment:
                break
            state = change.state
        return state

    @property
    def final_at(self) -> datetime | None:
        """When the payment reached its final state for good (None while it is pending)."""
        if not self.changes or not self.changes[-1].state.is_final:
            return None
        return self.changes[-1].at

    @property
    def final_state(self) -> PaymentState | None:
        return self.changes[-1].state if self.final_at is not None else None

    def pending_between(self, start: datetime, end: datetime) -> bool:
        """True when the payment was in a pending state the payer cannot leave alone (999 or 4001) at some
        moment of [start, end]."""
        waiting = (PaymentState.PENDING_FINISH, PaymentState.REVIEW_PENDING)
        if self.state_at(start) in waiting:
            return True
        return any(start <= c.at <= end and c.state in waiting for c in self.changes)


@dataclass(frozen=True)
class ResultPage:
    """The merchant's result page for one payment, as the simulator fetched it."""

    payment_id: int
    reference: str
    status: int  # HTTP status (0 when it could not be fetched)
    text: str  # the page's visible text


@dataclass(frozen=True)
class Rehearsal:
    """Everything graded for one merchant."""

    merchant_id: int
    requests: tuple[Request, ...]
    payments: tuple[PaymentHistory, ...]
    result_pages: tuple[ResultPage, ...] | None = None  # None: not fetched in this run
    support_phone: str = ""  # the merchant's contacts, as ACH's pending message names them
    support_email: str = ""

    def starts(self) -> list[Request]:
        return [r for r in self.requests if r.call is Call.START]

    def verifications_of(self, reference: str) -> list[Request]:
        """The executed verifications of `reference`, oldest first."""
        return sorted((r for r in self.requests if r.call is Call.VERIFY and r.accepted and r.reference == reference),
                      key=lambda r: (r.at, r.entry_id))

    def verifications_after_final(self, payment: PaymentHistory) -> list[Request]:
        """The executed verifications of `payment` from the moment it reached its final state (none while it has
        not), oldest first."""
        final_at = payment.final_at
        if final_at is None:
            return []
        return [v for v in self.verifications_of(payment.reference) if v.at >= final_at]

    def start_of(self, payment: PaymentHistory) -> Request | None:
        """The accepted start request that created `payment`."""
        for request in self.requests:
            if request.call is Call.START and request.accepted and request.reference == payment.reference:
                return request
        return None
