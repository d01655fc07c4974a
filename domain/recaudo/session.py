"""One visit to the recaudo portal, from the typed document to the gateway's answer (IOTCS-09 steps 2–15).

The session is a state machine. Each step of the instruction is a method; the table `STEPS` says from
which states it may be taken and where it leads. A step taken out of order raises IllegalTransition; a
step refused by a business rule raises DomainError and leaves the session as it was (except that a
wrong OTP code is counted).
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from domain.recaudo.associate import Associate
from domain.shared.contact import validate_email, validate_mobile
from domain.shared.errors import DomainError, IllegalTransition
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from domain.shared.otp import OtpChallenge, OtpLocked, OtpPolicy
from domain.shared.payment_states import PaymentState
from domain.recaudo.products import PaymentChoice, Product, Selection

if TYPE_CHECKING:
    from ports.ids import IdGenerator

DESCRIPTION_MAX_LENGTH = 70  # descripcion_pago at the gateway
NAME_MAX_LENGTH = 50  # nombre_cliente / apellido_cliente at the gateway
REFERENCE_MAX_LENGTH = 30  # id_pago at the gateway


class SessionState(Enum):
    IDENTIFIED = "Asociado identificado"
    OTP_SENT = "Código de seguridad enviado"
    OTP_VERIFIED = "Código de seguridad verificado"
    PRODUCTS_CHOSEN = "Productos seleccionados"
    PAYER_SET = "Pagador registrado"
    DETAIL_CONFIRMED = "Detalle del pago confirmado"
    PAYMENT_STARTED = "Pago iniciado en la pasarela"
    FINAL = "Pago finalizado"
    ABANDONED = "Consulta cerrada"
    LOCKED = "Consulta bloqueada"

    @property
    def is_terminal(self) -> bool:
        return self in TERMINAL_STATES


TERMINAL_STATES = frozenset({SessionState.FINAL, SessionState.ABANDONED, SessionState.LOCKED})


class Step(Enum):
    SEND_OTP = "enviar el código de seguridad"
    RESEND_OTP = "enviar otro código de seguridad"
    VERIFY_OTP = "verificar el código de seguridad"
    CHOOSE_PRODUCTS = "seleccionar productos"
    SET_PAYER = "registrar el pagador"
    ASSIGN_REFERENCE = "asignar la referencia"
    CONFIRM_DETAIL = "confirmar el detalle del pago"
    START_PAYMENT = "iniciar la transacción"
    RECORD_OUTCOME = "registrar el resultado del pago"
    CLOSE = "cerrar la consulta"


@dataclass(frozen=True)
class StepRule:
    allowed_from: frozenset[SessionState]
    leads_to: SessionState | None  # None: the step keeps the state


_S = SessionState
# Before the gateway has the payment the associate may go back to an earlier page ("Atrás") or close.
_EDITABLE = frozenset({_S.PRODUCTS_CHOSEN, _S.PAYER_SET, _S.DETAIL_CONFIRMED})
_OPEN_BEFORE_GATEWAY = frozenset({_S.IDENTIFIED, _S.OTP_SENT, _S.OTP_VERIFIED}) | _EDITABLE

STEPS: dict[Step, StepRule] = {
    Step.SEND_OTP: StepRule(frozenset({_S.IDENTIFIED}), _S.OTP_SENT),
    Step.RESEND_OTP: StepRule(frozenset({_S.OTP_SENT}), None),
    Step.VERIFY_OTP: StepRule(frozenset({_S.OTP_SENT}), _S.OTP_VERIFIED),
    Step.CHOOSE_PRODUCTS: StepRule(frozenset({_S.OTP_VERIFIED}) | _EDITABLE, _S.PRODUCTS_CHOSEN),
    Step.SET_PAYER: StepRule(_EDITABLE, _S.PAYER_SET),
    Step.ASSIGN_REFERENCE: StepRule(frozenset({_S.PAYER_SET, _S.DETAIL_CONFIRMED}), None),
    Step.CONFIRM_DETAIL: StepRule(frozenset({_S.PAYER_SET}), _S.DETAIL_CONFIRMED),
    Step.START_PAYMENT: StepRule(frozenset({_S.DETAIL_CONFIRMED}), _S.PAYMENT_STARTED),
    Step.RECORD_OUTCOME: StepRule(frozenset({_S.PAYMENT_STARTED}), None),  # FINAL once the state is final
    Step.CLOSE: StepRule(_OPEN_BEFORE_GATEWAY, _S.ABANDONED),
}


def format_reference(number: int, width: int = 8) -> str:
    """The portal's payment reference as the screens show it: `25` → `00000025`."""
    if number < 1:
        raise ValueError("a reference number is positive")
    return str(number).zfill(width)


