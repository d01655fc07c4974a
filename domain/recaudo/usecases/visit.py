"""The recaudo portal's steps 2–9 (recaudo-portal.md, instruction IOTCS-09), one function per step.

Each takes the ports it needs and the session id the page carries. Business refusals are DomainErrors
with a Spanish message (and a field) that the page shows; nothing here knows about HTTP.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from domain.recaudo.associate import Associate
from domain.shared.contact import mask_email, mask_mobile, validate_email, validate_mobile
from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from domain.shared.otp import OtpPolicy
from domain.recaudo.products import ChoiceKind, PaymentChoice, Product, ProductNature, Selection
from domain.recaudo.session import (
    PayerDetails, RecaudoSession, SessionState, Step, format_reference, validate_payer_names,
)
from ports.clock import Clock
from ports.core_banking import CoreBanking
from ports.ids import IdGenerator
from ports.otp_channel import OtpChannel, OtpDeliveryFailed
from ports.recaudo_repository import PortalPayments, RecaudoSessions

if TYPE_CHECKING:
    from collections.abc import Callable

    from domain.recaudo.products import SelectionLine

SESSION_LIFETIME = timedelta(minutes=30)  # a visit that has not reached the gateway after this starts over
PAYMENT_PRODUCT = "PSE recaudos"  # "Producto" on "Detalle del pago" (step 8)
FORBIDDEN_IN_DESCRIPTION = ('|', '"')  # they break ACH's anti-fraud engine (pse.md §4)
# Documents the identification form offers (natural persons pay their products; NIT for companies).
PORTAL_DOCUMENT_TYPES = (DocumentType.CC, DocumentType.CE, DocumentType.TI, DocumentType.PP, DocumentType.NIT,
                         DocumentType.RC, DocumentType.NUIP)


class SessionExpired(DomainError):
    def __init__(self) -> None:
        super().__init__("Su consulta expiró o no existe. Ingrese de nuevo su documento", "session")


class UnknownAssociate(DomainError):
    def __init__(self) -> None:
        super().__init__("No encontramos un asociado con ese tipo y número de documento. Verifique los datos o "
                         "comuníquese con su entidad", "document_number")


def document_type_from(code: str) -> DocumentType:
    """The document type a form sent (`CC`, `NIT`…), among those the portal offers."""
    try:
        document_type = DocumentType.from_code(code.strip())
    except (ValueError, AttributeError):
        raise DomainError("Seleccione el tipo de documento", "document_type") from None
    if document_type not in PORTAL_DOCUMENT_TYPES:
        raise DomainError("Seleccione el tipo de documento", "document_type")
    return document_type


def load_session(session_id: str, sessions: RecaudoSessions, clock: Clock | None = None) -> RecaudoSession:
    """The visit's session; SessionExpired when unknown, closed, locked, or too old to go on before the gateway."""
    session = sessions.get(session_id) if session_id else None
    if session is None or session.state in (SessionState.ABANDONED, SessionState.LOCKED):
        raise SessionExpired()
    before_gateway = session.state not in (SessionState.PAYMENT_STARTED, SessionState.FINAL)
    if clock is not None and before_gateway and clock.now() - session.created_at >= SESSION_LIFETIME:
        raise SessionExpired()
    return session


# --- steps 2–3: who is paying for what ------------------------------------------------------------

def identify_associate(document_type: str, document_number: str, session_id: str, core: CoreBanking,
                       sessions: RecaudoSessions, clock: Clock) -> RecaudoSession:
    """Steps 2–3: the typed document belongs to an associate of an entity that collects; greet them."""
    document = IdentityDocument(document_type_from(document_type), document_number or "")
    associate = core.find_associate(document)
    if associate is None:
        raise UnknownAssociate()
    session = RecaudoSession.identify(session_id, associate, clock.now())
    sessions.add(session)
    return session


# --- steps 4–5: the security code -----------------------------------------------------------------

