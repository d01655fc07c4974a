"""The REST generation over real HTTP (zonapagos-ws.md §8): a `requests` merchant starts, sends the payer to
the rut page, the payer pays and returns, the merchant verifies with the REST `str_res_pago` layout."""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.wire.rest_helpers import (
    RUT_URL, START, VERIFY, csrf_of, inicio, new_reference, rest_attempts, start_body, started_rest, verificacion,
)
from tests.wire.soap_helpers import control

pytestmark = pytest.mark.wire

CARD = {"terminos": "si", "forma_pago": "tarjeta", "numero_tarjeta": "4111 1111 1111 1111",
        "fecha_vencimiento": "122031", "codigo_seguridad": "123", "cuotas": "1", "nombre_tarjeta": "Juan Perez"}


def text_of(body: str, element_id: str) -> str:
    match = re.search(rf'id="{element_id}"[^>]*>(.*?)</', body, re.S)
    assert match, f"no #{element_id}:\n{body[:3000]}"
    return html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()


def pay_by_card(payer: requests.Session, url: str) -> requests.Response:
    page = payer.get(url, timeout=10)
    assert page.status_code == 200, page.text[:2000]
    rut = parse_qs(urlsplit(url).query)["rut"][0]
    return payer.post(url.split("?")[0], data={"estado_pago": "pagar", "rut": rut, "csrf": csrf_of(page.text),
                                               **CARD}, allow_redirects=False, timeout=10)


def test_a_start_answers_the_page_url_with_a_64_hex_rut_and_the_aspnet_header(simulator):
    answer = inicio(simulator.url, start_body())
    assert answer.status_code == 200 and answer.headers["X-AspNet-Version"]
    assert answer.headers["Content-Type"].startswith("application/json")
    body = answer.json()
    assert (body["int_codigo"], body["str_cod_error"], body["str_descripcion_error"]) == (1, "", "")
    assert RUT_URL.match(body["str_url"]), body["str_url"]


def test_two_starts_get_unrelated_ruts(simulator):
    first, second = (RUT_URL.match(started_rest(simulator.url)[1]).group(1) for _ in range(2))
    assert first[16:] != second[16:]  # the secret part differs, not only the identifier


def test_a_rest_merchant_starts_the_payer_pays_returns_and_the_merchant_verifies(simulator):
    reference, url = started_rest(simulator.url, configuration=[
        {"int_codigo": 50, "str_valor": "2701"},
        {"int_codigo": 104, "str_valor": "https://micomercio.test/retorno-pago?canal=web"}], str_opcional4="cuatro")
    before = verificacion(simulator.url, reference).json()
    assert (before["int_estado"], before["int_cantidad_pagos"]) == (1, 1)
    assert rest_attempts(before)[0][3:5] == ["200", "888"]  # iniciado, pendiente por iniciar

    payer = requests.Session()
    paid = pay_by_card(payer, url)
    assert paid.status_code == 303 and paid.headers["Location"].startswith("/Ciclo_Pago/Pago.aspx?rut=")
    receipt = payer.get(simulator.url + paid.headers["Location"], timeout=10).text
    assert text_of(receipt, "resultado") == "Pago aprobado" and "4111111111111111" not in receipt
    back = html.unescape(re.search(r'id="regresar" href="([^"]+)"', receipt).group(1))
    assert back.startswith("https://micomercio.test/retorno-pago?")  # code 104, not the merchant's URL
    assert parse_qs(urlsplit(back).query) == {"canal": ["web"], "id_comercio": ["1001"], "id_pago": [reference]}

    answer = verificacion(simulator.url, reference).json()
    assert (answer["int_estado"], answer["int_error"], answer["int_cantidad_pagos"]) == (1, 0, 1)
    assert answer["str_res_pago"].endswith("|;|")
    [fields] = rest_attempts(answer)
    assert len(fields) == 26  # 21 base fields and the card's five
    assert fields[2:8] == ["1", "1", "1", "83000", "83000", "833"]  # parcial, terminado, estado, valor, total, iva
    assert fields[8:14] == ["Compra de camisa", "123456789", "Juan", "Perez", "3001234567", "cliente@ejemplo.com"]
    assert fields[14:19] == ["canal-web", "campaña-abril", "", "cuatro", ""]
    assert re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d:\d\d", fields[19]) and fields[20] == "32"
    assert fields[22] == "1111" and fields[23] == "Visa"  # §7b's spelling (the card page stores VISA)


