"""A PHP merchant with ext-curl (tests/contract/php/rest_curl.php) on both REST generations: JSON InicioPago →
the payer pays on the rut page → JSON VerificacionPago split as PHP code splits it; and the legacy
form-encoded pair with http_build_query."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from simulator.zonapagos.seed import DEMO_MERCHANT_ID, DEMO_START_PASSWORD, DEMO_VERIFY_PASSWORD, DEMO_VERIFY_USER
from tests.wire.rest_helpers import (
    LEGACY_START, LEGACY_VERIFY, START, VERIFY, csrf_of, legacy_start_fields, new_reference, start_body,
)

SCRIPT = Path(__file__).parent / "php" / "rest_curl.php"
PHP = shutil.which("php")


def _missing() -> str | None:
    if PHP is None:
        return "php is not installed (apt-get install -y php-cli php-curl; ./dev test installs them)"
    modules = subprocess.run([PHP, "-m"], capture_output=True, text=True, timeout=30).stdout.split()
    if "curl" not in (m.lower() for m in modules):
        return "PHP's curl extension is not installed (apt-get install -y php-curl; ./dev test installs it)"
    return None


MISSING = _missing()
pytestmark = [pytest.mark.php, pytest.mark.wire, pytest.mark.skipif(MISSING is not None, reason=MISSING or "")]


def php(url: str, mode: str, payload: dict) -> dict:
    done = subprocess.run([PHP, str(SCRIPT), url, mode, json.dumps(payload)], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def pay_by_card(page_url: str) -> None:
    payer = requests.Session()
    page = payer.get(page_url, timeout=10)
    form = {"estado_pago": "pagar", "csrf": csrf_of(page.text), "terminos": "si", "forma_pago": "tarjeta",
            "numero_tarjeta": "4111111111111111", "fecha_vencimiento": "122031", "codigo_seguridad": "123",
            "cuotas": "1", "nombre_tarjeta": "JUAN PEREZ"}
    query = parse_qs(urlsplit(page_url).query)
    form.update({key: values[0] for key, values in query.items() if key in ("rut", "identificador")})
    paid = payer.post(page_url.split("?")[0], data=form, allow_redirects=False, timeout=10)
    assert paid.status_code == 303, paid.text[:2000]


def test_a_php_curl_merchant_starts_pays_and_verifies_on_the_json_api(simulator):
    body = start_body()
    started = php(simulator.url + START, "json", body)
    assert started["status"] == 200 and started["aspnet"] and started["body"]["int_codigo"] == 1
    pay_by_card(started["body"]["str_url"])
    verified = php(simulator.url + VERIFY, "json", {
        "int_id_comercio": DEMO_MERCHANT_ID, "str_usr_comercio": DEMO_VERIFY_USER,
        "str_pwd_Comercio": DEMO_VERIFY_PASSWORD, "str_id_pago": body["InformacionPago"]["str_id_pago"],
        "int_no_pago": -1})
    assert verified["body"]["int_estado"] == 1 and verified["body"]["int_cantidad_pagos"] == 1
    [fields] = verified["fields"]
    assert (fields[4], fields[20], fields[22]) == ("1", "32", "1111")


def test_a_php_curl_merchant_gets_the_business_error_in_band(simulator):
    body = start_body()
    body["InformacionSeguridad"]["str_clave"] = "mala"
    answer = php(simulator.url + START, "json", body)
    assert answer["status"] == 200
    assert answer["body"] == {"int_codigo": 2, "str_cod_error": "02",
                              "str_descripcion_error": "Credenciales inválidas", "str_url": None}


def test_a_php_curl_merchant_on_the_legacy_form_encoded_pair(simulator):
    reference = new_reference()
    started = php(simulator.url + LEGACY_START, "form", legacy_start_fields(reference))
    identifier = started["stripped"]  # Laravel merchants strip '"' from the body (zonapagos-ws.md §6)
    assert started["status"] == 200 and identifier.isdigit()
    pay_by_card(f"{simulator.url}/t_demo/pago.asp?estado_pago=iniciar_pago&identificador={identifier}")
    verified = php(simulator.url + LEGACY_VERIFY, "form", {"int_id_tienda": DEMO_MERCHANT_ID,
                                                            "str_id_clave": DEMO_START_PASSWORD,
                                                            "str_id_pago": reference})
    [record] = verified["body"]["res_pagos_v3"]
    assert (verified["body"]["verificar_pago_v3Result"], record["int_estado_pago"], record["int_id_forma_pago"]) == (
        1, 1, 32)