@dataclass(frozen=True)
class CodeSent:
    destinations: tuple[str, ...]  # masked: `******6048`, `n**********@example.com`
    expires_at: datetime
    resend_in_seconds: int


def _code_sent(session: RecaudoSession, destinations: tuple[str, ...], now: datetime) -> CodeSent:
    challenge = session.otp
    assert challenge is not None
    return CodeSent(destinations, challenge.expires_at, challenge.seconds_until_resend(now))


def _deliver(session: RecaudoSession, code: str, channel: OtpChannel, policy: OtpPolicy) -> tuple[str, ...]:
    try:
        return channel.send_code(session.associate, code, policy.validity)
    except OtpDeliveryFailed:
        raise DomainError("No fue posible enviar el código de seguridad. Solicite otro en unos segundos",
                          "otp") from None


def request_security_code(session_id: str, sessions: RecaudoSessions, channel: OtpChannel, ids: IdGenerator,
                          clock: Clock, policy: OtpPolicy) -> CodeSent:
    """Step 4 "Consultar Productos": products are shown only after the code sent to phone and e-mail."""
    session = load_session(session_id, sessions, clock)
    now = clock.now()
    code = session.send_otp(ids, now, policy)
    sessions.save(session)  # the challenge exists before the code leaves, so "reenviar" can follow a lost send
    return _code_sent(session, _deliver(session, code, channel, policy), now)


def resend_security_code(session_id: str, sessions: RecaudoSessions, channel: OtpChannel, ids: IdGenerator,
                         clock: Clock, policy: OtpPolicy) -> CodeSent:
    """"Enviar otro código de seguridad": a new code replaces the old one, at most once every 30 s."""
    now = clock.now()
    with sessions.exclusively():  # two clicks in two processes: one new code
        session = load_session(session_id, sessions, clock)
        code = session.resend_otp(ids, now)
        sessions.save(session)
    return _code_sent(session, _deliver(session, code, channel, policy), now)


def code_status(session_id: str, sessions: RecaudoSessions, clock: Clock) -> CodeSent:
    """What the OTP dialog shows: where the code went and how long until another may be asked for."""
    session = load_session(session_id, sessions, clock)
    if session.state is not SessionState.OTP_SENT or session.otp is None:
        raise DomainError("Solicite primero el código de seguridad con «Consultar Productos»", "otp")
    return _code_sent(session, otp_destinations(session.associate), clock.now())


def otp_destinations(associate: Associate) -> tuple[str, ...]:
    """Where the OTP goes, masked, in the order the dialog lists them."""
    found = []
    if associate.mobile:
        found.append(mask_mobile(associate.mobile))
    if associate.email:
        found.append(mask_email(associate.email))
    return tuple(found)


def check_security_code(session_id: str, code: str, sessions: RecaudoSessions, clock: Clock) -> RecaudoSession:
    """"Aceptar" in the OTP dialog. Wrong codes are counted and a lock ends the session, even when refused."""
    refused: DomainError | None = None
    with sessions.exclusively():  # concurrent guesses in several processes are each counted
        session = load_session(session_id, sessions, clock)
        try:
            session.verify_otp(code or "", clock.now())
        except DomainError as error:
            refused = error  # the wrong attempt (or the lock) is saved before the refusal is raised
        sessions.save(session)
    if refused is not None:
        raise refused
    return session


def close_session(session_id: str, sessions: RecaudoSessions) -> None:
    """"Cerrar": the associate leaves before the gateway has the payment. Closing twice is harmless."""
    session = sessions.get(session_id) if session_id else None
    if session is not None and session.allows(Step.CLOSE):
        session.close()
        sessions.save(session)


# --- step 6: products -----------------------------------------------------------------------------

@dataclass(frozen=True)
class ChoiceOffer:
    kind: ChoiceKind
    label: str  # "Pago mínimo $1.800,00", "Otro valor"
    amount: Money | None  # fixed amounts (minimum, full); None for typed ones and "No pagar"