def test_the_legacy_page_does_not_open_a_rest_payment_and_an_altered_rut_is_a_spanish_page(simulator):
    _, url = started_rest(simulator.url)
    rut = RUT_URL.match(url).group(1)
    identifier = int(rut[:16], 16)
    legacy = requests.get(f"{simulator.url}/t_demo/pago.asp?estado_pago=iniciar_pago&identificador={identifier}",
                          timeout=10)
    assert legacy.status_code == 404 and "No encontramos el pago" in legacy.text
    altered = rut[:-1] + ("0" if rut[-1] != "0" else "1")
    for bad, status in ((altered, 404), (rut.lower(), 400), (rut[:40], 400), ("", 400)):
        page = requests.get(f"{simulator.url}/Ciclo_Pago/Pago.aspx?rut={bad}", timeout=10)
        assert page.status_code == status and 'lang="es"' in page.text and "Traceback" not in page.text
        assert text_of(page.text, "aviso-texto")


def test_the_control_api_shows_the_generation_and_every_code_kept_as_sent(simulator):
    _, url = started_rest(simulator.url, configuration=[{"int_codigo": 50, "str_valor": "2701"},
                                                        {"int_codigo": 100, "str_valor": "1"},
                                                        {"int_codigo": 113, "str_valor": "1"}])
    identifier = int(RUT_URL.match(url).group(1)[:16], 16)
    shown = requests.get(f"{simulator.url}/_sim/payments/{identifier}", timeout=10).json()
    assert shown["generacion"] == "rest" and shown["tokenizacion"] is False
    assert shown["adicionales_configuracion"] == [{"int_codigo": 50, "str_valor": "2701"},
                                                  {"int_codigo": 100, "str_valor": "1"},
                                                  {"int_codigo": 113, "str_valor": "1"}]
    assert url.split("rut=")[1] not in str(shown)  # the rut stays the payer's link only


def test_the_rest_paths_answer_in_any_case_as_on_iis(simulator):
    _, url = started_rest(simulator.url)
    rut = RUT_URL.match(url).group(1)
    assert requests.get(f"{simulator.url}/CICLO_PAGO/pago.ASPX?rut={rut}", timeout=10).status_code == 200
    answer = requests.post(simulator.url + START.lower(), json=start_body(), timeout=10)
    assert answer.status_code == 200 and answer.json()["int_codigo"] == 1


def test_configuration_codes_shape_the_page(simulator):
    _, no_pse = started_rest(simulator.url, configuration=[{"int_codigo": 103, "str_valor": "1"},
                                                           {"int_codigo": 108, "str_valor": "1"}])
    page = requests.get(no_pse, timeout=10).text
    assert 'id="fp-pse"' not in page and 'id="fp-tarjeta"' in page
    assert re.search(r'id="terminos"[^>]*checked', page)
    _, no_card = started_rest(simulator.url, configuration=[{"int_codigo": 50, "str_valor": "2701"},
                                                            {"int_codigo": 107, "str_valor": "1"}])
    page = requests.get(no_card, timeout=10).text
    assert 'id="fp-tarjeta"' not in page and 'id="fp-pse"' in page
    assert not re.search(r'id="terminos"[^>]*checked', page)


def test_a_disabled_method_posted_anyway_is_refused_in_spanish(simulator):
    reference, url = started_rest(simulator.url, configuration=[{"int_codigo": 50, "str_valor": "2701"},
                                                                {"int_codigo": 107, "str_valor": "1"}])
    refused = pay_by_card(requests.Session(), url)
    assert refused.status_code == 400 and "no recibe pagos con tarjeta" in text_of(refused.text, "mensaje")
    assert rest_attempts(verificacion(simulator.url, reference).json())[0][4] == "888"


def test_a_card_fee_is_shown_and_charged(simulator):
    fee = [{"int_codigo": 50, "str_valor": "2701"}, {"int_codigo": 501, "str_valor": "1"},
           {"int_codigo": 50101, "str_valor": "1"}, {"int_codigo": 50102, "str_valor": "0195"},
           {"int_codigo": 50108, "str_valor": "1"}]
    _, url = started_rest(simulator.url, total=83000, configuration=fee)
    payer = requests.Session()
    page = payer.get(url, timeout=10).text
    assert "$1.619,00" in text_of(page, "costo-tarjeta")  # 1.95 % of 83.000 = 1.618,50, rounded up


