"""The payment page's use cases on the in-memory store, a fixed clock and a fake ACH."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from domain.shared.errors import DomainError
from domain.shared.gateway_records import Payer
from domain.shared.payment_states import PaymentMethod, PaymentState, PseState
from domain.gateway.ach_texts import create_failure_message, pending_message
from domain.gateway.card_form import CardForm
from domain.gateway.usecases.page_payment import (
    PageRefused, PageStatus, PseChoice, current_outcome, find_payment, pay_by_card, pay_by_pse,
)
from domain.gateway.usecases.pse_sync import settle_from_pse
from simulator.zonapagos.receipt import build_receipt, return_url
from domain.gateway.resolution import WorldTimeouts
from domain.gateway.usecases.start import StartPayment, start_payment
from domain.gateway.usecases.verify import verify_payment
from tests.unit.simulator.fake_pse import FakePseNetwork

COMMAND = StartPayment(
    merchant_id=1001, password="clave-inicio", total=Decimal("20000"), vat=Decimal("3193"), reference="R-1",
    description="Cuota <b>", payer=Payer("1033370434", "1", "NICK", "RIVERA", "3107126048", "n@x.co"),
    optional_fields=("", "", ""), service_code="2701",
)
ENTITY_URL = "http://127.0.0.1/t_demo/pago.asp?estado_pago=respuesta&identificador=1"
VISA_OK = CardForm("4111 1111 1111 1111", "12/2030", "123", "3", "NICK RIVERA")


@pytest.fixture
def pse() -> FakePseNetwork:
    return FakePseNetwork()


def started(store, clock, **change):
    payment = start_payment(replace(COMMAND, **change), store, clock)
    return find_payment("t_demo", str(payment.identifier), store)


def test_the_page_finds_a_payment_only_under_its_merchants_route(memory_store, clock):
    page = started(memory_store, clock)
    assert find_payment("T_DEMO", str(page.payment.identifier), memory_store).payment.reference == "R-1"
    with pytest.raises(PageRefused, match="no corresponde a este comercio"):
        find_payment("t_otro", str(page.payment.identifier), memory_store)
    with pytest.raises(PageRefused, match="No encontramos el pago 99"):
        find_payment("t_demo", "99", memory_store)
    for bad in ("", "abc", "1" * 19, "١٢"):
        with pytest.raises(PageRefused) as refused:
            find_payment("t_demo", bad, memory_store)
        assert refused.value.status == 400


def test_choosing_pse_creates_the_ach_transaction_and_puts_the_attempt_at_999(memory_store, clock, pse):
    page = started(memory_store, clock)
    url = pay_by_pse(page, PseChoice("0", "1022"), ENTITY_URL, memory_store, clock, pse)
    assert url.startswith("/PSEUserRegister/StartTransaction.htm?enc=")
    [request] = pse.created
    assert (request.bank_code, request.entity_code, request.service_code) == ("1022", "890203088-9", "2701")
    assert request.amount.amount == Decimal("20000") and request.vat.amount == Decimal("3193")
    assert request.entity_url == ENTITY_URL and request.user_type == "0" and request.ticket_id.isdigit()
    attempt = memory_store.payments.get(page.payment.identifier).current_attempt
    assert attempt.state is PaymentState.PENDING_FINISH and attempt.method is PaymentMethod.PSE
    assert (attempt.pse.bank_code, attempt.pse.bank_name, attempt.pse.cus) == ("1022", "BANCO UNION COLOMBIANO", "5001")


@pytest.mark.parametrize(("choice", "message"), [
    (PseChoice("", "1022"), "Seleccione el tipo de persona"),
    (PseChoice("2", "1022"), "Seleccione el tipo de persona"),
    (PseChoice("0", ""), "Seleccione su banco"),
    (PseChoice("0", "9999"), "no está disponible"),
])
def test_a_pse_choice_without_person_type_or_bank_is_refused_and_changes_nothing(
        memory_store, clock, pse, choice, message):
    page = started(memory_store, clock)
    with pytest.raises(DomainError, match=message):
        pay_by_pse(page, choice, ENTITY_URL, memory_store, clock, pse)
    assert pse.created == []
    assert memory_store.payments.get(page.payment.identifier).current_attempt.state is PaymentState.PENDING_START


@pytest.mark.parametrize(("code", "text"), [
    ("FAIL_BANKUNREACHEABLE", "La entidad financiera no puede ser contactada para iniciar la transacción"),
    ("FAIL_EXCEEDEDLIMIT", "excede los límites establecidos en PSE para la empresa"),
    ("FAIL_TIMEOUT", "No se pudo crear la transacción, por favor intente más tarde"),
])
def test_an_ach_failure_shows_achs_fixed_text_and_leaves_the_attempt_waiting(memory_store, clock, pse, code, text):
    pse.create_code = code
    page = started(memory_store, clock)
    with pytest.raises(DomainError, match=text) as refused:
        pay_by_pse(page, PseChoice("0", "1022"), ENTITY_URL, memory_store, clock, pse)
    if code != "FAIL_BANKUNREACHEABLE":
        assert "(601) 555 0101" in refused.value.message and "soporte@comercio-demo.test" in refused.value.message
    assert memory_store.payments.get(page.payment.identifier).current_attempt.state is PaymentState.PENDING_START


def test_an_empty_bank_list_is_achs_fixed_message(memory_store, clock, pse):
    pse.bank_list = []
    with pytest.raises(DomainError, match="No se pudo obtener la lista de Entidades Financieras"):
        pay_by_pse(started(memory_store, clock), PseChoice("0", "1022"), ENTITY_URL, memory_store, clock, pse)


@pytest.mark.parametrize(("ach", "state"), [
    (PseState.OK, PaymentState.APPROVED), (PseState.NOT_AUTHORIZED, PaymentState.REJECTED),
    (PseState.FAILED, PaymentState.BANK_ERROR), (PseState.PENDING, PaymentState.PENDING_FINISH),
])
def test_on_return_the_gateway_reads_ach_and_records_the_outcome(memory_store, clock, pse, ach, state):
    page = started(memory_store, clock)
    pay_by_pse(page, PseChoice("1", "1022"), ENTITY_URL, memory_store, clock, pse)
    pse.states["5001"] = ach
    payment = memory_store.payments.get(page.payment.identifier)
    settled = settle_from_pse(payment, page.merchant, memory_store, clock, pse)
    assert settled.current_attempt.state is state
    assert memory_store.payments.get(page.payment.identifier).current_attempt.state is state
    assert pse.finalized == (["5001"] if ach is PseState.OK else [])


def test_verification_settles_a_pending_pse_attempt_from_ach(memory_store, clock, pse):
    page = started(memory_store, clock)
    pay_by_pse(page, PseChoice("0", "1022"), ENTITY_URL, memory_store, clock, pse)
    pse.states["5001"] = PseState.OK
    verification = verify_payment(1001, "usuario-v4", "clave-v4", "R-1", -1, memory_store, clock, WorldTimeouts(),
                                  pse=pse)
    assert [a.state for a in verification.attempts] == [PaymentState.APPROVED]


def test_a_pending_payment_cannot_be_paid_again_and_shows_achs_pending_text(memory_store, clock, pse):
    page = started(memory_store, clock)
    pay_by_pse(page, PseChoice("0", "1022"), ENTITY_URL, memory_store, clock, pse)
    again = find_payment("t_demo", str(page.payment.identifier), memory_store)
    assert again.status is PageStatus.PENDING
    with pytest.raises(PageRefused, match="se encuentra PENDIENTE de recibir confirmación") as refused:
        pay_by_card(again, VISA_OK, memory_store, clock)
    assert refused.value.message.endswith("preguntar por el estado de la transacción: 5001")
    assert "#R-1" in refused.value.message


def test_an_approved_card_records_method_32_with_the_last_four_only(memory_store, clock):
    page = started(memory_store, clock)
    pay_by_card(page, VISA_OK, memory_store, clock)
    payment = memory_store.payments.get(page.payment.identifier)
    attempt = payment.current_attempt
    assert attempt.state is PaymentState.APPROVED and attempt.method is PaymentMethod.CARD
    assert (attempt.card.last_four, attempt.card.franchise) == ("1111", "VISA")
    assert len(attempt.card.approval_code) == 6 and attempt.card.receipt_number
    assert "4111111111111111" not in repr(payment) and "123" not in repr(attempt.card)
    assert find_payment("t_demo", str(payment.identifier), memory_store).status is PageStatus.APPROVED


def test_a_declined_card_lets_the_payer_retry_with_a_new_attempt(memory_store, clock, pse):
    page = started(memory_store, clock)
    pay_by_card(page, replace(VISA_OK, number="4000000000000002"), memory_store, clock)
    page = find_payment("t_demo", str(page.payment.identifier), memory_store)
    assert page.status is PageStatus.RETRY
    assert page.payment.current_attempt.state is PaymentState.DECLINED
    pay_by_card(page, replace(VISA_OK, number="5555555555554444"), memory_store, clock)
    payment = memory_store.payments.get(page.payment.identifier)
    first, second = payment.attempts
    assert (first.state, second.state) == (PaymentState.DECLINED, PaymentState.APPROVED)
    assert second.number > first.number and second.card.franchise == "MASTERCARD"
    verification = verify_payment(1001, "usuario-v4", "clave-v4", "R-1", -1, memory_store, clock, WorldTimeouts())
    assert [a.number for a in verification.attempts] == [first.number, second.number]


def test_a_rejected_pse_attempt_may_be_retried_by_pse(memory_store, clock, pse):
    page = started(memory_store, clock)
    pay_by_pse(page, PseChoice("0", "1022"), ENTITY_URL, memory_store, clock, pse)
    pse.states["5001"] = PseState.NOT_AUTHORIZED
    settle_from_pse(memory_store.payments.get(page.payment.identifier), page.merchant, memory_store, clock, pse)
    page = find_payment("t_demo", str(page.payment.identifier), memory_store)
    pay_by_pse(page, PseChoice("0", "1007"), ENTITY_URL, memory_store, clock, pse)
    payment = memory_store.payments.get(page.payment.identifier)
    assert [(a.state, a.pse.cus) for a in payment.attempts] == [
        (PaymentState.REJECTED, "5001"), (PaymentState.PENDING_FINISH, "5002")]


@pytest.mark.parametrize(("cents", "state"), [
    ("0.07", PaymentState.REVIEW_PENDING), ("0.08", PaymentState.REVIEW_REJECTED),
    ("0.09", PaymentState.REVIEW_ERROR),
])
def test_the_review_cents_hold_a_card_payment_made_on_the_page(memory_store, clock, cents, state):
    # the start already applies them; a retry after 4000/4003 is reviewed the same way again
    page = started(memory_store, clock, total=Decimal("20000") + Decimal(cents))
    assert page.payment.current_attempt.state is state
    if page.status is PageStatus.RETRY:
        pay_by_card(page, VISA_OK, memory_store, clock)
        assert memory_store.payments.get(page.payment.identifier).current_attempt.state is state


@pytest.mark.parametrize(("form", "message"), [
    (replace(VISA_OK, number=""), "Escriba el número de la tarjeta"),
    (replace(VISA_OK, number="4111111111111112"), "El número de tarjeta no es válido"),
    (replace(VISA_OK, expiry=""), "Escriba la fecha de vencimiento"),
    (replace(VISA_OK, expiry="13/2030"), "El mes de vencimiento debe estar entre 01 y 12"),
    (replace(VISA_OK, expiry="01/2020"), "La tarjeta está vencida"),
    (replace(VISA_OK, expiry="1230"), "MMAAAA"),
    (replace(VISA_OK, cvv="12"), "debe tener 3 dígitos"),
    (replace(VISA_OK, number="378282246310005", cvv="123"), "debe tener 4 dígitos"),
    (replace(VISA_OK, installments="0"), "de 1 a 36"),
    (replace(VISA_OK, installments="37"), "de 1 a 36"),
    (replace(VISA_OK, installments="x"), "de 1 a 36"),
    (replace(VISA_OK, installments="9" * 5000), "de 1 a 36"),  # beyond int()'s 4,300 digits
    (replace(VISA_OK, name=""), "nombre como aparece en la tarjeta"),
    (replace(VISA_OK, name="N" * 31), "nombre como aparece en la tarjeta"),
])
def test_a_bad_card_is_refused_with_a_spanish_message_and_changes_nothing(memory_store, clock, form, message):
    page = started(memory_store, clock)
    with pytest.raises(DomainError, match=message):
        pay_by_card(page, form, memory_store, clock)
    assert memory_store.payments.get(page.payment.identifier).attempts == page.payment.attempts


def test_the_card_form_never_shows_the_number_or_cvv():
    assert "4111" not in repr(VISA_OK) and "123" not in repr(VISA_OK)


def test_the_receipt_of_a_pending_pse_attempt_carries_bank_cus_and_achs_text(memory_store, clock, pse):
    page = started(memory_store, clock)
    pay_by_pse(page, PseChoice("0", "1022"), ENTITY_URL, memory_store, clock, pse)
    receipt = build_receipt(memory_store.payments.get(page.payment.identifier), page.merchant)
    assert (receipt.outcome, receipt.state, receipt.bank_name, receipt.cus) == (
        "pendiente", 999, "BANCO UNION COLOMBIANO", "5001")
    assert receipt.method == "Débito y Corriente PSE" and receipt.total == "$20.000,00" and receipt.vat == "$3.193,00"
    assert receipt.notice.startswith("En este momento su #R-1 presenta un proceso de pago")
    assert "(601) 555 0101" in receipt.notice and receipt.notice.endswith("estado de la transacción: 5001")


def test_the_receipt_of_a_card_shows_the_masked_card_and_codes(memory_store, clock):
    page = started(memory_store, clock)
    pay_by_card(page, VISA_OK, memory_store, clock)
    receipt = build_receipt(memory_store.payments.get(page.payment.identifier), page.merchant)
    assert (receipt.outcome, receipt.franchise, receipt.masked_card) == ("aprobado", "VISA", "*1111")
    assert receipt.approval_code and receipt.receipt_number and not receipt.notice


def test_the_return_link_carries_id_comercio_and_id_pago_keeping_the_merchants_query(memory_store, clock):
    page = started(memory_store, clock, reference="A B&C")
    merchant = replace(page.merchant, return_url="https://tienda.example/retorno?x=1&id_pago=old")
    assert return_url(merchant, page.payment) == "https://tienda.example/retorno?x=1&id_comercio=1001&id_pago=A+B%26C"


def test_insufficient_funds_is_an_issuer_decline_and_wins_over_the_amounts_cents(memory_store, clock):
    page = started(memory_store, clock, total=Decimal("20000.08"))  # 4000 at the start: the payer retries
    pay_by_card(page, replace(VISA_OK, number="4000000000009995"), memory_store, clock)
    payment = memory_store.payments.get(page.payment.identifier)
    assert [a.state for a in payment.attempts] == [PaymentState.REVIEW_REJECTED, PaymentState.DECLINED]
    assert "Fondos insuficientes" in payment.current_attempt.history[-1].reason


def test_achs_texts_read_well_for_a_merchant_without_support_contacts(memory_store, clock):
    merchant = replace(memory_store.merchants.get(1001), support_phone="", support_email="")
    assert pending_message("R-9", merchant, "77").endswith(
        "líneas de atención al cliente del comercio o enviar un correo electrónico a la dirección del comercio y "
        "preguntar por el estado de la transacción: 77")
    assert create_failure_message("FAIL_TIMEOUT", merchant).endswith(
        "al teléfono del comercio o al correo electrónico del comercio.")


def test_the_receipt_applies_the_worlds_time_rules_as_verification_does(memory_store, clock):
    page = started(memory_store, clock, total=Decimal("20000.07"))  # card in review (4001)
    clock.advance(36 * 3600)
    payment = current_outcome(page, memory_store, clock, WorldTimeouts(), None)
    assert payment.current_attempt.state is PaymentState.REVIEW_REJECTED
    assert memory_store.payments.get(page.payment.identifier).current_attempt.state is PaymentState.REVIEW_REJECTED


def test_the_page_session_lasts_30_minutes_from_the_start_and_leaves_the_payment_at_888(memory_store, clock, pse):
    page = started(memory_store, clock)
    clock.advance(31 * 60)
    for pay in (lambda: pay_by_card(page, VISA_OK, memory_store, clock, WorldTimeouts()),
                lambda: pay_by_pse(page, PseChoice("0", "1022"), ENTITY_URL, memory_store, clock, pse, WorldTimeouts())):
        with pytest.raises(PageRefused, match="La sesión de pago expiró: pasaron más de 30 minutos") as refused:
            pay()
        assert refused.value.status == 410
    assert memory_store.payments.get(page.payment.identifier).current_attempt.state is PaymentState.PENDING_START
    assert pse.created == []
    longer = WorldTimeouts(page_session=timedelta(hours=1))  # configurable, like the world's other times
    pay_by_card(page, VISA_OK, memory_store, clock, longer)
    assert memory_store.payments.get(page.payment.identifier).current_attempt.state is PaymentState.APPROVED


def test_after_a_rejection_the_payer_has_a_new_session_to_retry(memory_store, clock):
    page = started(memory_store, clock)
    clock.advance(25 * 60)
    pay_by_card(page, replace(VISA_OK, number="4000000000000002"), memory_store, clock, WorldTimeouts())  # declined
    clock.advance(25 * 60)  # 50 minutes after the start, 25 after the rejection
    page = find_payment("t_demo", str(page.payment.identifier), memory_store)
    pay_by_card(page, VISA_OK, memory_store, clock, WorldTimeouts())
    assert memory_store.payments.get(page.payment.identifier).current_attempt.state is PaymentState.APPROVED