@dataclass(frozen=True)
class ProductOffer:
    """One row of "Información de productos"."""

    product: Product
    choices: tuple[ChoiceOffer, ...]
    due_date: date | None
    past_due: bool
    paid_off: bool = False  # a credit with nothing owed: shown "Sin saldo pendiente", with no choice to pay

    @property
    def key(self) -> tuple[str, str]:
        return self.product.key


_CHOICE_ORDER = (ChoiceKind.NO_PAY, ChoiceKind.MINIMUM, ChoiceKind.FULL, ChoiceKind.OTHER, ChoiceKind.FREE)


def _offer(product: Product, today: date) -> ProductOffer:
    if product.product_type.nature is ProductNature.CREDIT and product.full_due.is_zero:
        return ProductOffer(product, (), None, False, paid_off=True)
    choices = []
    for kind in _CHOICE_ORDER:
        if not product.product_type.allows(kind):
            continue
        if kind is ChoiceKind.MINIMUM:
            if product.minimum_due.is_zero:
                continue
            choices.append(ChoiceOffer(kind, f"{kind.label} {product.minimum_due.format()}", product.minimum_due))
        elif kind is ChoiceKind.FULL:
            if product.full_due.is_zero:
                continue
            choices.append(ChoiceOffer(kind, f"{kind.label} {product.full_due.format()}", product.full_due))
        else:
            choices.append(ChoiceOffer(kind, kind.label, None))
    return ProductOffer(product, tuple(choices), product.due_date, product.is_past_due(today))


def products_to_choose(session_id: str, sessions: RecaudoSessions, clock: Clock) -> tuple[ProductOffer, ...]:
    """The associate's active products with the choices each allows; only after the security code."""
    session = load_session(session_id, sessions, clock)
    if not session.allows(Step.CHOOSE_PRODUCTS):
        raise DomainError("Ingrese el código de seguridad para consultar sus productos", "otp")
    today = clock.now().date()
    return tuple(_offer(p, today) for p in session.associate.active_products())


@dataclass(frozen=True)
class ChoiceInput:
    """What the page sent for one product: the option and, for typed amounts, the text typed."""

    type_code: str
    number: str
    kind: str  # a ChoiceKind name
    amount: str = ""


class ProductsRefused(DomainError):
    """Some lines were refused: the reason goes next to each product; the others keep their amounts."""

    def __init__(self, message: str, reasons: dict[tuple[str, str], str], amounts: dict[tuple[str, str], Money]):
        super().__init__(message, "products")
        self.reasons = reasons
        self.amounts = amounts


def _choice(text_kind: str, amount_text: str) -> PaymentChoice:
    try:
        kind = ChoiceKind[(text_kind or "NO_PAY").strip().upper()]
    except KeyError:
        raise DomainError("Seleccione una opción de pago válida", "choice") from None
    if not kind.takes_amount:
        return PaymentChoice(kind)
    amount_text = (amount_text or "").strip()
    if not amount_text:
        return PaymentChoice(kind)  # PaymentChoice says "Ingrese el valor para «…»"
    return PaymentChoice(kind, Money.parse(amount_text))


def choose_products(session_id: str, inputs: Iterable[ChoiceInput], sessions: RecaudoSessions,
                    clock: Clock) -> Selection:
    """Step 6: the amounts are computed here from the registered products; a refused line says why."""
    session = load_session(session_id, sessions, clock)
    if not session.allows(Step.CHOOSE_PRODUCTS):
        raise DomainError("Ingrese el código de seguridad para consultar sus productos", "otp")
    reasons: dict[tuple[str, str], str] = {}
    amounts: dict[tuple[str, str], Money] = {}
    choices: list[tuple[Product, PaymentChoice]] = []
    for item in inputs:
        key = (item.type_code.strip().upper(), item.number.strip())
        product = session.associate.product(*key)  # DomainError: not theirs (tampering or stale page)
        try:
            choice = _choice(item.kind, item.amount)
            amounts[key] = product.amount_for(choice)
        except DomainError as refused:
            reasons[key] = refused.message
            continue
        choices.append((product, choice))
    if reasons:
        raise ProductsRefused("Revise los valores marcados", reasons, amounts)
    selection = session.choose_products(choices)
    sessions.save(session)
    return selection


