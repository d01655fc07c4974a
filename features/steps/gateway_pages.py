"""Steps for the gateway and PSE pages as a merchant's payer sees them (Chromium through the browser driver).

The merchant starts the payment with the project's own ZonaPAGOS client and sends the payer to the
URL it returns; the payer walks the pages; the merchant trusts only its verification.
"""
from __future__ import annotations

import json
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from pytest_bdd import given, parsers, then, when

from domain.shared.money import Money
from domain.shared.gateway_records import Payer
from domain.shared.payment_states import PaymentState
from features.drivers.browser import PayerBrowser, chromium_or_skip
from features.drivers.merchant_site import MerchantSite, register_merchant
from features.drivers.wire import WireDriver
from ports.payment_gateway import PaymentRequest, StartedPayment

MERCHANT_ID = 7702
ROUTE = "t_tienda_bdd"
SUPPORT = ("(604) 555 0199", "ayuda@tienda.test")  # what register_merchant configures
REGISTERED_PAYER = "nick.rivera@example.com"  # seeded at PSE
NICK = Payer("1033370434", "1", "NICK", "RIVERA CAMINERO", "3107126048", REGISTERED_PAYER)
BANKS = {"BANCO UNION COLOMBIANO": "1022"}


@pytest.fixture(scope="module")  # module scope: see chromium_or_skip
def navegador():
    yield from chromium_or_skip("escenarios de navegador omitidos")


@pytest.fixture(scope="session")
def tienda(feature_simulator):
    site = MerchantSite().start()
    register_merchant(feature_simulator.url, MERCHANT_ID, site.return_url, ROUTE, "Tienda BDD", "900777124")
    yield site
    site.stop()


@pytest.fixture
def pagador(navegador, feature_simulator, request):
    with PayerBrowser.open(navegador, feature_simulator.url, request.node.name) as browser:
        yield browser


class MerchantBackend:
    """The merchant's server: the real client adapter (WireDriver), on a thread of its own because
    Playwright's sync API keeps an event loop running on the test's thread."""

    def __init__(self, driver: WireDriver):
        self.driver = driver

    def __getattr__(self, name: str):
        method = getattr(self.driver, name)

        def call(*args, **kwargs):
            with ThreadPoolExecutor(1) as pool:
                return pool.submit(method, *args, **kwargs).result(30)
        return call


@pytest.fixture
def comercio(feature_simulator) -> MerchantBackend:
    return MerchantBackend(WireDriver(feature_simulator.url, merchant=dict(
        merchant_id=MERCHANT_ID, start_password="clave-inicio", verify_user="usuario-v4", verify_password="clave-v4",
        route=ROUTE, service_code="2701")))


@given("un comercio de prueba con su página de retorno")
def merchant_with_return_page(tienda):
    assert tienda.return_url


@given(parsers.parse('el comercio inició un pago de "{total}" con IVA "{vat}" por "{concept}"'), target_fixture="pago")
def merchant_started_a_payment(comercio, total, vat, concept):
    reference = str(uuid.uuid4().int)[:16]
    started = comercio.start_payment(PaymentRequest(reference, Money.parse(total), Money.parse(vat), concept, NICK))
    assert isinstance(started, StartedPayment), started
    return {"reference": reference, "started": started}


@when("el pagador abre la página de pago de la pasarela")
def open_payment_page(pagador, pago):
    pagador.page.goto(pago["started"].payment_url)
    pagador.shot("pasarela-pago")


@when("la tienda envía al pagador a la pasarela con un formulario que se envía solo, sin campos")
def auto_posted_to_payment_page(pagador, tienda, pago):
    """A shop plugin (nopCommerce's) posts an empty form to the payment URL; the gateway answers it as a GET."""
    with pagador.page.expect_navigation(url=lambda url: "/pago.asp" in url):
        pagador.page.goto(tienda.auto_post_url(pago["started"].payment_url))
    pagador.shot("pasarela-pago-por-post")


@then(parsers.parse('la pasarela lo saluda como "{name}"'))
def greeted(pagador, name):
    assert pagador.text("#saludo") == f"Bienvenido(a), {name}"


@then(parsers.parse('muestra el concepto "{concept}", el número de factura, el subtotal "{subtotal}", '
                    'el IVA "{vat}" y el total "{total}"'))
