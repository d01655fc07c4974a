"""Use case of the tokenization page (D-TOK, zonapagos-ws.md §13): the payer registers a card for a merchant
that started with `AdicionalesConfiguracion` code 200 = "1".

The card is checked with the page's card rules, the token is created by the token domain (domain/gateway/
card_token.py: last four, brand and expiry only — never the number or the CVV), and the registration's attempt
is settled as approved with method 32, so VerificacionPago shows the registration. No amount is charged.
"""
from __future__ import annotations

from domain.gateway.card_form import CardForm, check_card_form
from domain.gateway.card_outcomes import outcome_for_card
from domain.gateway.card_token import CardToken, token_value
from domain.gateway.resolution import resolve
from domain.gateway.usecases.outbox import record_payment, token_registered
from domain.gateway.usecases.page_payment import PagePayment, PageRefused
from domain.shared.gateway_records import CardTrace
from domain.shared.payment_states import PaymentState
from ports.clock import Clock
from ports.gateway_store import GatewayStore


def ensure_registrable(page: PagePayment) -> None:
    """A registration link registers one card, once."""
    if not page.payment.settings.tokenization:
        raise PageRefused("Este enlace no es de registro de tarjeta. Verifique el enlace que le entregó el comercio.")
    if page.payment.current_attempt.state is not PaymentState.PENDING_START:
        raise PageRefused("La tarjeta de este enlace ya fue registrada.", 409)


def register_card(page: PagePayment, form: CardForm, store: GatewayStore, clock: Clock) -> CardToken:
    """Check the card, create its token and settle the registration; the new token."""
    ensure_registrable(page)
    now = clock.now()
    card = check_card_form(form, now.date())
    with store.transaction():
        payment = store.payments.get(page.payment.identifier)
        assert payment is not None  # payments are never deleted
        ensure_registrable(PagePayment(payment, page.merchant))
        token = CardToken(
            value=token_value(store.ids.random_digits(10), store.ids.next_number("token")),
            merchant_id=page.merchant.id, customer_id=payment.payer.document_number,
            last_four=card.number.last_four, brand=card.brand, expiry=card.expiry, created_at=now,
            issuer_outcome=outcome_for_card(card.number),
        )
        store.tokens.add(token)
        trace = CardTrace(ticket_id=str(store.ids.next_number("ticket")), last_four=card.number.last_four,
                          franchise=card.brand.label, approval_code="", receipt_number="")
        resolve(payment, PaymentState.APPROVED, now, store.ids,
                f"tarjeta {card.brand.label} {card.number.masked} registrada: token creado", trace=trace)
        record_payment(payment, store, now)
        token_registered(page.merchant.id, token.customer_id, token.value, store, clock)
    return token