@dataclass(frozen=True)
class PayerDetails:
    """Who pays (step 7): the associate by default, or a depositor with validated data."""

    document: IdentityDocument
    first_names: str
    last_names: str
    email: str | None
    mobile: str | None
    is_associate: bool = False

    @property
    def full_name(self) -> str:
        return f"{self.first_names} {self.last_names}".strip()

    @classmethod
    def from_associate(cls, associate: Associate) -> PayerDetails:
        first, last = associate.names()
        return cls(associate.document, first, last, associate.email, associate.mobile, is_associate=True)

    @classmethod
    def depositor(
        cls,
        document_type: DocumentType,
        document_number: str,
        first_names: str,
        last_names: str,
        email: str,
        mobile: str,
    ) -> PayerDetails:
        """A payer other than the associate ("¿Depositante diferente al asociado?"); every field required."""
        if document_type is DocumentType.NONE:
            raise DomainError("Seleccione el tipo de documento del pagador", "document_type")
        return cls(
            IdentityDocument(document_type, document_number),
            _person_name(first_names, "Los nombres", "first_names"),
            _person_name(last_names, "Los apellidos", "last_names"),
            validate_email(email),
            validate_mobile(mobile),
        )


def validate_payer_names(first_names: str, last_names: str) -> tuple[str, str]:
    """A depositor's names and surnames, checked as `PayerDetails.depositor` checks them."""
    return (_person_name(first_names, "Los nombres", "first_names"),
            _person_name(last_names, "Los apellidos", "last_names"))


def _person_name(text: str, what: str, field: str) -> str:
    name = " ".join(text.split())
    if not name:
        raise DomainError(f"{what} del pagador son obligatorios", field)
    if len(name) > NAME_MAX_LENGTH:
        raise DomainError(f"{what} del pagador admiten máximo {NAME_MAX_LENGTH} caracteres", field)
    if not all(c.isalpha() or c in " '.-" for c in name) or not any(c.isalpha() for c in name):
        raise DomainError(f"{what} del pagador solo pueden tener letras", field)
    return name


ProductRef = Product | tuple[str, str]


