"""The payer's walk in Chromium: ZonaPAGOS' page → PSE → the test bank → the receipt → the merchant.

Each test starts a payment by SOAP as a merchant would, walks the pages as a payer, and ends with the
merchant's verification (verificar_pago_v4), the only thing a merchant may trust.
"""
from __future__ import annotations

import re

import pytest

from tests.browser.conftest import TEST_MERCHANT_ID, TEST_MERCHANT_NAME, TEST_ROUTE
from tests.wire.soap_helpers import attempts_of, control, new_reference, start, verify

pytestmark = [pytest.mark.browser, pytest.mark.wire]

REGISTERED_PAYER = "nick.rivera@example.com"  # seeded at PSE (see /tmp/pse-api.md, README)
STATE, METHOD = 1, 14  # positions in a str_res_pago attempt


def start_payment(url: str, total: str = "119000", vat: str = "19000", **fields) -> tuple[str, str]:
    reference = new_reference()
    answer = start(url, reference, total=total, vat=vat, merchant=str(TEST_MERCHANT_ID),
                   description="Cuota &lt;Aportes&gt; &amp; más", **fields)
    identifier = answer.value("inicio_pagoV2Result")
    assert identifier and identifier.isdigit(), identifier
    return reference, identifier


def verified(url: str, reference: str) -> list[list[str]]:
    return attempts_of(verify(url, reference, merchant=str(TEST_MERCHANT_ID)))


def walk_to_the_bank(payer, identifier: str, already_open: bool = False) -> None:
    if not already_open:
        payer.open_payment(identifier, TEST_ROUTE)
    payer.accept_terms()
    payer.choose_pse("natural")
    payer.choose_bank("1022")
    payer.pay("pse-correo")
    assert "/PSEUserRegister/StartTransaction.htm" in payer.url
    payer.pse_email(REGISTERED_PAYER)
    assert "/banco/1022" in payer.url


def test_pse_pay_at_the_test_bank_approves_and_returns_to_the_merchant(payer, browser_simulator, merchant_site):
    url = browser_simulator.url
    reference, identifier = start_payment(url)
    payer.open_payment(identifier, TEST_ROUTE)
    assert payer.text("#saludo") == "Bienvenido(a), NICK RIVERA CAMINERO"
    assert (payer.text("#subtotal"), payer.text("#iva"), payer.text("#total")) == (
        "$100.000,00", "$19.000,00", "$119.000,00")
    assert payer.text("#concepto") == "Cuota <Aportes> & más"  # shown as text, not markup
    assert payer.text("#factura") == identifier and payer.text("#referencia") == reference
    assert TEST_MERCHANT_NAME in payer.text(".zp-merchant")
    walk_to_the_bank(payer, identifier, already_open=True)
    payer.bank_button("Pay")
    assert "estado_pago=respuesta" in payer.url and f"identificador={identifier}" in payer.url
    assert payer.text("#resultado") == "Pago aprobado"
    assert payer.text("#estado").startswith("1 ")
    assert payer.text("#banco") == "BANCO UNION COLOMBIANO" and payer.text("#cus").isdigit()
    assert payer.text("#forma-pago") == "Débito y Corriente PSE" and payer.text("#valor") == "$119.000,00"
    assert payer.page.is_visible("#imprimir")
    payer.back_to_merchant()
    assert merchant_site.visits[-1] == {"id_comercio": str(TEST_MERCHANT_ID), "id_pago": reference}
    [attempt] = verified(url, reference)
    assert (attempt[STATE], attempt[METHOD]) == ("1", "29")


def test_pse_cancel_at_the_test_bank_rejects_and_allows_a_retry(payer, browser_simulator, merchant_site):
    url = browser_simulator.url
    reference, identifier = start_payment(url)
    walk_to_the_bank(payer, identifier)
    payer.bank_button("Cancel")
    assert payer.text("#resultado") == "Pago rechazado" and payer.text("#estado").startswith("1000 ")
    assert payer.page.is_visible("#reintentar")
    payer.back_to_merchant()
    assert merchant_site.visits[-1]["id_pago"] == reference
    [attempt] = verified(url, reference)
    assert (attempt[STATE], attempt[METHOD]) == ("1000", "29")


def test_debug_sonda_leaves_the_payment_pending_until_ach_resolves_it(payer, browser_simulator, merchant_site):
    url = browser_simulator.url
    reference, identifier = start_payment(url)
    walk_to_the_bank(payer, identifier)
    payer.bank_button("Debug Sonda")
    assert payer.text("#estado").startswith("999 ")
    notice = payer.text("#aviso-pendiente")
    cus = payer.text("#cus")
    assert notice.startswith(f"En este momento su #{reference} presenta un proceso de pago cuya transacción se "
                             "encuentra PENDIENTE de recibir confirmación por parte de su entidad financiera")
    assert "(604) 555 0199" in notice and "ayuda@tienda.test" in notice
    assert notice.endswith(f"preguntar por el estado de la transacción: {cus}")
    # paying again while pending is refused with the same text
    payer.open_payment(identifier, TEST_ROUTE)
    assert "PENDIENTE de recibir confirmación" in payer.text("#aviso")
    [attempt] = verified(url, reference)
    assert attempt[STATE] == "999"
    assert control(url, "/_sim/clock/advance", {"segundos": 480})[0] == 200
    [attempt] = verified(url, reference)
    assert (attempt[STATE], attempt[METHOD]) == ("1", "29")
    payer.page.goto(f"{url}/{TEST_ROUTE}/pago.asp?estado_pago=comprobante&identificador={identifier}")
    payer.shot("pasarela-comprobante-resuelto")
    assert payer.text("#resultado") == "Pago aprobado"


