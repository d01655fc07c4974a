"""The recaudo portal's payment: "Iniciar transacción" (step 9), the return page (step 15) and crediting.

The gateway is reached only through the PaymentGateway port. A payment is claimed in the portal's
records before the gateway is called, so a second click never starts a second payment; it is credited
to the products once, through the CoreBanking port, when verification says it is approved.
"""
from __future__ import annotations

from dataclasses import dataclass

from domain.shared.ach_notices import approved_notice, pending_notice
from domain.shared.errors import DomainError
from domain.shared.money import Money
from domain.shared.gateway_records import Payer
from domain.shared.payment_states import PaymentMethod
from domain.recaudo.portal_payment import PortalPayment, gateway_reference
from domain.recaudo.session import PayerDetails, RecaudoSession, SessionState, Step
from domain.recaudo.usecases.visit import check_description, load_session
from ports.clock import Clock
from ports.core_banking import CoreBanking
from ports.payment_gateway import (
    AttemptRecord, GatewayRejected, GatewayUnreachable, PaymentGateway, PaymentRequest, VerificationResult,
)
from ports.recaudo_repository import PortalPayments, RecaudoSessions

OPTIONAL_FIELD_MAX = 70  # info_opcional1..3


@dataclass(frozen=True)
class EntityContacts:
    """The phone and e-mail ACH's fixed texts name (the entity's customer service)."""

    phone: str
    email: str


class PaymentBlocked(DomainError):
    """ACH's fixed text refuses another payment: one is pending at the bank or already approved."""

    def __init__(self, notice: str, reference: str):
        super().__init__(notice, "payment")
        self.reference = reference


class PaymentStarting(DomainError):
    """A second click while the first one is still waiting for the gateway."""

    def __init__(self, reference: str):
        super().__init__("Su transacción se está iniciando. Espere un momento", "payment")
        self.reference = reference


class StartUncertain(DomainError):
    """The gateway's answer to the start was lost: the sonda will find out whether the payment exists."""

    def __init__(self, reference: str):
        super().__init__(
            "No fue posible confirmar el inicio de la transacción con la pasarela de pagos. Consultaremos su "
            f"estado; no intente pagar de nuevo la referencia {reference}", "payment")
        self.reference = reference


def blocking_notice(payment: PortalPayment, contacts: EntityContacts) -> str | None:
    """ACH's pending or approved text when `payment` forbids paying again, else None."""
    if payment.is_approved:
        return approved_notice(payment.reference, contacts.phone, contacts.email, payment.cus)
    if payment.is_pending_at_bank:
        cus = payment.cus if payment.method in (None, int(PaymentMethod.PSE)) else ""
        return pending_notice(payment.reference, contacts.phone, contacts.email, cus)
    return None


def _optional_fields(payment: PortalPayment) -> tuple[str, str, str]:
    products = ", ".join(f"{line.type_code} ****{line.number[-4:]}" for line in payment.lines)
    return (f"Referencia {payment.reference}"[:OPTIONAL_FIELD_MAX],
            f"Asociado {payment.associate}"[:OPTIONAL_FIELD_MAX],
            products[:OPTIONAL_FIELD_MAX])


def _wire_payer(payer: PayerDetails) -> Payer:
    return Payer(document_number=payer.document.number, document_type=str(payer.document.type.zonapagos_code),
                 first_names=payer.first_names, last_names=payer.last_names, phone=payer.mobile or "",
                 email=payer.email or "")


def payment_request(payment: PortalPayment) -> PaymentRequest:
    """inicio_pagoV2's fields for this payment: payer, amounts, description, the reference in the optional fields."""
    return PaymentRequest(reference=payment.gateway_reference, total=payment.total, vat=Money.zero(),
                          description=payment.description, payer=_wire_payer(payment.payer),
                          optional_fields=_optional_fields(payment))


def _confirm(session: RecaudoSession, description: str, terms_accepted: bool) -> None:
    check_description(description)
    if session.state is SessionState.DETAIL_CONFIRMED:  # a start the gateway refused before: confirm again
        session.set_payer(session.payer)
    session.confirm_detail(description, terms_accepted)


async def _refresh_blocking(payments: PortalPayments, session: RecaudoSession, gateway: PaymentGateway,
                            sessions: RecaudoSessions, core: CoreBanking, clock: Clock,
                            contacts: EntityContacts) -> None:
    """Ask the gateway again about the associate's other open payments; refuse while one is pending at the bank."""
    for other in payments.of_associate(session.associate.document):
        if other.reference == session.reference:
            continue
        if other.is_open:
            try:
                await settle_with_gateway(other, gateway, payments, sessions, core, clock)
            except (GatewayRejected, GatewayUnreachable):
                pass  # keep the last known state
        if other.is_pending_at_bank:
            notice = blocking_notice(other, contacts)
            assert notice is not None
            raise PaymentBlocked(notice, other.reference)