@dataclass
class RecaudoSession:
    """The portal session of one associate; the pages drive it step by step."""

    session_id: str
    associate: Associate
    created_at: datetime
    state: SessionState = SessionState.IDENTIFIED
    otp: OtpChallenge | None = None
    selection: Selection | None = None
    payer: PayerDetails | None = None
    reference: str | None = None
    description: str | None = None
    terms_accepted: bool = False
    payment_started_at: datetime | None = None
    gateway_identifier: str | None = None
    last_payment_state: PaymentState | None = None

    @classmethod
    def identify(cls, session_id: str, associate: Associate, now: datetime) -> RecaudoSession:
        """Steps 2–3: the typed document belongs to a known associate of an entity that collects."""
        associate.entity.ensure_accepts_payments()
        return cls(session_id, associate, now)

    # --- steps 4–5: the security code -------------------------------------------------------------
    def send_otp(self, ids: IdGenerator, now: datetime, policy: OtpPolicy | None = None) -> str:
        """Issue the code; return it clear, once, for the OTP channel."""
        rule = self._check(Step.SEND_OTP)
        if not self.associate.can_receive_otp:
            raise DomainError(
                "No tiene un celular ni un correo registrado para enviar el código de seguridad. "
                "Comuníquese con su entidad",
                "otp",
            )
        self.otp, code = OtpChallenge.issue(self.session_id, self.associate.document, ids, now, policy)
        self._move(rule)
        return code

    def resend_otp(self, ids: IdGenerator, now: datetime) -> str:
        """"Enviar otro código de seguridad": replaces the code; refused within the resend pause."""
        self._check(Step.RESEND_OTP)
        return self._challenge().resend(ids, now)

    def verify_otp(self, code: str, now: datetime) -> None:
        """"Aceptar" in the OTP dialog. A locked code locks the whole session."""
        rule = self._check(Step.VERIFY_OTP)
        challenge = self._challenge()
        challenge.ensure_bound_to(self.session_id, self.associate.document)
        try:
            challenge.verify(code, now)
        except OtpLocked:
            self.state = SessionState.LOCKED
            raise
        self._move(rule)

    # --- step 6: products -------------------------------------------------------------------------
    def choose_products(self, choices: Iterable[tuple[ProductRef, PaymentChoice]]) -> Selection:
        """Products and amounts; the products are the associate's as registered, never as sent."""
        rule = self._check(Step.CHOOSE_PRODUCTS)
        resolved = [(self._own_product(ref), choice) for ref, choice in choices]
        selection = Selection.of(resolved)
        self.selection = selection
        self.payer, self.description, self.terms_accepted = None, None, False
        self._move(rule)
        return selection

    # --- step 7: payer ----------------------------------------------------------------------------
    def set_payer(self, payer: PayerDetails | None = None) -> PayerDetails:
        """The associate pays unless a different depositor is given."""
        rule = self._check(Step.SET_PAYER)
        payer = payer or PayerDetails.from_associate(self.associate)
        self.payer = payer
        self.description, self.terms_accepted = None, False
        self._move(rule)
        return payer

    # --- steps 8–9: detail, terms, start ----------------------------------------------------------
    @property
    def needs_reference(self) -> bool:
        return self.reference is None

    def assign_reference(self, reference: str) -> None:
        """The payment reference shown on "Detalle del pago"; given once per session."""
        self._check(Step.ASSIGN_REFERENCE)
        if self.reference is not None:
            raise IllegalTransition("La referencia del pago ya fue asignada")
        if not reference.isascii() or not reference.isdigit() or len(reference) > REFERENCE_MAX_LENGTH:
            raise DomainError("La referencia debe tener solo dígitos, máximo 30", "reference")
        self.reference = reference

    def confirm_detail(self, description: str, terms_accepted: bool) -> None:
        """The mandatory description and the mandatory acceptance of the terms and data treatment."""
        rule = self._check(Step.CONFIRM_DETAIL)
        if self.reference is None:
            raise IllegalTransition("La referencia del pago no ha sido asignada")
        text = " ".join(description.split())
        if not text:
            raise DomainError("La descripción del pago es obligatoria", "description")
        if len(text) > DESCRIPTION_MAX_LENGTH:
            raise DomainError(
                f"La descripción del pago admite máximo {DESCRIPTION_MAX_LENGTH} caracteres", "description"
            )
        if terms_accepted is not True:
            raise DomainError(
                "Debe aceptar los términos y condiciones y la autorización de tratamiento de datos personales",
                "terms",
            )
        self.description, self.terms_accepted = text, True
        self._move(rule)

    def start_payment(self, now: datetime, gateway_identifier: str | None = None) -> None:
        """"Iniciar transacción": the gateway accepted the payment; the portal can no longer change it."""
        rule = self._check(Step.START_PAYMENT)
        self.associate.entity.ensure_accepts_payments()
        self.payment_started_at, self.gateway_identifier = now, gateway_identifier
        self.last_payment_state = PaymentState.PENDING_START
        self._move(rule)

    # --- step 15: the gateway's answer ------------------------------------------------------------
    def record_outcome(self, state: PaymentState) -> None:
        """What the verification says; a final state ends the session, a pending one keeps it open."""
        self._check(Step.RECORD_OUTCOME)
        self.last_payment_state = state
        if state.is_final:
            self.state = SessionState.FINAL

    def close(self) -> None:
        """"Cerrar": the associate leaves before the gateway has the payment."""
        self._move(self._check(Step.CLOSE))

    # --- reading ----------------------------------------------------------------------------------
    def total(self) -> Money:
        """The amount to pay, from the selection."""
        if self.selection is None:
            raise IllegalTransition("Aún no hay productos seleccionados")
        return self.selection.total()

    def allows(self, step: Step) -> bool:
        return self.state in STEPS[step].allowed_from

    # --- helpers ----------------------------------------------------------------------------------
    def _check(self, step: Step) -> StepRule:
        rule = STEPS[step]
        if self.state not in rule.allowed_from:
            raise IllegalTransition(f"No es posible {step.value}: la consulta está en «{self.state.value}»")
        return rule

    def _move(self, rule: StepRule) -> None:
        if rule.leads_to is not None:
            self.state = rule.leads_to

    def _challenge(self) -> OtpChallenge:
        if self.otp is None:
            raise IllegalTransition("No se ha enviado un código de seguridad")
        return self.otp

    def _own_product(self, ref: ProductRef) -> Product:
        type_code, number = ref.key if isinstance(ref, Product) else ref
        return self.associate.product(type_code, number)
