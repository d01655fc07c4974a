"""Use cases of the gateway's payment page (`/{t_ruta}/pago.asp`): the payer's steps 10–15 on ZonaPAGOS.

The payer accepts the terms, chooses PSE (person type and bank, then the PSE and bank pages) or a
credit card, and comes back to a receipt. A rejected attempt may be retried: the retry is a new
attempt of the same payment, so verification lists both.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from domain.gateway.card_outcomes import CardOutcome, outcome_for_card
from domain.gateway.cards import CardNumber
from domain.shared.digits import ascii_int
from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType
from domain.gateway.magic_values import forced_outcome_for
from domain.gateway.merchant import Merchant
from domain.shared.gateway_records import CardTrace, PseTrace
from domain.gateway.payment import Attempt, Payment, StateChange
from domain.shared.money import Money
from domain.shared.payment_states import PaymentMethod, PaymentState
from domain.gateway.rut import identifier_of, same_rut
from ports.clock import Clock
from ports.pse import Bank, PseNetwork, PseTransactionRequest
from ports.gateway_store import GatewayStore
from domain.gateway.usecases.outbox import record_payment
from domain.gateway import ach_texts
from domain.gateway.card_form import CardForm, check_card_form
from domain.gateway.usecases.pse_sync import awaits_pse, entity_code, settle_from_pse
from domain.gateway.resolution import MAGIC_START_STATES, WorldTimeouts, resolve, settle_due

USER_TYPES = {"0": "Persona natural", "1": "Persona jurídica"}


class PageRefused(DomainError):
    """The page cannot serve this request; `status` is the HTTP status of the Spanish page shown."""

    def __init__(self, message: str, status: int = 404):
        super().__init__(message)
        self.status = status


class PageStatus(Enum):
    PAYABLE = "payable"  # the current attempt waits for the payer (888)
    RETRY = "retry"  # the last attempt was rejected: the payer may try again
    PENDING = "pending"  # at the bank (999) or in card review (4001): no new attempt
    PARTIAL = "partial"  # a fraction was approved (split payments, code 100): the balance is payable
    APPROVED = "approved"  # paid: nothing more to do here


@dataclass(frozen=True)
class PagePayment:
    payment: Payment
    merchant: Merchant

    @property
    def status(self) -> PageStatus:
        return page_status(self.payment)


def page_status(payment: Payment) -> PageStatus:
    if payment.is_paid:
        return PageStatus.APPROVED
    state = payment.current_attempt.state
    if state is PaymentState.PENDING_START:
        return PageStatus.PAYABLE
    if state.is_approved:
        return PageStatus.PARTIAL
    if state.is_final:
        return PageStatus.RETRY
    return PageStatus.PENDING


def find_payment(route: str, identifier: str, store: GatewayStore) -> PagePayment:
    """The payment of this `identificador`, if it belongs to the merchant whose `t_ruta` is in the path."""
    text = (identifier or "").strip()
    if not text:
        raise PageRefused("Falta el identificador del pago en el enlace. Vuelva al comercio e intente de nuevo.", 400)
    number = ascii_int(text)
    if number is None:
        raise PageRefused("El identificador del pago no es válido. Vuelva al comercio e intente de nuevo.", 400)
    payment = store.payments.get(number)
    if payment is None or payment.settings.is_rest:  # a REST payment opens only with its rut
        raise PageRefused(f"No encontramos el pago {text}. Verifique el enlace que le entregó el comercio.")
    merchant = store.merchants.get(payment.merchant_id)
    if merchant is None or merchant.route.lower() != route.lower():
        raise PageRefused(f"El pago {text} no corresponde a este comercio. Verifique el enlace que le entregó "
                          "el comercio.")
    if not merchant.enabled:
        raise PageRefused("El comercio no está habilitado para recibir pagos en este momento.", 403)
    return PagePayment(payment, merchant)


def find_payment_by_rut(rut: str, store: GatewayStore) -> PagePayment:
    """The REST payment this `rut` was issued for (domain/gateway/rut.py); the rut must be exactly the one
    InicioPago answered."""
    text = (rut or "").strip()
    if not text:
        raise PageRefused("Falta el identificador del pago (rut) en el enlace. Vuelva al comercio e intente de "
                          "nuevo.", 400)
    identifier = identifier_of(text)
    if identifier is None:
        raise PageRefused("El enlace de pago no es válido: no lo modifique. Vuelva al comercio e intente de "
                          "nuevo.", 400)
    payment = store.payments.get(identifier)
    if payment is None or not same_rut(text, payment.settings.rut):
        raise PageRefused("No encontramos el pago de este enlace. Verifique el enlace que le entregó el comercio.")
    merchant = store.merchants.get(payment.merchant_id)
    if merchant is None or not merchant.enabled:
        raise PageRefused("El comercio no está habilitado para recibir pagos en este momento.", 403)
    return PagePayment(payment, merchant)


METHOD_PSE = "pse"
METHOD_CARD = "tarjeta"


def offered_methods(payment: Payment) -> tuple[str, ...]:
    """The methods the page offers: both, less those the REST start disabled (codes 103, 107)."""
    settings = payment.settings
    return tuple(m for m, on in ((METHOD_PSE, settings.pse_enabled), (METHOD_CARD, settings.card_enabled)) if on)


def check_method(payment: Payment, method: str) -> None:
    """Refuse a method the start disabled, as the page would not have offered it."""
    if method in (METHOD_PSE, METHOD_CARD) and method not in offered_methods(payment):
        label = "PSE" if method == METHOD_PSE else "tarjeta de crédito"
        raise DomainError(f"El comercio no recibe pagos con {label} para este pago.", "forma_pago")


def fee_for(payment: Payment, method: str, amount: Money | None = None) -> Money | None:
    """The per-transaction fee the payer pays on top of `amount` (the total by default) with this method
    (codes 500/501)."""
    fee = payment.settings.pse_fee if method == METHOD_PSE else payment.settings.card_fee
    return fee.amount_for(amount or payment.total) if fee is not None else None


def fraction_to_pay(payment: Payment, method: str, requested: str) -> Money | None:
    """The amount this attempt pays: None (the whole total) unless the start allowed split payments (code 100);
    then the payer's amount (the balance when left empty), above zero and not above the balance, and a method
    already used for an approved fraction only where 101 (cards) or 102 (PSE) allows more than one."""
    if not payment.settings.split:
        return None
    balance = payment.balance
    text = requested.strip()
    try:
        amount = Money.parse(text) if text else balance
    except DomainError:
        raise DomainError("Escriba el valor a pagar con este medio, por ejemplo 50.000", "valor") from None
    if amount.is_zero or amount.is_negative or amount > balance:
        raise DomainError(f"El valor a pagar con este medio debe ser mayor que cero y no mayor que el saldo "
                          f"{balance.format()}", "valor")
    used = {a.method for a in payment.attempts if a.state.is_approved}
    again = PaymentMethod.CARD if method == METHOD_CARD else PaymentMethod.PSE
    allowed = payment.settings.split_cards if method == METHOD_CARD else payment.settings.split_pse
    if again in used and not allowed:
        label = "tarjeta de crédito" if method == METHOD_CARD else "PSE"
        raise DomainError(f"Ya pagó una parte con {label}; pague el saldo con otro medio.", "forma_pago")
    return amount


def ensure_payable(page: PagePayment) -> None:
    """Refuse a payment while one is approved or pending (ACH forbids paying a reference twice)."""
    attempt = page.payment.current_attempt
    cus = attempt.pse.cus if attempt.pse else ""
    if page.status is PageStatus.APPROVED:
        raise PageRefused(ach_texts.approved_message(page.payment.reference, page.merchant, cus), 409)
    # PARTIAL: a fraction was approved and the balance is payable
    if page.status is PageStatus.PENDING:
        pse_cus = cus if attempt.state is PaymentState.PENDING_FINISH else ""
        raise PageRefused(ach_texts.pending_message(page.payment.reference, page.merchant, pse_cus), 409)


def ensure_in_session(page: PagePayment, now: datetime, timeouts: WorldTimeouts) -> None:
    """The page's session (~30 min, zonapagos-ws.md §9): a payment can be paid on the page for
    `page_session` after it became payable (its start, or the rejection of the attempt before); later the
    page sends the payer back to the merchant. The payment does not change: its 888 stays 888, and the
    merchant's sonda decides it was abandoned (docs/decisions.md)."""
    if page.status not in (PageStatus.PAYABLE, PageStatus.RETRY, PageStatus.PARTIAL):
        return
    attempt = page.payment.current_attempt
    payable_since = attempt.history[-1].at if attempt.history else attempt.started_at
    if now - payable_since > timeouts.page_session:
        minutes = int(timeouts.page_session.total_seconds() // 60)
        raise PageRefused(
            f"La sesión de pago expiró: pasaron más de {minutes} minutos sin completar el pago. Vuelva al "
            "comercio e inicie el pago de nuevo.", 410)


def banks_for(page: PagePayment, pse: PseNetwork) -> list[Bank]:
    """ACH's bank list for this merchant; the fixed ACH text when it cannot be obtained."""
    try:
        banks = pse.banks(entity_code(page.merchant))
    except DomainError:
        banks = []
    if not banks:
        raise DomainError(ach_texts.BANK_LIST_UNAVAILABLE, "banco")
    return banks


def _open_attempt(payment: Payment, store: GatewayStore, clock: Clock) -> Attempt:
    """The attempt the payer is making: the waiting one, or a new one after a rejection."""
    if payment.current_attempt.state is PaymentState.PENDING_START:
        return payment.current_attempt
    now = clock.now()
    attempt = Attempt(number=store.ids.next_number("attempt"), started_at=now,
                      history=[StateChange(PaymentState.PENDING_START, now, "nuevo intento del pagador")])
    payment.attempts.append(attempt)
    return attempt


def _reload(page: PagePayment, store: GatewayStore) -> PagePayment:
    payment = store.payments.get(page.payment.identifier)
    assert payment is not None  # payments are never deleted
    fresh = PagePayment(payment, page.merchant)
    ensure_payable(fresh)
    return fresh


@dataclass(frozen=True)
class PseChoice:
    user_type: str  # "0" persona natural, "1" persona jurídica
    bank_code: str
    client_ip: str = ""  # the payer's address as the page saw it: ACH's referenceNumber1


def pse_references(payment: Payment, client_ip: str) -> tuple[str, str, str]:
    """referenceNumber1–3 as the instructivo's screens show them: the payer's IP, the document type (CC) and the
    document number (pse-coopcentral.md, "Facts seen in the sample screens")."""
    try:
        kind = DocumentType.from_zonapagos(int(payment.payer.document_type)).code
    except ValueError:
        kind = ""
    return client_ip.strip()[:45], kind if kind != DocumentType.NONE.code else "", payment.payer.document_number


def pay_by_pse(page: PagePayment, choice: PseChoice, entity_url: str, store: GatewayStore, clock: Clock,
               pse: PseNetwork, timeouts: WorldTimeouts = WorldTimeouts(), requested: str = "") -> str:
    """Steps 12–13: create the PSE transaction and put the attempt at 999; the URL to send the payer to."""
    ensure_payable(page)
    ensure_in_session(page, clock.now(), timeouts)
    if choice.user_type not in USER_TYPES:
        raise DomainError("Seleccione el tipo de persona: natural o jurídica", "tipo_persona")
    if not choice.bank_code:
        raise DomainError("Seleccione su banco de la lista", "banco")
    check_method(page.payment, METHOD_PSE)
    bank = next((b for b in banks_for(page, pse) if b.code == choice.bank_code), None)
    if bank is None:
        raise DomainError("El banco seleccionado no está disponible; seleccione otro de la lista", "banco")
    payment = page.payment
    fraction = fraction_to_pay(payment, METHOD_PSE, requested)
    amount = fraction or payment.total
    fee = fee_for(payment, METHOD_PSE, amount)
    ticket_id = str(payment.identifier)  # ACH's ticketId is the invoice: the same "Número de factura" on every page
    created = pse.create_transaction(PseTransactionRequest(
        bank_code=bank.code, entity_code=entity_code(page.merchant), service_code=payment.service_code,
        amount=amount + fee if fee else amount, vat=payment.vat if fraction is None else Money.zero(),
        ticket_id=ticket_id, entity_url=entity_url,
        user_type=choice.user_type, references=pse_references(payment, choice.client_ip),
        solicit_date=clock.now(), description=payment.description, payer_email=payment.payer.email,
    ))
    if str(created.return_code) != "SUCCESS":
        raise DomainError(ach_texts.create_failure_message(str(created.return_code), page.merchant), "banco")
    with store.transaction():
        fresh = _reload(page, store)
        _open_attempt(fresh.payment, store, clock).amount = fraction
        trace = PseTrace(ticket_id=ticket_id, service_code=payment.service_code, bank_code=bank.code,
                         bank_name=bank.name, cus=created.cus, cycle=created.cycle)
        resolve(fresh.payment, PaymentState.PENDING_FINISH, clock.now(), store.ids,
                f"el pagador fue enviado a PSE ({bank.name})", trace=trace)
        record_payment(fresh.payment, store, clock.now())
    return created.bank_url


def card_result(number: CardNumber, payment: Payment) -> tuple[PaymentState, str]:
    """As the token services decide a charge: the test card's issuer first (a decline is 777), then the
    amount's magic cents (,07/,08/,09 the card review; the others as at the start), then approval."""
    outcome = outcome_for_card(number)
    if outcome is not None and not outcome.approved:
        return PaymentState.DECLINED, outcome.detail
    forced = forced_outcome_for(payment.total)
    state = MAGIC_START_STATES.get(forced, PaymentState.APPROVED) if forced else PaymentState.APPROVED
    return state, CardOutcome.APPROVE.detail if state.is_approved else state.label


def pay_by_card(page: PagePayment, form: CardForm, store: GatewayStore, clock: Clock,
                timeouts: WorldTimeouts = WorldTimeouts(), requested: str = "") -> Attempt:
    """Step 11 with a credit card: validate the card, charge it, record last four only (method 32)."""
    ensure_payable(page)
    ensure_in_session(page, clock.now(), timeouts)
    check_method(page.payment, METHOD_CARD)
    card = check_card_form(form, clock.now().date())
    fraction = fraction_to_pay(page.payment, METHOD_CARD, requested)
    fee = fee_for(page.payment, METHOD_CARD, fraction)
    charged = f", costo de la transacción {fee.format()}" if fee else ""
    if fraction is not None:
        charged = f", pago parcial de {fraction.format()}{charged}"
    with store.transaction():
        fresh = _reload(page, store)
        attempt = _open_attempt(fresh.payment, store, clock)
        attempt.amount = fraction
        target, reason = card_result(card.number, fresh.payment)
        approved = target is PaymentState.APPROVED
        trace = CardTrace(
            ticket_id=str(store.ids.next_number("ticket")), last_four=card.number.last_four,
            franchise=card.brand.label, approval_code=store.ids.random_digits(6) if approved else "",
            receipt_number=str(store.ids.next_number("receipt")) if approved else "",
        )
        resolve(fresh.payment, target, clock.now(), store.ids,
                f"tarjeta {card.brand.label} {card.number.masked} en {card.installments} cuota(s){charged}: {reason}",
                trace=trace)
        record_payment(fresh.payment, store, clock.now())
    return attempt


def current_outcome(page: PagePayment, store: GatewayStore, clock: Clock, timeouts: WorldTimeouts,
                    pse: PseNetwork | None) -> Payment:
    """Step 15: the payment as its receipt must show it, with ACH asked about a PSE attempt still at the bank
    and the world's time rules applied, so the receipt and verificar_pago_v4 always agree."""
    payment = page.payment
    if pse is not None and awaits_pse(payment):
        payment = settle_from_pse(payment, page.merchant, store, clock, pse)
    if settle_due(payment, clock.now(), timeouts, store.ids):
        with store.transaction():
            record_payment(payment, store, clock.now())
    return payment