@pytest.mark.parametrize(("change", "code", "message"), [
    ({"InformacionSeguridad": {"int_id_comercio": 1001, "str_usuario": "usuario-v4", "str_clave": "mala"}},
     "02", "Credenciales inválidas"),
    ({"AdicionalesConfiguracion": []}, "03", "Código 50 requerido"),
    ({"InformacionPago": {"str_id_pago": "0123", "str_descripcion_pago": "x", "flt_total_con_iva": 1}},
     "04", "El campo str_id_pago no puede empezar por cero"),
    ({"InformacionPago": {"str_id_pago": "123", "str_descripcion_pago": "x", "flt_total_con_iva": 0,
                          "flt_valor_iva": 0}}, "05", "El campo flt_total_con_iva debe ser mayor que cero"),
    ({"InformacionPago": {"str_id_pago": "123", "str_descripcion_pago": "x", "flt_total_con_iva": 10,
                          "flt_valor_iva": 11}}, "05",
     "El campo flt_valor_iva no puede ser mayor que flt_total_con_iva"),
    ({"InformacionPago": {"str_descripcion_pago": "x", "flt_total_con_iva": 10}}, "01",
     "El campo str_id_pago es obligatorio"),
    ({"AdicionalesPago": None}, "01", "El campo AdicionalesPago es obligatorio y debe ser una lista"),
    ({"InformacionPago": "texto"}, "01", "El objeto InformacionPago es obligatorio"),
])
def test_business_errors_are_http_200_with_int_codigo_2(simulator, change, code, message):
    answer = inicio(simulator.url, {**start_body(), **change})
    assert answer.status_code == 200
    assert answer.json() == {"int_codigo": 2, "str_cod_error": code, "str_descripcion_error": message,
                             "str_url": None}


def test_the_documented_validation_order(simulator):
    body = start_body(total=0)
    body["InformacionSeguridad"]["str_clave"] = "mala"
    body["AdicionalesConfiguracion"] = []
    assert inicio(simulator.url, body).json()["str_descripcion_error"] == "Credenciales inválidas"
    body = start_body(reference="0123", total=0, configuration=[])
    assert inicio(simulator.url, body).json()["str_descripcion_error"] == "Código 50 requerido"
    body = start_body(reference="0123", total=0)
    assert inicio(simulator.url, body).json()["str_cod_error"] == "04"


def test_a_reused_reference_is_refused(simulator):
    reference, _ = started_rest(simulator.url)
    answer = inicio(simulator.url, start_body(reference)).json()
    assert (answer["int_codigo"], answer["str_descripcion_error"]) == (2, "str_id_pago ya existe")


@pytest.mark.parametrize("path", [START, VERIFY])
def test_the_transport_refuses_other_media_types_malformed_json_and_unknown_paths(simulator, path):
    url = simulator.url + path
    assert requests.post(url, data="{}", headers={"Content-Type": "text/plain"}, timeout=10).status_code == 415
    assert requests.post(url, data=b"{}", timeout=10).status_code == 415  # no Content-Type at all
    malformed = requests.post(url, data="{\"InformacionPago\": ", headers={"Content-Type": "application/json"},
                              timeout=10)
    assert malformed.status_code == 400 and malformed.json()["Message"]
    assert requests.post(simulator.url + "/Apis_CicloPago/api/NoExiste", json={}, timeout=10).status_code == 404


def test_verification_errors_and_an_unknown_reference(simulator):
    wrong = verificacion(simulator.url, "123", password="mala").json()
    assert wrong == {"int_estado": 2, "int_error": -1, "str_detalle": "Credenciales inválidas",
                     "int_cantidad_pagos": 0, "str_res_pago": None}
    none = verificacion(simulator.url, new_reference()).json()
    assert (none["int_estado"], none["int_error"], none["int_cantidad_pagos"], none["str_res_pago"]) == (1, 0, 0, "")
    lowercase = requests.post(simulator.url + VERIFY, json={"int_id_comercio": 1001, "str_usr_comercio": "usuario-v4",
                                                           "str_pwd_comercio": "clave-v4", "str_id_pago": "1",
                                                           "int_no_pago": -1}, timeout=10).json()
    assert lowercase["int_estado"] == 1  # D-TOK's spelling binds, as Json.NET binds any case


