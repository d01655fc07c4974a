"""Steps for the notifications to merchants and the REST PagoAPTC, over the wire: a real merchant server on
loopback, the control API and the REST endpoint of the suite's simulator process."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
import uuid

import pytest
from pytest_bdd import given, parsers, then, when

from domain.shared.gateway_records import Payer
from domain.shared.money import Money
from domain.shared.payment_states import PaymentState
from ports.payment_gateway import PaymentRequest
from features.drivers.merchant_server import OK, TECHNICAL, MerchantServer, call, wait_until


@pytest.fixture
def merchant_server():
    server = MerchantServer([TECHNICAL, OK])
    with server:
        yield server


def _amount(text: str) -> str:
    """"$20.000,01" as the SOAP wire writes it: 20000.01."""
    return text.replace("$", "").replace(".", "").replace(",", ".").strip()


def _deliveries(url: str, reference: str) -> list[dict]:
    status, listed = call(url, "GET", "/_sim/notificaciones?comercio=1001")
    assert status == 200, listed
    return [d for d in listed if d["referencia"] == reference]


@given("un servidor del comercio que responde CodEstado 99 a la primera notificación y 0 a las siguientes")
def merchant_server_ready(merchant_server, context):
    context["server"] = merchant_server


@given("el comercio 1001 recibe sus notificaciones en ese servidor")
def merchant_notified_there(feature_simulator, context, request):
    url = feature_simulator.url
    server = context["server"]
    status, answer = call(url, "PATCH", "/_sim/merchants/1001", {
        "url_notificacion": f"{server.url}/ApiPagosN3/api/NotificarPagos", "clave_notificacion": "Clave-Notif1"})
    assert status == 200, answer
    # the suite's other scenarios share merchant 1001: it stops notifying when this one ends
    request.addfinalizer(lambda: call(url, "PATCH", "/_sim/merchants/1001", {"url_notificacion": ""}))


@when(parsers.parse('el comercio inicia un pago de "{amount}" que se aprueba de inmediato'))
def start_approved(driver, context, amount):
    context["reference"] = reference = str(uuid.uuid4().int)[:18]
    started = driver.start_payment(PaymentRequest(
        reference=reference, total=Money.of(_amount(amount)), vat=Money.of("0"), description="Pago notificado",
        payer=Payer("1033370434", "1", "NICK", "RIVERA CAMINERO", "3107126048", "n@x.co")))
    assert started.identifier, started


@then(parsers.parse("el servidor del comercio recibe la notificación del pago con EstadoPago {state:d}"))
def first_notification(context, state):
    body = context["server"].wait_for(1)[0].body
    assert body["IdPago"] == context["reference"] and body["EstadoPago"] == state
    assert body["IdComercio"] == 1001 and body["Password"] == "Clave-Notif1"
    context["notification"] = body


@then(parsers.parse('la API de control muestra la notificación "{status}" con {count:d} intento'))
@then(parsers.parse('la API de control muestra la notificación "{status}" con {count:d} intentos'))
def control_shows(feature_simulator, context, status, count):
    wait_until(lambda: [d for d in _deliveries(feature_simulator.url, context["reference"])
                        if d["estado"] == status and len(d["intentos"]) == count])


@when(parsers.parse("el reloj del simulador avanza {seconds:d} segundos"))
def advance_clock(feature_simulator, seconds):
    status, answer = call(feature_simulator.url, "POST", "/_sim/clock/advance", {"segundos": seconds})
    assert status == 200, answer


@then("el servidor del comercio recibe la misma notificación otra vez")
def same_notification_again(context):
    assert context["server"].wait_for(2)[1].body == context["notification"]


@when(parsers.parse('el comercio cobra "{total}" con el token por la API REST PagoAPTC'))
def rest_charge(feature_simulator, context, total):
    body = {"int_id_comercio": 1001, "str_usuario": "usuario-v4", "str_clave": "clave-v4",
            "str_tipo_identificador": "1", "str_identificador": context["token"],
            "str_id_pago": str(100_000_000 + uuid.uuid4().int % 900_000_000), "str_total_con_iva": total,
            "str_valor_iva": "0", "int_no_cuotas": 1, "str_descripcion_pago": "Cuota mensual",
            "str_direccion_ip_cliente": "10.20.30.40"}
    request = urllib.request.Request(f"{feature_simulator.url}/ApisToken/api/PagoAPTC", method="POST",
                                     data=json.dumps(body).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        context["rest_charge"] = json.loads(response.read())
    context["rest_reference"] = body["str_id_pago"]


@then(parsers.parse("la API REST responde int_estado_transaccion {state:d} con los códigos de retorno 100, 101 y 102"))
def rest_answer(context, state):
    answer = context["rest_charge"]
    assert answer["int_estado_transaccion"] == state and answer["str_detalle_error"] is None, answer
    assert [item["str_codigo"] for item in answer["lista_retorno"]] == ["100", "101", "102"]


@then(parsers.parse('la verificación del cobro REST dice estado {state:d} con la tarjeta terminada en "{last_four}"'))
def rest_verified(driver, context, state, last_four):
    attempt = driver.verify(context["rest_reference"]).latest
    assert attempt.state is PaymentState(state) and attempt.card.last_four == last_four
    assert str(attempt.number) == context["rest_charge"]["str_no_pago"]
