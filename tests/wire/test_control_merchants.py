"""Merchants through the control API: created with hashed secrets, settings the wire depends on."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.wire.soap_helpers import attempts_of, control, new_reference, start, verify

pytestmark = pytest.mark.wire

NEW_MERCHANT = {
    "nombre": "COOPERATIVA DE PRUEBA", "nit": "860034313-7", "clave_inicio": "ini-2002", "usuario_v4": "u2002",
    "clave_v4": "v4-2002", "codigo_servicio": "3303", "t_ruta": "t_prueba",
    "url_retorno": "http://127.0.0.1:9/retorno", "separadores_compactos": True,
}


def send(url: str, method: str, payload) -> tuple[int, dict | list]:
    data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        assert error.headers["Content-Type"].startswith("application/problem+json")
        return error.code, json.loads(error.read())


def test_a_new_merchant_works_on_the_wire_with_compact_separators(simulator):
    status, merchant = send(f"{simulator.url}/_sim/merchants/2002", "PUT", NEW_MERCHANT)
    assert status == 200 and "clave_inicio" not in merchant and "clave_v4" not in merchant
    reference = new_reference()
    answer = start(simulator.url, reference, merchant="2002", password="ini-2002", codigo_servicio_principal="3303")
    assert answer.value("inicio_pagoV2Result").isdigit()
    result = verify(simulator.url, reference, merchant="2002", user="u2002", password="v4-2002")
    text = result.value("str_res_pago")
    assert text.endswith("|;|") and " | " not in text
    assert attempts_of(result)[0][1] == "888"


def test_patch_switches_the_separator_style_back(simulator):
    send(f"{simulator.url}/_sim/merchants/2003", "PUT", NEW_MERCHANT)
    status, merchant = send(f"{simulator.url}/_sim/merchants/2003", "PATCH", {"separadores_compactos": False})
    assert status == 200 and merchant["separadores_compactos"] is False


def test_a_disabled_merchant_cannot_start_payments(simulator):
    send(f"{simulator.url}/_sim/merchants/2004", "PUT", {**NEW_MERCHANT, "habilitado": False})
    answer = start(simulator.url, new_reference(), merchant="2004", password="ini-2002", codigo_servicio_principal="3303")
    enabled_again = send(f"{simulator.url}/_sim/merchants/2004", "PATCH", {"habilitado": True})
    assert enabled_again[0] == 200
    assert start(simulator.url, new_reference(), merchant="2004", password="ini-2002",
                 codigo_servicio_principal="3303").value("inicio_pagoV2Result").isdigit()
    assert answer.value("inicio_pagoV2Result") == "-1 Credenciales inválidas"


@pytest.mark.parametrize(("payload", "detail"), [
    ({**NEW_MERCHANT, "nit": "860034313-8"}, "NIT"),
    ({**NEW_MERCHANT, "t_ruta": "../x"}, "t_ruta"),
    ({**NEW_MERCHANT, "extra": 1}, "extra"),
    ({k: v for k, v in NEW_MERCHANT.items() if k != "clave_v4"}, "clave_v4"),
    (b"{no es json", "JSON"),
    ([1, 2], "objeto"),
])
def test_bad_merchant_data_gets_a_json_problem(simulator, payload, detail):
    status, problem = send(f"{simulator.url}/_sim/merchants/2005", "PUT", payload)
    assert status == 400 and detail in problem["detail"]


def test_unknown_merchants_and_bad_ids_are_json_problems(simulator):
    assert send(f"{simulator.url}/_sim/merchants/777777", "PATCH", {"habilitado": True})[0] == 404
    assert send(f"{simulator.url}/_sim/merchants/abc", "PATCH", {"habilitado": True})[0] == 400


def test_the_merchant_list_has_the_demo_merchant_without_secrets(simulator):
    status, merchants = control(simulator.url, "/_sim/merchants")
    demo = next(m for m in merchants if m["id_comercio"] == 1001)
    assert demo["t_ruta"] == "t_demo" and demo["codigo_servicio"] == "2701"
    assert all("clave" not in key for m in merchants for key in m if key != "usuario_v4")


@pytest.mark.parametrize(("scheduled", "state", "method"), [
    ({"estado": 1000}, "1000", "29"), ({"estado": 1, "forma_pago": "tarjeta"}, "1", "32"), ({"estado": 999}, "999", "29"),
])
def test_a_scheduled_outcome_hits_only_the_merchants_next_payment(simulator, scheduled, state, method):
    send(f"{simulator.url}/_sim/merchants/2006", "PUT", NEW_MERCHANT)
    status, _ = send(f"{simulator.url}/_sim/merchants/2006/siguiente-resultado", "POST", scheduled)
    assert status == 200
    first, second = new_reference(), new_reference()
    for reference in (first, second):
        start(simulator.url, reference, merchant="2006", password="ini-2002", codigo_servicio_principal="3303")
    def state_of(reference):
        return attempts_of(verify(simulator.url, reference, merchant="2006", user="u2002", password="v4-2002"))[0]
    assert (state_of(first)[1], state_of(first)[14]) == (state, method)
    assert state_of(second)[1] == "888"
    assert send(f"{simulator.url}/_sim/merchants/2006/siguiente-resultado", "DELETE", b"")[0] == 404


@pytest.mark.parametrize("payload", [{"estado": 5}, {"estado": 888}, {"estado": 1, "forma_pago": "cheque"}, {}])
def test_bad_scheduled_outcomes_are_json_problems(simulator, payload):
    assert send(f"{simulator.url}/_sim/merchants/1001/siguiente-resultado", "POST", payload)[0] == 400