def test_choosing_pse_on_the_rut_page_goes_to_pse_and_the_way_back_is_the_rut_page(simulator):
    reference, url = started_rest(simulator.url)
    payer = requests.Session()
    page = payer.get(url, timeout=10)
    rut = parse_qs(urlsplit(url).query)["rut"][0]
    sent = payer.post(url.split("?")[0], data={"estado_pago": "pagar", "rut": rut, "csrf": csrf_of(page.text),
                                               "terminos": "si", "forma_pago": "pse", "tipo_persona": "0",
                                               "banco": "1022"}, allow_redirects=False, timeout=10)
    assert sent.status_code == 303 and sent.headers["Location"].startswith("/PSEUserRegister/StartTransaction.htm")
    [fields] = rest_attempts(verificacion(simulator.url, reference).json())
    assert (fields[4], fields[20], fields[22]) == ("999", "29", "2701")  # pending at the bank, PSE, service code
    back = payer.get(f"{simulator.url}/Ciclo_Pago/Pago.aspx?rut={rut}&estado_pago=respuesta", timeout=10)
    assert back.status_code == 200 and text_of(back.text, "estado").startswith("999")


def test_the_readme_rest_samples_work_as_written(simulator):
    import shutil
    import subprocess
    from pathlib import Path

    if shutil.which("curl") is None:
        pytest.skip("curl is not installed")
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    samples = [s for s in re.findall(r"```bash\n(curl -s http://127\.0\.0\.1:8000/.*?)\n```", readme, re.S)
               if "Apis_CicloPago" in s]
    assert len(samples) == 2
    started, verified = (subprocess.run(["bash", "-c", sample.replace("http://127.0.0.1:8000", simulator.url)],
                                        capture_output=True, text=True, timeout=30).stdout for sample in samples)
    assert '"int_codigo": 1' in started or "str_id_pago ya existe" in started  # the session may have run it
    assert '"int_estado": 1' in verified and '"int_cantidad_pagos": 1' in verified


def test_a_split_payment_is_paid_by_card_in_part_and_by_card_again_for_the_balance(simulator):
    reference, url = started_rest(simulator.url, configuration=[
        {"int_codigo": 50, "str_valor": "2701"}, {"int_codigo": 100, "str_valor": "1"},
        {"int_codigo": 101, "str_valor": "1"}])
    payer = requests.Session()
    page = payer.get(url, timeout=10)
    assert text_of(page.text, "saldo") == "$83.000,00" and 'id="valor"' in page.text
    rut = parse_qs(urlsplit(url).query)["rut"][0]
    first = payer.post(url.split("?")[0], data={"estado_pago": "pagar", "rut": rut, "csrf": csrf_of(page.text),
                                                **CARD, "valor": "30.000"}, allow_redirects=False, timeout=10)
    receipt = payer.get(simulator.url + first.headers["Location"], timeout=10).text
    assert text_of(receipt, "valor-parcial") == "$30.000,00" and text_of(receipt, "saldo") == "$53.000,00"
    [fields] = rest_attempts(verificacion(simulator.url, reference).json())
    assert (fields[3], fields[4], fields[5]) == ("2", "1", "30000")  # mixto pendiente, approved, the fraction
    again = payer.get(url, timeout=10)
    assert "falta por pagar $53.000,00" in text_of(again.text, "parcial")
    second = pay_by_card(payer, url)  # "valor" left empty: the balance
    assert second.status_code == 303
    answer = verificacion(simulator.url, reference).json()
    assert answer["int_cantidad_pagos"] == 2
    assert [(f[3], f[4], f[5]) for f in rest_attempts(answer)] == [("1", "1", "30000"), ("1", "1", "53000")]
    assert "APROBADA" in text_of(payer.get(url, timeout=10).text, "aviso-texto")  # paid: no third payment


@pytest.mark.parametrize("host", ["h:abc", "127.0.0.1:8123/x?", "127.0.0.1:8123:x", "h:99999"])
def test_an_odd_host_header_gets_the_page_on_the_servers_own_address(simulator, host):
    body = start_body()
    answer = requests.post(simulator.url + START, json=body, headers={"Host": host}, timeout=10)
    assert answer.status_code == 200, answer.text[:2000]
    assert answer.json()["int_codigo"] == 1 and RUT_URL.match(answer.json()["str_url"]), answer.json()
    assert answer.json()["str_url"].startswith(simulator.url + "/")