async def start_transaction(session_id: str, description: str, terms_accepted: bool, sessions: RecaudoSessions,
                            payments: PortalPayments, gateway: PaymentGateway, core: CoreBanking, clock: Clock,
                            contacts: EntityContacts) -> PortalPayment:
    """Step 9 "Iniciar transacción": confirm the detail, claim the reference, start it at the gateway.

    Returns the payment with its `payment_url` (where the browser goes). A second click returns the same
    payment; a reference pending at the bank or approved raises PaymentBlocked with ACH's text.
    """
    session = load_session(session_id, sessions, clock)
    existing = payments.get(session.reference) if session.reference else None
    if existing is not None:
        notice = blocking_notice(existing, contacts)
        if notice:
            raise PaymentBlocked(notice, existing.reference)
        if existing.payment_url:
            return existing  # the same payment: one per session
        if existing.uncertain:
            raise StartUncertain(existing.reference)
        raise PaymentStarting(existing.reference)
    if not session.allows(Step.CONFIRM_DETAIL) and session.state is not SessionState.DETAIL_CONFIRMED:
        raise DomainError("Complete primero los productos y el pagador", "detail")
    _confirm(session, description, terms_accepted)
    current = core.find_associate(session.associate.document)  # the entity is checked again, live
    if current is None:
        raise DomainError("El asociado ya no está registrado en la entidad", "associate")
    current.entity.ensure_accepts_payments()
    await _refresh_blocking(payments, session, gateway, sessions, core, clock, contacts)
    payment = PortalPayment.claim(session, clock.now())
    if not payments.claim(payment):
        raise PaymentStarting(payment.reference)
    sessions.save(session)
    try:
        started = await gateway.start_payment(payment_request(payment))
    except GatewayRejected as rejected:
        payments.release(payment.reference)
        raise DomainError(f"La pasarela de pagos no aceptó la transacción: {rejected.message}", "payment") from None
    except GatewayUnreachable:
        payment.mark_uncertain()
        session.start_payment(clock.now(), None)
        payments.save(payment)
        sessions.save(session)
        raise StartUncertain(payment.reference) from None
    payment.mark_started(started.identifier, started.payment_url)
    session.start_payment(clock.now(), started.identifier)
    payments.save(payment)
    sessions.save(session)
    return payment


# --- what the gateway says, and crediting ---------------------------------------------------------

def deciding_attempt(result: VerificationResult) -> AttemptRecord | None:
    """The attempt that decides the payment: an approved one if any, else the latest."""
    approved = [a for a in result.attempts if a.state.is_approved]
    if approved:
        return approved[0]
    return result.latest


def apply_verification(payment: PortalPayment, result: VerificationResult, sessions: RecaudoSessions,
                       payments: PortalPayments, core: CoreBanking, clock: Clock) -> PortalPayment:
    """Record what verification said; an approved payment credits each of its products once."""
    attempt = deciding_attempt(result)
    if attempt is None:
        payment.record_absent()
    else:
        pse = attempt.pse
        payment.record_attempt(attempt.number, attempt.state, attempt.method or None,
                               pse.cus if pse else "", pse.bank_name if pse else "")
    payments.save(payment)
    session = sessions.get(payment.session_id)
    if session is not None and payment.state is not None and session.allows(Step.RECORD_OUTCOME):
        session.record_outcome(payment.state)
        sessions.save(session)
    credit_products(payment, payments, core, clock)
    return payment


def credit_products(payment: PortalPayment, payments: PortalPayments, core: CoreBanking, clock: Clock) -> bool:
    """Credit an approved payment's products once each (the core refuses a repeated reference+product)."""
    if not payment.needs_credit:
        return False
    now = clock.now()
    for line in payment.lines:
        core.credit(payment.reference, payment.associate, line.key, line.amount, now)
    payment.mark_credited(now)
    payments.save(payment)
    return True


async def settle_with_gateway(payment: PortalPayment, gateway: PaymentGateway, payments: PortalPayments,
                              sessions: RecaudoSessions, core: CoreBanking, clock: Clock) -> PortalPayment:
    """Verify one payment through the port and apply the answer; gateway errors propagate."""
    result = await gateway.verify(payment.gateway_reference)
    return apply_verification(payment, result, sessions, payments, core, clock)


@dataclass(frozen=True)
class PaymentResult:
    """What the return page shows."""

    payment: PortalPayment
    notice: str  # ACH's pending text for 999/4001, else ""
    verified: bool  # False when the gateway could not be asked now (the last known state is shown)


async def payment_result(id_pago: str, merchant_id: str, expected_merchant_id: int, payments: PortalPayments,
                         sessions: RecaudoSessions, gateway: PaymentGateway, core: CoreBanking, clock: Clock,
                         contacts: EntityContacts) -> PaymentResult:
    """Step 15, the return page: never trust the redirect; verify through the port and show the result."""
    merchant_text = (merchant_id or "").strip()
    if merchant_text and merchant_text != str(expected_merchant_id):
        raise DomainError("El pago no corresponde a este portal de recaudo", "id_comercio")
    reference = (id_pago or "").strip()
    if not reference.isascii() or not reference.isdigit() or len(reference) > 30:
        raise DomainError("La referencia del pago no es válida", "id_pago")
    payment = payments.get(reference)
    if payment is None:
        raise DomainError(f"No encontramos el pago con referencia {reference}", "id_pago")
    verified = True
    try:
        payment = await settle_with_gateway(payment, gateway, payments, sessions, core, clock)
    except (GatewayRejected, GatewayUnreachable):
        verified = False
        credit_products(payment, payments, core, clock)  # a known approval still credits
    notice = ""
    if payment.is_pending_at_bank:
        notice = blocking_notice(payment, contacts) or ""
    return PaymentResult(payment, notice, verified)


__all__ = [
    "EntityContacts", "PaymentBlocked", "PaymentStarting", "StartUncertain", "PaymentResult", "apply_verification",
    "blocking_notice", "credit_products", "deciding_attempt", "gateway_reference", "payment_request",
    "payment_result", "settle_with_gateway", "start_transaction",
]