def test_debug_sonda_then_an_outcome_forced_by_the_control_api(payer, browser_simulator, merchant_site):
    url = browser_simulator.url
    reference, identifier = start_payment(url)
    walk_to_the_bank(payer, identifier)
    payer.bank_button("Debug Sonda")
    assert payer.text("#estado").startswith("999 ")
    status, _ = control(url, f"/_sim/payments/{identifier}/outcome", {"estado": 1000})
    assert status == 200
    [attempt] = verified(url, reference)
    assert attempt[STATE] == "1000"


def test_a_card_payment_is_approved_with_the_masked_card_on_the_receipt(payer, browser_simulator, merchant_site):
    url = browser_simulator.url
    reference, identifier = start_payment(url)
    payer.open_payment(identifier, TEST_ROUTE)
    payer.accept_terms()
    payer.choose_card("4111 1111 1111 1111", "12/2031", "123", "6")
    payer.pay("pasarela-comprobante")
    assert payer.text("#resultado") == "Pago aprobado"
    assert (payer.text("#franquicia"), payer.text("#tarjeta")) == ("VISA", "*1111")
    assert re.fullmatch(r"\d{6}", payer.text("#aprobacion")) and payer.text("#recibo").isdigit()
    assert "4111111111111111" not in payer.page.content()
    payer.back_to_merchant()
    assert merchant_site.visits[-1] == {"id_comercio": str(TEST_MERCHANT_ID), "id_pago": reference}
    [attempt] = verified(url, reference)
    assert (attempt[STATE], attempt[METHOD]) == ("1", "32")


def test_a_declined_card_is_retried_as_a_new_attempt(payer, browser_simulator, merchant_site):
    url = browser_simulator.url
    reference, identifier = start_payment(url)
    payer.open_payment(identifier, TEST_ROUTE)
    payer.accept_terms()
    payer.choose_card("4000000000000002", "122031", "123")
    payer.pay("pasarela-comprobante-rechazado")
    assert payer.text("#resultado") == "Pago declinado" and payer.text("#tarjeta") == "*0002"
    assert payer.text("#motivo") == "Tarjeta declinada por el emisor"  # the charge's reason (issue 18)
    with payer.page.expect_navigation():
        payer.page.click("#reintentar")
    payer.shot("pasarela-reintento")
    assert "no fue aprobado" in payer.text("#reintento")
    payer.accept_terms()
    payer.choose_card("5555555555554444", "12/2031", "321")
    payer.pay("pasarela-comprobante-aprobado")
    assert payer.text("#resultado") == "Pago aprobado" and payer.text("#franquicia") == "MASTERCARD"
    first, second = verified(url, reference)
    assert (first[STATE], second[STATE]) == ("777", "1")
    assert int(second[0]) > int(first[0])


def test_bad_input_on_the_payment_page_shows_spanish_messages(payer, browser_simulator, merchant_site):
    url = browser_simulator.url
    _, identifier = start_payment(url)
    payer.open_payment(identifier, TEST_ROUTE)
    payer.pay("sin-terminos")
    assert payer.message() == "Debe aceptar los términos y condiciones para continuar con el pago."
    payer.accept_terms()
    payer.pay("sin-forma-de-pago")
    assert payer.message().startswith("Seleccione la forma de pago")
    payer.page.check("#fp-pse")
    payer.pay("pse-sin-persona")
    assert payer.message() == "Seleccione el tipo de persona: natural o jurídica"
    payer.page.check("#persona-juridica")
    payer.pay("pse-sin-banco")
    assert payer.message() == "Seleccione su banco de la lista"
    assert payer.page.is_checked("#persona-juridica") and payer.page.is_checked("#terminos")  # kept
    for number, expiry, cvv, message in (
        ("4111111111111112", "12/2031", "123", "El número de tarjeta no es válido"),
        ("4111111111111111", "01/2020", "123", "La tarjeta está vencida"),
        ("4111111111111111", "12/2031", "12", "El código de seguridad de la tarjeta debe tener 3 dígitos"),
        ("378282246310005", "12/2031", "123", "El código de seguridad de la tarjeta debe tener 4 dígitos"),
    ):
        payer.choose_card(number, expiry, cvv)
        payer.pay("tarjeta-invalida")
        assert payer.message() == message
        assert payer.page.input_value("#numero_tarjeta") == ""  # never sent back to the browser
    [attempt] = verified(url, _reference_of(url, identifier))
    assert attempt[STATE] == "888"


def test_an_unknown_payment_and_another_merchants_route_are_clear_pages(payer, browser_simulator, merchant_site):
    url = browser_simulator.url
    payer.open_payment("99999999", TEST_ROUTE)
    assert "No encontramos el pago 99999999" in payer.text("#aviso")
    _, identifier = start_payment(url)
    payer.open_payment(identifier, "t_demo")
    assert "no corresponde a este comercio" in payer.text("#aviso")


def _reference_of(url: str, identifier: str) -> str:
    status, payment = control(url, f"/_sim/payments/{identifier}")
    assert status == 200
    return payment["id_pago"]


def test_pse_refuses_a_persona_juridica_with_a_natural_persons_email(payer, browser_simulator, merchant_site):
    _, identifier = start_payment(browser_simulator.url)
    payer.open_payment(identifier, TEST_ROUTE)
    payer.accept_terms()
    payer.choose_pse("juridica")
    payer.choose_bank("1022")
    payer.pay("pse-correo-juridica")
    payer.pse_email(REGISTERED_PAYER)  # registered as a persona natural (issue 18)
    assert "/PSEUserRegister/StartTransaction.htm" in payer.url
    assert payer.text("#error-email").startswith(f"El correo {REGISTERED_PAYER} está registrado como persona natural")