def test_a_card_registration_start_with_an_odd_host_answers_its_page(simulator):
    body = start_body(total=None, vat=None, configuration=[{"int_codigo": 50, "str_valor": "2701"},
                                                           {"int_codigo": 200, "str_valor": "1"}])
    answer = requests.post(simulator.url + START, json=body, headers={"Host": "h:abc"}, timeout=10)
    assert answer.status_code == 200 and answer.json()["int_codigo"] == 1, answer.text[:2000]
    assert answer.json()["str_url"].startswith(simulator.url + "/tokenizacionweb/tokentc?rut=")


def test_a_well_formed_host_header_is_the_host_of_the_page(simulator):
    answer = requests.post(simulator.url + START, json=start_body(), headers={"Host": "tienda.test:8080"},
                           timeout=10)
    assert answer.json()["str_url"].startswith("http://tienda.test:8080/Ciclo_Pago/Pago.aspx?rut=")


@pytest.mark.parametrize("body", ["[]", "[1, 2]", '"texto"', "42", "null"])
def test_well_formed_json_that_is_not_an_object_is_a_business_error_on_both_operations(simulator, body):
    """zonapagos-ws.md §8: 400 is for malformed JSON only; the structure is the first business check."""
    headers = {"Content-Type": "application/json"}
    started = requests.post(simulator.url + START, data=body, headers=headers, timeout=10)
    assert started.status_code == 200 and (started.json()["int_codigo"], started.json()["str_cod_error"]) == (2, "01")
    verified = requests.post(simulator.url + VERIFY, data=body, headers=headers, timeout=10)
    assert verified.status_code == 200 and verified.json()["int_estado"] == 2


@pytest.mark.parametrize("extra, detail", [
    ({"int_no_pago": "uno"}, "int_no_pago no es un entero"),
    ({"int_no_pago": 1234567890}, "El campo int_no_pago admite máximo 9 dígitos"),
    ({"str_pwd_Comercio": "x" * 51}, "str_pwd_Comercio excede 50 caracteres"),
    ({"str_id_pago": ["1"]}, "str_id_pago no es texto"),
])
def test_verification_details_fit_fifty_characters_without_cutting_a_word(simulator, extra, detail):
    answer = verificacion(simulator.url, "1", **extra).json()
    assert (answer["int_estado"], answer["str_detalle"]) == (2, detail)


def test_a_first_indeterminate_verification_says_so_in_fifty_characters(simulator):
    reference, _ = started_rest(simulator.url, total="30000.06", vat=0)
    answer = verificacion(simulator.url, reference).json()
    assert (answer["int_estado"], answer["str_detalle"]) == (2, "No fue posible consultar el pago, intente de nuevo")


@pytest.mark.parametrize("path, media", [(START, "application/json"), ("/ApisToken/api/PagoAPTC", "application/json"),
                                         ("/api_inicio_pago/api/inicio_pagoV2",
                                          "application/x-www-form-urlencoded")])
def test_a_body_over_the_limit_gets_web_apis_json_413(simulator, path, media):
    answer = requests.post(simulator.url + path, data=b"a" * (1024 * 1024 + 10), headers={"Content-Type": media},
                           timeout=10)
    assert answer.status_code == 413 and answer.headers["Content-Type"].startswith("application/json")
    assert answer.json() == {"Message": "The request entity is too large."}


def test_a_negative_zero_iva_is_stored_as_zero(simulator):
    _, url = started_rest(simulator.url, vat=-0.0)
    identifier = int(RUT_URL.match(url).group(1)[:16], 16)
    status, payment = control(simulator.url, f"/_sim/payments/{identifier}")
    assert status == 200 and payment["valor_iva"] == "0.00", payment


def test_choosing_pse_with_an_odd_host_header_still_goes_to_pse(simulator):
    _, url = started_rest(simulator.url)
    payer = requests.Session()
    page = payer.get(url, timeout=10)
    rut = parse_qs(urlsplit(url).query)["rut"][0]
    sent = payer.post(url.split("?")[0], data={"estado_pago": "pagar", "rut": rut, "csrf": csrf_of(page.text),
                                               "terminos": "si", "forma_pago": "pse", "tipo_persona": "0",
                                               "banco": "1022"}, allow_redirects=False, timeout=10,
                      # requests drops the jar's cookies when Host is overridden: the session cookie goes by hand
                      headers={"Host": "h:abc", "Cookie": "; ".join(f"{c.name}={c.value}" for c in payer.cookies)})
    assert sent.status_code == 303, sent.text[:2000]
    assert sent.headers["Location"].startswith("/PSEUserRegister/StartTransaction.htm")
