"""Issue 16's "Done when", each merchant as one story over real HTTP against `pasarela serve`: a merchant written for
the REST API (JSON, `requests`) and a legacy form-encoded one, changing only the host, start a payment, send the
payer to the page, receive NotificarPagos after refusing the first delivery (the retry comes when the simulated
clock passes the back-off), and verify the payment."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from features.drivers.merchant_server import OK, TECHNICAL, MerchantServer, call, wait_until
from simulator.process import SimulatorProcess
from simulator.zonapagos.seed import DEMO_MERCHANT_ID, DEMO_START_PASSWORD
from tests.wire.rest_helpers import (
    LEGACY_START, LEGACY_VERIFY, csrf_of, inicio, legacy_start_fields, new_reference, rest_attempts, start_body,
    verificacion,
)

pytestmark = pytest.mark.wire

CARD = {"terminos": "si", "forma_pago": "tarjeta", "numero_tarjeta": "4111111111111111",
        "fecha_vencimiento": "122031", "codigo_seguridad": "123", "cuotas": "1", "nombre_tarjeta": "Juan Perez"}


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("rest-e2e") / "pasarela.sqlite3",
                          env={"PASARELA_NOTIFICATION_TICK": "0.05"}) as process:
        yield process


@pytest.fixture
def merchant(sim):
    """The merchant's own server: refuses the first NotificarPagos (CodEstado 99), accepts the next."""
    with MerchantServer([TECHNICAL, OK]) as server:
        status, answer = call(sim.url, "PATCH", f"/_sim/merchants/{DEMO_MERCHANT_ID}", {
            "url_notificacion": f"{server.url}/ApiPagosN3/api/NotificarPagos", "clave_notificacion": "Clave-E2E"})
        assert status == 200, answer
        yield server
    call(sim.url, "PATCH", f"/_sim/merchants/{DEMO_MERCHANT_ID}", {"url_notificacion": ""})


def return_link(receipt: str) -> dict[str, list[str]]:
    link = html.unescape(re.search(r'id="regresar" href="([^"]+)"', receipt).group(1))
    return parse_qs(urlsplit(link).query)


def notified_after_one_refusal(sim, server: MerchantServer, reference: str) -> dict:
    first = server.wait_for(1)[0]
    assert first.path == "/ApiPagosN3/api/NotificarPagos" and first.body["IdPago"] == reference
    call(sim.url, "POST", "/_sim/clock/advance", {"segundos": 31})  # the first back-off is 30 s
    second = server.wait_for(2)[1]
    assert second.body == first.body

    def delivered():
        _, listed = call(sim.url, "GET", f"/_sim/notificaciones?comercio={DEMO_MERCHANT_ID}")
        return [d for d in listed if d["referencia"] == reference and d["estado"] == "entregada"]
    [delivery] = wait_until(delivered)
    assert [attempt["exitoso"] for attempt in delivery["intentos"]] == [False, True]
    return second.body


def test_a_rest_merchant_starts_sends_the_payer_gets_the_retried_notification_and_verifies(sim, merchant):
    reference = new_reference()
    answer = inicio(sim.url, start_body(reference)).json()
    assert answer["int_codigo"] == 1
    url = answer["str_url"]
    assert url.startswith(sim.url + "/Ciclo_Pago/Pago.aspx?rut=")  # the host is the only thing that changed

    payer = requests.Session()
    page = payer.get(url, timeout=10)
    rut = parse_qs(urlsplit(url).query)["rut"][0]
    paid = payer.post(url.split("?")[0], data={"estado_pago": "pagar", "rut": rut, "csrf": csrf_of(page.text),
                                               **CARD}, allow_redirects=False, timeout=10)
    assert paid.status_code == 303
    receipt = payer.get(sim.url + paid.headers["Location"], timeout=10).text
    assert return_link(receipt)["id_pago"] == [reference]
    assert return_link(receipt)["id_comercio"] == [str(DEMO_MERCHANT_ID)]

    body = notified_after_one_refusal(sim, merchant, reference)
    assert (body["EstadoPago"], body["ValorTotalPagado"], body["Password"]) == (1, 83000, "Clave-E2E")

    verified = verificacion(sim.url, reference).json()
    assert (verified["int_estado"], verified["int_error"], verified["int_cantidad_pagos"]) == (1, 0, 1)
    [fields] = rest_attempts(verified)
    assert fields[4] == "1" and fields[5:7] == ["83000", "83000"]  # int_estado_pago approved, valor, total


def test_a_form_encoded_merchant_does_the_same(sim, merchant):
    reference = new_reference()
    started = requests.post(sim.url + LEGACY_START, data=legacy_start_fields(reference), timeout=10).text
    identifier = started.replace('"', "")  # as Laravel merchants read it (zonapagos-ws.md §6)
    assert identifier.isdigit(), started

    payer = requests.Session()
    page = payer.get(f"{sim.url}/t_demo/pago.asp?estado_pago=iniciar_pago&identificador={identifier}", timeout=10)
    paid = payer.post(f"{sim.url}/t_demo/pago.asp", data={"estado_pago": "pagar", "identificador": identifier,
                                                          "csrf": csrf_of(page.text), **CARD},
                      allow_redirects=False, timeout=10)
    assert paid.status_code == 303
    receipt = payer.get(sim.url + paid.headers["Location"], timeout=10).text
    assert return_link(receipt)["id_pago"] == [reference]

    body = notified_after_one_refusal(sim, merchant, reference)
    assert (body["EstadoPago"], body["ValorTotalPagado"]) == (1, 23800)

    verified = requests.post(sim.url + LEGACY_VERIFY, data={"int_id_tienda": str(DEMO_MERCHANT_ID),
                                                            "str_id_clave": DEMO_START_PASSWORD,
                                                            "str_id_pago": reference}, timeout=10).json()
    assert (verified["verificar_pago_v3Result"], verified["int_error"]) == (1, 0)
    [record] = verified["res_pagos_v3"]
    assert (record["str_id_pago"], record["int_estado_pago"]) == (reference, 1)
