"""The REST start (domain/gateway/usecases/rest_start.py) and what its settings change on the page's use cases,
on the in-memory store, a fixed clock and a fake ACH."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from domain.gateway.card_form import CardForm
from domain.gateway.usecases.page_payment import (
    PageRefused, PseChoice, find_payment, find_payment_by_rut, pay_by_card, pay_by_pse,
)
from domain.gateway.usecases.rest_start import RestStart, start_rest_payment
from domain.gateway.usecases.start import DuplicateReference, StartPayment
from domain.gateway.usecases.token_registration import register_card
from domain.shared.errors import DomainError
from domain.shared.gateway_records import Payer
from domain.shared.payment_states import PaymentMethod, PaymentState
from tests.unit.simulator.fake_pse import FakePseNetwork

START = StartPayment(merchant_id=1001, user="usuario-v4", password="clave-v4", total=Decimal("83000"),
                     vat=Decimal("833"), reference="180924", description="Compra de camisa",
                     payer=Payer("123456789", "1", "Juan", "Perez", "3001234567", "c@x.co"),
                     optional_fields=("", "", ""), service_code="")
PSE_CODE = ((50, "2701"),)
VISA = CardForm("4111 1111 1111 1111", "12/2030", "123", "1", "JUAN PEREZ")


def rest(store, clock, configuration=PSE_CODE, **change):
    return start_rest_payment(RestStart(replace(START, **change), configuration), store, clock)


def test_a_rest_start_opens_with_the_v4_user_and_password_not_the_soap_key(memory_store, clock):
    with pytest.raises(DomainError, match="Credenciales inválidas"):
        rest(memory_store, clock, password="clave-inicio")
    payment = rest(memory_store, clock)
    assert payment.settings.is_rest and payment.current_attempt.state is PaymentState.PENDING_START


def test_a_rest_payment_opens_only_with_its_rut(memory_store, clock):
    payment = rest(memory_store, clock)
    assert find_payment_by_rut(payment.settings.rut, memory_store).payment.identifier == payment.identifier
    with pytest.raises(PageRefused):
        find_payment("t_demo", str(payment.identifier), memory_store)
    forged = payment.settings.rut[:16] + "0" * 48
    with pytest.raises(PageRefused) as refused:
        find_payment_by_rut(forged, memory_store)
    assert refused.value.status == 404


def test_a_reused_reference_is_the_duplicate_error(memory_store, clock):
    rest(memory_store, clock)
    with pytest.raises(DuplicateReference):
        rest(memory_store, clock)


def test_the_pse_fee_is_charged_on_top_at_ach(memory_store, clock):
    pse = FakePseNetwork()
    payment = rest(memory_store, clock, PSE_CODE + ((500, "1"), (50001, "0"), (50005, "3500")))
    page = find_payment_by_rut(payment.settings.rut, memory_store)
    pay_by_pse(page, PseChoice("0", "1022"), "http://x/", memory_store, clock, pse)
    assert pse.created[0].amount.amount == Decimal("86500") and pse.created[0].vat.amount == Decimal("833")


def test_a_method_the_start_disabled_cannot_be_paid(memory_store, clock):
    payment = rest(memory_store, clock, ((103, "1"),))
    page = find_payment_by_rut(payment.settings.rut, memory_store)
    with pytest.raises(DomainError, match="no recibe pagos con PSE"):
        pay_by_pse(page, PseChoice("0", "1022"), "http://x/", memory_store, clock, FakePseNetwork())
    pay_by_card(page, VISA, memory_store, clock)
    assert memory_store.payments.get(payment.identifier).current_attempt.method is PaymentMethod.CARD


def test_a_registration_without_amounts_creates_a_token_and_keeps_no_card_number(memory_store, clock):
    payment = rest(memory_store, clock, PSE_CODE + ((200, "1"),), total=None, vat=None)
    assert payment.total.is_zero and payment.settings.tokenization
    token = register_card(find_payment_by_rut(payment.settings.rut, memory_store), VISA, memory_store, clock)
    assert memory_store.tokens.get(token.value) == token and token.last_four == "1111"
    assert "4111111111111111" not in repr(token) and "4111111111111111" not in repr(memory_store.payments.get(
        payment.identifier))
    with pytest.raises(PageRefused, match="ya fue registrada"):
        register_card(find_payment_by_rut(payment.settings.rut, memory_store), VISA, memory_store, clock)


def test_amounts_are_required_for_a_payment(memory_store, clock):
    with pytest.raises(DomainError, match="total_con_iva es obligatorio"):
        rest(memory_store, clock, total=None)


SPLIT = PSE_CODE + ((100, "1"),)


def test_a_split_payment_is_paid_in_fractions_across_methods(memory_store, clock):
    from domain.gateway.res_pago_rest import encode_rest
    from domain.gateway.usecases.page_payment import PageStatus
    from domain.shared.money import Money
    from domain.shared.payment_states import PseState

    pse = FakePseNetwork()
    payment = rest(memory_store, clock, SPLIT)
    page = find_payment_by_rut(payment.settings.rut, memory_store)
    pay_by_card(page, VISA, memory_store, clock, requested="50.000")
    page = find_payment_by_rut(payment.settings.rut, memory_store)
    assert page.status is PageStatus.PARTIAL and page.payment.balance == Money.of("33000")
    with pytest.raises(DomainError, match="Ya pagó una parte con tarjeta"):
        pay_by_card(page, VISA, memory_store, clock)  # 101 not given: one card fraction only
    with pytest.raises(DomainError, match="no mayor que el saldo"):
        pay_by_pse(page, PseChoice("0", "1022"), "http://x/", memory_store, clock, pse, requested="40.000")
    pay_by_pse(page, PseChoice("0", "1022"), "http://x/", memory_store, clock, pse)  # empty: the balance
    assert pse.created[0].amount == Money.of("33000")
    cus = memory_store.payments.get(payment.identifier).current_attempt.pse.cus
    pse.states[cus] = PseState.OK
    from domain.gateway.usecases.pse_sync import settle_from_pse
    paid = settle_from_pse(memory_store.payments.get(payment.identifier), page.merchant, memory_store, clock, pse)
    assert paid.is_paid and find_payment_by_rut(payment.settings.rut, memory_store).status is PageStatus.APPROVED
    first, second = (piece.split("|") for piece in encode_rest(paid, paid.attempts).split("|;|") if piece)
    assert (first[3], first[4], first[5]) == ("1", "1", "50000") and (second[3], second[5]) == ("1", "33000")


def test_an_approved_fraction_is_mixed_pending_until_the_balance_is_paid(memory_store, clock):
    from domain.gateway.res_pago_rest import encode_rest

    payment = rest(memory_store, clock, SPLIT + ((101, "1"),))
    pay_by_card(find_payment_by_rut(payment.settings.rut, memory_store), VISA, memory_store, clock, requested="3000")
    half = memory_store.payments.get(payment.identifier)
    [fields] = [p.split("|") for p in encode_rest(half, half.attempts).split("|;|") if p]
    assert (fields[3], fields[4], fields[5], fields[6]) == ("2", "1", "3000", "83000")  # mixto pendiente
    pay_by_card(find_payment_by_rut(payment.settings.rut, memory_store), VISA, memory_store, clock)  # 101: again
    assert memory_store.payments.get(payment.identifier).is_paid


def test_without_code_100_the_attempt_pays_the_whole_total(memory_store, clock):
    payment = rest(memory_store, clock)
    pay_by_card(find_payment_by_rut(payment.settings.rut, memory_store), VISA, memory_store, clock, requested="10")
    paid = memory_store.payments.get(payment.identifier)
    assert paid.current_attempt.amount is None and paid.is_paid


def test_a_registered_card_queues_its_token_delivery_and_no_payment_notification(memory_store, clock):
    from domain.gateway.delivery import DeliveryKind
    from domain.gateway.usecases.merchants import adjust_merchant

    adjust_merchant(1001, memory_store, notification_url="https://comercio.example/ApiPagosN3/api/NotificarPagos",
                    token_notification_url="https://comercio.example/ApiToken/api/Notificar",
                    notification_password="Clave-Notif1")
    payment = rest(memory_store, clock, PSE_CODE + ((200, "1"),), total=None, vat=None)
    token = register_card(find_payment_by_rut(payment.settings.rut, memory_store), VISA, memory_store, clock)
    [delivery] = memory_store.deliveries.recent()
    assert delivery.kind is DeliveryKind.TOKEN and delivery.payload["str_token"] == token.value
    assert delivery.payload["str_id_cliente"] == "123456789"


def test_a_split_payments_fraction_is_notified_with_the_fraction(memory_store, clock):
    from domain.gateway.usecases.merchants import adjust_merchant

    adjust_merchant(1001, memory_store, notification_url="https://comercio.example/ApiPagosN3/api/NotificarPagos",
                    notification_password="Clave-Notif1")
    payment = rest(memory_store, clock, SPLIT)
    pay_by_card(find_payment_by_rut(payment.settings.rut, memory_store), VISA, memory_store, clock, requested="3000")
    [delivery] = memory_store.deliveries.recent()
    assert delivery.payload["ValorTotalPagado"] == Decimal("3000") and delivery.payload["EstadoPago"] == 1
