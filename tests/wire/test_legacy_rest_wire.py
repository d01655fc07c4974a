"""The legacy form-encoded REST pair over real HTTP: a Laravel-style merchant starts with inicio_pagoV2's fields,
sends the payer to the gateway page, and verifies with verificar_pago_v3's fields; the start answers
its result as a JSON string (zonapagos-ws.md §6), the verification a JSON object of verificar_pago_v3's outputs."""
from __future__ import annotations

import re

import pytest
import requests

from simulator.zonapagos.seed import DEMO_MERCHANT_ID, DEMO_START_PASSWORD
from tests.wire.rest_helpers import LEGACY_START, LEGACY_VERIFY, csrf_of, legacy_start_fields, new_reference

pytestmark = pytest.mark.wire


def legacy_start(base: str, fields: dict[str, str]) -> requests.Response:
    return requests.post(base + LEGACY_START, data=fields, timeout=10)


def legacy_verify(base: str, reference: str, key: str = DEMO_START_PASSWORD) -> dict:
    answer = requests.post(base + LEGACY_VERIFY, data={"int_id_tienda": str(DEMO_MERCHANT_ID), "str_id_clave": key,
                                                       "str_id_pago": reference}, timeout=10)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("application/json")
    return answer.json()


def test_a_form_encoded_merchant_starts_pays_on_the_page_and_verifies(simulator):
    reference = new_reference()
    started = legacy_start(simulator.url, legacy_start_fields(reference))
    assert started.status_code == 200 and started.headers["X-AspNet-Version"]
    identifier = started.json()
    assert isinstance(identifier, str) and identifier.isdigit()
    assert started.text == f'"{identifier}"'  # a JSON string: clients strip the quotes (zonapagos-ws.md §6)

    payer = requests.Session()
    url = f"{simulator.url}/t_demo/pago.asp?estado_pago=iniciar_pago&identificador={identifier}"
    page = payer.get(url, timeout=10)
    paid = payer.post(f"{simulator.url}/t_demo/pago.asp", data={
        "estado_pago": "pagar", "identificador": identifier, "csrf": csrf_of(page.text), "terminos": "si",
        "forma_pago": "tarjeta", "numero_tarjeta": "4111111111111111", "fecha_vencimiento": "122031",
        "codigo_seguridad": "123", "cuotas": "1", "nombre_tarjeta": "NICK RIVERA"}, allow_redirects=False, timeout=10)
    assert paid.status_code == 303
    receipt = payer.get(simulator.url + paid.headers["Location"], timeout=10).text
    assert f"id_comercio=1001&amp;id_pago={reference}" in receipt

    answer = legacy_verify(simulator.url, reference)
    assert (answer["verificar_pago_v3Result"], answer["int_error"], answer["str_error"]) == (1, 0, "")
    [record] = answer["res_pagos_v3"]
    assert (record["str_id_pago"], record["int_estado_pago"], record["int_id_forma_pago"]) == (reference, 1, 32)
    assert record["dbl_valor_pagado"] == 23800 and record["str_id_clave"] == identifier
    assert record["str_franquicia"] == "VISA" and re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", record["dat_fecha"])


@pytest.mark.parametrize(("change", "message"), [
    ({"clave": "mala"}, "-1 Credenciales inválidas"),
    ({"total_con_iva": "0"}, "-1 El campo total_con_iva debe ser mayor que cero"),
    ({"total_con_iva": "doce"}, "-1 El campo total_con_iva debe ser un número"),
    ({"id_tienda": "1.5"}, "-1 El campo id_tienda debe ser un número entero"),
    ({"descripcion_pago": ""}, "-1 El campo descripcion_pago es obligatorio"),
])
def test_start_errors_are_the_operations_in_band_answer(simulator, change, message):
    answer = legacy_start(simulator.url, legacy_start_fields(new_reference(), **change))
    assert answer.status_code == 200 and answer.json() == message


def test_verification_with_a_wrong_key_or_no_payment(simulator):
    wrong = legacy_verify(simulator.url, "123", key="mala")
    assert (wrong["verificar_pago_v3Result"], wrong["int_error"], wrong["res_pagos_v3"]) == (-1, 2, [])
    none = legacy_verify(simulator.url, new_reference())
    assert (none["verificar_pago_v3Result"], none["int_error"]) == (0, 1)


def test_a_json_body_is_not_the_legacy_wire(simulator):
    answer = requests.post(simulator.url + LEGACY_START, json={"id_tienda": 1001}, timeout=10)
    assert answer.status_code == 415 and answer.json()["Message"]


def test_a_multipart_form_is_read_as_the_form_encoded_one(simulator):
    reference = new_reference()
    fields = legacy_start_fields(reference)
    started = requests.post(simulator.url + LEGACY_START, files={k: (None, v) for k, v in fields.items()},
                            timeout=10)
    assert started.status_code == 200 and started.json().isdigit(), started.text
    verified = requests.post(simulator.url + LEGACY_VERIFY, files={
        "int_id_tienda": (None, str(DEMO_MERCHANT_ID)), "str_id_clave": (None, DEMO_START_PASSWORD),
        "str_id_pago": (None, reference)}, timeout=10).json()
    assert verified["verificar_pago_v3Result"] == 1 and verified["res_pagos_v3"][0]["str_id_pago"] == reference
    broken = requests.post(simulator.url + LEGACY_START, data=b"garbage",
                           headers={"Content-Type": "multipart/form-data; boundary=zz"}, timeout=10)
    assert broken.status_code == 400 and broken.json() == {"Message": "The request is invalid."}
