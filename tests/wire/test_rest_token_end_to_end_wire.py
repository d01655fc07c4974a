"""Issue 16's token path end to end over real HTTP: a REST merchant starts a card registration (InicioPago code
200), the payer registers the card on the page, the token reaches the merchant's `ApiToken/api/Notificar`
(part B's deliverer), and the merchant charges it with `POST /ApisToken/api/PagoAPTC`, then verifies the charge."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from jsonschema import Draft202012Validator

from features.drivers.merchant_server import TOKEN_OK, MerchantServer, call
from simulator.process import SimulatorProcess
from simulator.zonapagos.rest.openapi import rest_document
from tests.wire.rest_helpers import csrf_of, inicio, rest_attempts, start_body, verificacion
from tests.wire.token_helpers import new_int_id_pago

pytestmark = pytest.mark.wire


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    """Its own `pasarela serve` whose deliverer looks every 50 ms."""
    with SimulatorProcess(tmp_path_factory.mktemp("rest-token") / "pasarela.sqlite3",
                          env={"PASARELA_NOTIFICATION_TICK": "0.05"}) as process:
        yield process


def test_a_registered_card_is_delivered_to_the_merchant_and_charged_by_its_token(sim):
    with MerchantServer([TOKEN_OK]) as merchant:
        status, _ = call(sim.url, "PATCH", "/_sim/merchants/1001", {
            "url_notificacion_token": f"{merchant.url}/ApiToken/api/Notificar", "clave_notificacion": "Clave-Notif1"})
        assert status == 200
        body = start_body(total=None, vat=None, configuration=[{"int_codigo": 200, "str_valor": "1"},
                                                               {"int_codigo": 50, "str_valor": "2701"}])
        url = inicio(sim.url, body).json()["str_url"]
        payer = requests.Session()
        page = payer.get(url, timeout=10)
        done = payer.post(url, data={"rut": parse_qs(urlsplit(url).query)["rut"][0], "csrf": csrf_of(page.text),
                                     "terminos": "si", "numero_tarjeta": "4111111111111111",
                                     "fecha_vencimiento": "08/2031", "codigo_seguridad": "321",
                                     "nombre_tarjeta": "JUAN PEREZ"}, timeout=10)
        assert done.status_code == 200 and "Tarjeta registrada" in done.text

        [delivered] = merchant.wait_for(1)
        assert delivered.path == "/ApiToken/api/Notificar"
        token = delivered.body["str_token"]
        assert len(token) == 22 and token.isdigit() and delivered.body["str_id_cliente"] == "123456789"
        assert "4111111111111111" not in str(delivered.body)

    reference = new_int_id_pago()
    charged = requests.post(sim.url + "/ApisToken/api/PagoAPTC", json={
        "int_id_comercio": 1001, "str_usuario": "usuario-v4", "str_clave": "clave-v4",
        "str_tipo_identificador": "1", "str_identificador": token, "str_id_pago": reference,
        "str_total_con_iva": "35000", "str_valor_iva": "0", "int_no_cuotas": 1,
        "str_descripcion_pago": "Cuota mensual", "str_direccion_ip_cliente": "10.20.30.40"}, timeout=10).json()
    assert charged["int_estado_transaccion"] == 1, charged
    Draft202012Validator(rest_document()["components"]["schemas"]["RespuestaPagoAPTC"]).validate(charged)
    [fields] = rest_attempts(verificacion(sim.url, reference).json())
    assert (fields[4], fields[5], fields[20], fields[22]) == ("1", "35000", "32", "1111")
