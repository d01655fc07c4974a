"""The receipt the gateway shows after an attempt (pse.md §4, zonapagos-ws.md §15 "Data shown").

PSE: bank name and CUS, and ACH's pending text for 999. Card: franchise, `*`+last four and the receipt
or approval code; ACH's pending text without CUS for 4001. "Regresar al comercio" goes to the
merchant's return URL with `id_comercio` and `id_pago` only (zonapagos-ws.md §9 step 4).
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from domain.gateway.card_outcomes import CardOutcome
from domain.gateway.merchant import Merchant
from domain.gateway.return_url import safe_return_url
from domain.gateway.payment import Payment
from domain.shared.payment_states import PaymentMethod, PaymentState
from domain.gateway import ach_texts
from domain.gateway.usecases.page_payment import PageStatus, page_status

DATE_FORMAT = "%d/%m/%Y %H:%M:%S"
METHOD_LABELS = {PaymentMethod.PSE: "Débito y Corriente PSE", PaymentMethod.CARD: "Tarjeta de crédito"}
OUTCOMES = {PageStatus.APPROVED: "aprobado", PageStatus.PENDING: "pendiente", PageStatus.RETRY: "rechazado",
            PageStatus.PAYABLE: "sin pagar", PageStatus.PARTIAL: "aprobado"}


@dataclass(frozen=True)
class Receipt:
    outcome: str  # aprobado / pendiente / rechazado: the page's colour and heading
    state: int
    state_label: str
    merchant_name: str
    merchant_nit: str
    reference: str  # id_pago
    identifier: int  # identificador (número de factura)
    attempt_number: int
    method: str
    total: str
    vat: str
    date: str
    description: str
    bank_name: str = ""
    cus: str = ""
    cycle: str = ""
    franchise: str = ""
    masked_card: str = ""
    approval_code: str = ""
    receipt_number: str = ""
    notice: str = ""  # ACH's fixed pending text, when pending
    decline_reason: str = ""  # a declined card: what the issuer said ("Fondos insuficientes")
    can_retry: bool = False
    fraction: str = ""  # what this attempt paid of a split payment (code 100)
    balance: str = ""  # what is left to pay of a split payment
    return_url: str = ""


def return_url(merchant: Merchant, payment: Payment) -> str:
    """The merchant's return URL plus `id_comercio` and `id_pago` (its own query kept).

    A root-relative return URL (`/recaudo/retorno`) stays relative: it names a page of the simulator's
    own host, whatever port it runs on. The URL is read as a browser reads it (domain/gateway/return_url.py);
    one the rule refuses (stored before the rule existed) gives no link at all ("")."""
    safe = safe_return_url(payment.settings.return_url or merchant.return_url)  # a REST start's code 104 first
    if safe is None:
        return ""
    parts = urlsplit(safe)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in ("id_comercio", "id_pago")]
    query += [("id_comercio", str(merchant.id)), ("id_pago", payment.reference)]
    return urlunsplit(parts._replace(query=urlencode(query)))


def decline_reason(payment: Payment) -> str:
    """The card issuer's reason for a declined attempt, as the charge recorded it in the attempt's history."""
    attempt = payment.current_attempt
    if attempt.state is not PaymentState.DECLINED or attempt.card is None or not attempt.history:
        return ""
    said = attempt.history[-1].reason
    return next((o.detail for o in CardOutcome if not o.approved and said.endswith(o.detail)), "")


def build_receipt(payment: Payment, merchant: Merchant) -> Receipt:
    attempt = payment.current_attempt
    status = page_status(payment)
    at = attempt.history[-1].at if attempt.history else attempt.started_at
    pse, card = attempt.pse, attempt.card
    notice = ""
    if attempt.state is PaymentState.PENDING_FINISH:
        notice = ach_texts.pending_message(payment.reference, merchant, pse.cus if pse else "")
    elif attempt.state is PaymentState.REVIEW_PENDING:
        notice = ach_texts.pending_message(payment.reference, merchant)
    return Receipt(
        outcome=OUTCOMES[status], state=int(attempt.state), state_label=attempt.state.label,
        merchant_name=merchant.name, merchant_nit=merchant.nit, reference=payment.reference,
        identifier=payment.identifier, attempt_number=attempt.number,
        method=METHOD_LABELS.get(attempt.method, str(int(attempt.method)) if attempt.method else "Sin elegir"),
        total=payment.total.format(), vat=payment.vat.format(), date=at.strftime(DATE_FORMAT),
        description=payment.description,
        bank_name=pse.bank_name if pse else "", cus=pse.cus if pse else "", cycle=pse.cycle if pse else "",
        franchise=card.franchise if card else "", masked_card=f"*{card.last_four}" if card else "",
        approval_code=card.approval_code if card else "", receipt_number=card.receipt_number if card else "",
        notice=notice, decline_reason=decline_reason(payment), can_retry=status is PageStatus.RETRY,
        return_url=return_url(merchant, payment),
        fraction=attempt.amount.format() if attempt.amount is not None else "",
        balance=payment.balance.format() if status is PageStatus.PARTIAL else "",
    )