# --- step 7: the payer ----------------------------------------------------------------------------

@dataclass(frozen=True)
class DepositorInput:
    document_type: str
    document_number: str
    first_names: str
    last_names: str
    email: str
    mobile: str


class PayerRefused(DomainError):
    def __init__(self, errors: dict[str, str]):
        super().__init__("Revise los datos del depositante", "payer")
        self.errors = errors  # field → Spanish message


def _depositor(data: DepositorInput) -> PayerDetails:
    errors: dict[str, str] = {}

    def check(field: str, validate: Callable[[], object]) -> None:
        try:
            validate()
        except DomainError as problem:
            errors.setdefault(problem.field or field, problem.message)

    document_type = None
    try:
        document_type = document_type_from(data.document_type)
    except DomainError as problem:
        errors["document_type"] = problem.message
    if document_type is not None:
        check("document_number", lambda: IdentityDocument(document_type, data.document_number))
    check("first_names", lambda: validate_payer_names(data.first_names, "x"))
    check("last_names", lambda: validate_payer_names("x", data.last_names))
    check("email", lambda: validate_email(data.email))
    check("mobile", lambda: validate_mobile(data.mobile))
    payer = None
    try:
        payer = PayerDetails.depositor(document_type or DocumentType.CC, data.document_number, data.first_names,
                                       data.last_names, data.email, data.mobile)
    except DomainError as problem:
        errors.setdefault(problem.field or "payer", problem.message)
    if errors or payer is None:
        raise PayerRefused(errors)
    return payer


def set_payer(session_id: str, depositor: DepositorInput | None, sessions: RecaudoSessions,
              clock: Clock) -> PayerDetails:
    """Step 7: the associate pays, unless "¿Depositante diferente al asociado?" gave another person."""
    session = load_session(session_id, sessions, clock)
    payer = session.set_payer(_depositor(depositor) if depositor is not None else None)
    sessions.save(session)
    return payer


# --- steps 8–9: the detail ------------------------------------------------------------------------

@dataclass(frozen=True)
class PaymentDetail:
    product: str  # "PSE recaudos"
    reference: str  # 00000025
    session: RecaudoSession

    @property
    def lines(self) -> tuple[SelectionLine, ...]:
        assert self.session.selection is not None
        return self.session.selection.payable_lines()

    @property
    def total(self) -> Money:
        return self.session.total()


def payment_detail(session_id: str, sessions: RecaudoSessions, payments: PortalPayments,
                   clock: Clock) -> PaymentDetail:
    """Step 8 "Detalle del pago": the reference is assigned once, the first time the detail is shown."""
    session = load_session(session_id, sessions, clock)
    if not session.allows(Step.ASSIGN_REFERENCE) and session.state not in (SessionState.PAYMENT_STARTED,
                                                                            SessionState.FINAL):
        raise DomainError("Complete primero los productos y el pagador", "detail")
    if session.needs_reference and session.allows(Step.ASSIGN_REFERENCE):
        session.assign_reference(format_reference(payments.next_reference_number()))
        sessions.save(session)
    assert session.reference is not None
    return PaymentDetail(PAYMENT_PRODUCT, session.reference, session)


def check_description(description: str) -> str:
    """The description PSE will carry: no `|` nor `"` (the session checks presence and length)."""
    if any(ch in (description or "") for ch in FORBIDDEN_IN_DESCRIPTION):
        raise DomainError("La descripción no puede contener los caracteres | ni \"", "description")
    return description or ""