def payment_detail(pagador, pago, concept, subtotal, vat, total):
    assert pagador.text("#concepto") == concept
    assert pagador.text("#factura") == pago["started"].identifier
    assert (pagador.text("#subtotal"), pagador.text("#iva"), pagador.text("#total")) == (subtotal, vat, total)


@when("el pagador acepta los términos y condiciones")
def accept_terms(pagador):
    pagador.accept_terms()


@when(parsers.parse('elige "Débito y Corriente PSE" como persona {person}'))
def choose_pse(pagador, person):
    pagador.choose_pse("natural" if person == "natural" else "juridica")


@when(parsers.parse('elige el banco "{bank}" y pulsa "Pagar"'))
def choose_bank_and_pay(pagador, bank):
    pagador.choose_bank(BANKS[bank])
    pagador.pay("tras-pagar")


@when('pulsa "Pagar"')
def press_pay(pagador):
    pagador.pay("pasarela-pago")


@then("el pagador está en la página de PSE")
def at_pse(pagador):
    assert "/PSEUserRegister/StartTransaction.htm" in pagador.url


@when('escribe su correo registrado en PSE y pulsa "Ir al Banco"')
def pse_email(pagador):
    pagador.pse_email(REGISTERED_PAYER)
    assert "/banco/1022" in pagador.url


@when(parsers.parse('en la página del banco revisa el resumen y pulsa "{button}"'))
def bank_button(pagador, pago, button):
    assert pagador.page.input_value("#ticket-id").isdigit()
    assert pagador.page.input_value("#amount") == "119000"
    pagador.bank_button(button)


@then(parsers.parse('la pasarela muestra el comprobante con el resultado "{result}"'))
def receipt_result(pagador, pago, result):
    assert f"identificador={pago['started'].identifier}" in pagador.url
    assert pagador.text("#resultado") == result
    assert pagador.text("#id-pago") == pago["reference"]


@then(parsers.parse('el comprobante muestra el banco "{bank}", el CUS y el botón "Imprimir"'))
def receipt_pse_data(pagador, bank):
    assert pagador.text("#banco") == bank and pagador.text("#cus").isdigit()
    assert pagador.page.get_by_role("button", name="Imprimir").is_visible()


@then(parsers.parse('el comprobante ofrece "{label}"'))
def receipt_offers(pagador, label):
    assert pagador.page.get_by_role("link", name=label).is_visible()


@then("el comprobante muestra el mensaje de ACH para pagos pendientes con el CUS y los contactos del comercio")
def pending_notice(pagador, pago):
    notice = pagador.text("#aviso-pendiente")
    assert notice.startswith(f"En este momento su #{pago['reference']} presenta un proceso de pago cuya "
                             "transacción se encuentra PENDIENTE de recibir confirmación por parte de su entidad "
                             "financiera")
    assert all(contact in notice for contact in SUPPORT)
    assert notice.endswith(f"preguntar por el estado de la transacción: {pagador.text('#cus')}")


@when('el pagador pulsa "Regresar al comercio"')
def back_to_merchant(pagador):
    pagador.back_to_merchant()


@then("llega a la página de retorno del comercio con id_comercio e id_pago")
def at_merchant(pagador, tienda, pago):
    assert pagador.url.startswith(tienda.return_url)
    assert tienda.visits[-1] == {"id_comercio": str(MERCHANT_ID), "id_pago": pago["reference"]}


@then(parsers.parse("la verificación del comercio dice estado {state:d} por PSE"))
def verified_by_pse(comercio, pago, state):
    latest = comercio.verify(pago["reference"]).latest
    assert latest.state is PaymentState(state) and latest.method == 29


@then(parsers.parse("la verificación del comercio dice estado {state:d}"))
def verified(comercio, pago, state):
    assert comercio.verify(pago["reference"]).latest.state is PaymentState(state)


@when(parsers.parse("pasan {minutes:d} minutos en el simulador"))
def time_passes(feature_simulator, minutes):
    request = urllib.request.Request(f"{feature_simulator.url}/_sim/clock/advance", method="POST",
                                     data=json.dumps({"segundos": minutes * 60}).encode(),
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


@then(parsers.parse('la pasarela muestra el mensaje "{message}"'))
def page_message(pagador, message):
    assert pagador.message() == message


@then(parsers.parse('la pasarela muestra el aviso "{notice}"'))
def page_notice(pagador, notice):
    """A page that replaces the payment form (a refusal, an expired session): its Spanish notice."""
    assert pagador.text("#aviso-texto").startswith(notice)
