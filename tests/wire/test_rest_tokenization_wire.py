"""The tokenization generation over real HTTP (D-TOK): InicioPago with code 200 = "1" and no amounts answers
the registration page; the payer registers a card; the token exists (never the card number) and
VerificacionPago shows the registration."""
from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.wire.rest_helpers import csrf_of, inicio, rest_attempts, start_body, verificacion
from tests.wire.soap_helpers import control

pytestmark = pytest.mark.wire

TOKEN_URL = re.compile(r"^http://127\.0\.0\.1:\d+/tokenizacionweb/tokentc\?rut=[0-9A-F]{64}$")


def registration(base: str) -> tuple[str, str]:
    body = start_body(total=None, vat=None, configuration=[{"int_codigo": 200, "str_valor": "1"},
                                                           {"int_codigo": 50, "str_valor": "2701"}])
    answer = inicio(base, body).json()
    assert answer["int_codigo"] == 1, answer
    return body["InformacionPago"]["str_id_pago"], answer["str_url"]


def register(payer: requests.Session, url: str, **fields: str) -> requests.Response:
    page = payer.get(url, timeout=10)
    assert page.status_code == 200, page.text[:2000]
    rut = parse_qs(urlsplit(url).query)["rut"][0]
    return payer.post(url, data={"rut": rut, "csrf": csrf_of(page.text), "terminos": "si",
                                 "numero_tarjeta": "5555 5555 5555 4444", "fecha_vencimiento": "08/2031",
                                 "codigo_seguridad": "321", "nombre_tarjeta": "Juan Perez", **fields}, timeout=10)


def test_a_card_is_registered_through_the_code_200_page(simulator):
    reference, url = registration(simulator.url)
    assert TOKEN_URL.match(url), url
    payer = requests.Session()
    done = register(payer, url)
    assert done.status_code == 200 and "Tarjeta registrada" in done.text and "*4444" in done.text
    assert "5555555555554444" not in done.text and "/recaudo/retorno?id_comercio=1001" in done.text
    [fields] = rest_attempts(verificacion(simulator.url, reference).json())
    assert (fields[4], fields[20], fields[22]) == ("1", "32", "4444")  # approved, card, last four
    assert fields[23] == "Master Card"  # §7b's spelling
    assert fields[5] == "0"  # nothing charged
    again = payer.get(url, timeout=10)
    assert again.status_code == 409 and "ya fue registrada" in again.text
    identifier = int(parse_qs(urlsplit(url).query)["rut"][0][:16], 16)
    status, stored = control(simulator.url, f"/_sim/payments/{identifier}")
    assert status == 200 and "registrada: token creado" in json.dumps(stored, ensure_ascii=False)
    assert "5555555555554444" not in json.dumps(stored) and "5555 5555" not in json.dumps(stored)


def test_a_bad_card_shows_the_form_again_in_spanish_and_creates_nothing(simulator):
    reference, url = registration(simulator.url)
    refused = register(requests.Session(), url, numero_tarjeta="4111111111111112")
    assert refused.status_code == 400 and 'id="mensaje"' in refused.text and "Traceback" not in refused.text
    [fields] = rest_attempts(verificacion(simulator.url, reference).json())
    assert fields[4] == "888"


def test_the_payment_page_and_the_registration_page_do_not_open_each_others_links(simulator):
    _, url = registration(simulator.url)
    rut = parse_qs(urlsplit(url).query)["rut"][0]
    assert requests.get(f"{simulator.url}/Ciclo_Pago/Pago.aspx?rut={rut}", timeout=10).status_code == 404
    body = start_body()
    payment_url = inicio(simulator.url, body).json()["str_url"]
    payment_rut = parse_qs(urlsplit(payment_url).query)["rut"][0]
    other = requests.get(f"{simulator.url}/tokenizacionweb/tokentc?rut={payment_rut}", timeout=10)
    assert other.status_code == 404 and "no es de registro de tarjeta" in other.text


def test_a_card_registration_may_omit_adicionales_pago_and_the_amounts(simulator):
    body = start_body(total=None, vat=None, configuration=[{"int_codigo": 200, "str_valor": "1"},
                                                           {"int_codigo": 50, "str_valor": "2701"}])
    del body["AdicionalesPago"]
    answer = inicio(simulator.url, body).json()
    assert answer["int_codigo"] == 1 and TOKEN_URL.match(answer["str_url"]), answer
    payment = start_body()
    del payment["AdicionalesPago"]  # a payment still needs it
    assert inicio(simulator.url, payment).json()["str_descripcion_error"] == (
        "El campo AdicionalesPago es obligatorio y debe ser una lista")


def test_the_registration_page_asks_the_expiry_as_mmaaaa_like_the_payment_page(simulator):
    _, url = registration(simulator.url)
    page = requests.get(url, timeout=10).text
    field = re.search(r'<input id="fecha_vencimiento"[^>]*>', page).group(0)
    assert "Vencimiento (MMAAAA)" in page and 'placeholder="MMAAAA"' in field
    reference, url = registration(simulator.url)
    assert register(requests.Session(), url, fecha_vencimiento="082031").status_code == 200
