"""Steps of the REST generation: the merchant's backend posts JSON (InicioPago, VerificacionPago) with `requests`,
the payer follows `str_url` in Chromium (the gateway page steps of features/steps/gateway_pages.py)."""
from __future__ import annotations

import uuid

import requests
from pytest_bdd import given, parsers, then, when

from domain.shared.money import Money
from features.steps.gateway_pages import MERCHANT_ID, NICK

START = "/Apis_CicloPago/api/InicioPago"
VERIFY = "/Apis_CicloPago/api/VerificacionPago"
SECURITY = {"int_id_comercio": MERCHANT_ID, "str_usuario": "usuario-v4", "str_clave": "clave-v4", "int_modalidad": -1}


def _amount(text: str) -> float | int:
    value = Money.parse(text).amount
    return int(value) if value == value.to_integral_value() else float(value)


def _start(base: str, payment: dict, configuration: list[dict]) -> dict:
    reference = str(uuid.uuid4().int)[:16].lstrip("0") or "1"
    body = {"InformacionPago": {"str_id_pago": reference, "str_id_cliente": NICK.document_number,
                                "str_tipo_id": NICK.document_type, "str_nombre_cliente": NICK.first_names,
                                "str_apellido_cliente": NICK.last_names, "str_email": NICK.email,
                                "str_telefono_cliente": NICK.phone, **payment},
            "InformacionSeguridad": SECURITY, "AdicionalesPago": [], "AdicionalesConfiguracion": configuration}
    answer = requests.post(base + START, json=body, timeout=10).json()
    assert answer["int_codigo"] == 1, answer
    return {"reference": reference, "url": answer["str_url"]}


@given(parsers.parse('el comercio inició por REST un pago de "{total}" con IVA "{vat}" por "{concept}"'),
       target_fixture="pago")
def rest_payment_started(feature_simulator, tienda, total, vat, concept):
    return _start(feature_simulator.url, {"flt_total_con_iva": _amount(total), "flt_valor_iva": _amount(vat),
                                          "str_descripcion_pago": concept},
                  [{"int_codigo": 50, "str_valor": "2701"}])


@when("el pagador abre el str_url de la pasarela")
def open_str_url(pagador, pago):
    pagador.page.goto(pago["url"])
    pagador.shot("pasarela-pago-rest")


@when("el pagador abre el str_url con el rut alterado")
def open_altered(pagador, pago):
    url = pago["url"]
    pagador.page.goto(url[:-1] + ("0" if url[-1] != "0" else "1"))
    pagador.shot("pasarela-rut-alterado")


@when(parsers.parse('paga en la pasarela con la tarjeta "{number}"'))
def pay_by_card(pagador, number):
    pagador.choose_card(number, "12/2031", "123")
    pagador.pay("pasarela-comprobante")


@then(parsers.parse('la pasarela muestra el comprobante del str_url con el resultado "{result}"'))
def rest_receipt(pagador, pago, result):
    assert "/Ciclo_Pago/Pago.aspx?rut=" in pagador.url
    assert pagador.text("#resultado") == result and pagador.text("#id-pago") == pago["reference"]


def _verify(base: str, reference: str) -> list[list[str]]:
    answer = requests.post(base + VERIFY, json={
        "int_id_comercio": MERCHANT_ID, "str_usr_comercio": "usuario-v4", "str_pwd_Comercio": "clave-v4",
        "str_id_pago": reference, "int_no_pago": -1}, timeout=10).json()
    assert (answer["int_estado"], answer["int_error"]) == (1, 0), answer
    return [piece.split("|") for piece in answer["str_res_pago"].split("|;|") if piece]


@then(parsers.parse("la verificación REST del comercio dice estado {state} por la forma de pago {method} con "
                    "{count:d} campos"))
def rest_verified(feature_simulator, pago, state, method, count):
    fields = _verify(feature_simulator.url, pago["reference"])[-1]
    assert (fields[4], fields[20], len(fields)) == (state, method, count)


@when("el comercio inicia por REST el registro de una tarjeta con el código 200", target_fixture="registro_tarjeta")
def registration_started(feature_simulator, tienda):
    return _start(feature_simulator.url, {"str_descripcion_pago": "Registro de tarjeta"},
                  [{"int_codigo": 200, "str_valor": "1"}, {"int_codigo": 50, "str_valor": "2701"}])


@when(parsers.parse('el pagador abre la página de registro y registra la tarjeta "{number}"'))
def register_card(pagador, registro_tarjeta, number):
    pagador.page.goto(registro_tarjeta["url"])
    pagador.shot("tokenizacion")
    pagador.page.fill("#numero_tarjeta", number)
    pagador.page.fill("#fecha_vencimiento", "08/2031")
    pagador.page.fill("#codigo_seguridad", "321")
    pagador.page.fill("#nombre_tarjeta", "NICK RIVERA")
    pagador.page.check("#terminos")
    with pagador.page.expect_navigation():
        pagador.page.click("#registrar")
    pagador.shot("tokenizacion-lista")


@then(parsers.parse('la pasarela confirma la tarjeta registrada terminada en "{last_four}"'))
def registered(pagador, last_four):
    assert pagador.text("#resultado") == "Tarjeta registrada" and pagador.text("#tarjeta") == f"*{last_four}"


@then(parsers.parse("la verificación REST del registro dice estado {state} por la forma de pago {method} con "
                    "{count:d} campos"))
def registration_verified(feature_simulator, registro_tarjeta, state, method, count):
    fields = _verify(feature_simulator.url, registro_tarjeta["reference"])[-1]
    assert (fields[4], fields[20], len(fields)) == (state, method, count)


# -- the API's answers (zonapagos_rest_api.feature) ---------------------------------------------------------------

def _example_body(reference: str | None = None) -> dict:
    """The D-ZP example (zonapagos-ws.md F4) for the demo merchant 1001."""
    return {"InformacionPago": {"flt_total_con_iva": 83000, "flt_valor_iva": 833,
                                "str_id_pago": reference or str(uuid.uuid4().int)[:16].lstrip("0") or "1",
                                "str_descripcion_pago": "Compra de camisa", "str_id_cliente": "123456789",
                                "str_tipo_id": "1"},
            "InformacionSeguridad": {"int_id_comercio": 1001, "str_usuario": "usuario-v4", "str_clave": "clave-v4",
                                     "int_modalidad": -1},
            "AdicionalesPago": [], "AdicionalesConfiguracion": [{"int_codigo": 50, "str_valor": "2701"}]}


@when(parsers.parse("el comercio inicia por REST un pago con {change}"), target_fixture="respuesta")
def rest_start_with(feature_simulator, change):
    body = _example_body()
    url = feature_simulator.url + START
    if change.startswith("la clave"):
        body["InformacionSeguridad"]["str_clave"] = change.split('"')[1]
    elif change == "la configuración sin código 50":
        body["AdicionalesConfiguracion"] = []
    elif change.startswith("el id_pago \""):
        body["InformacionPago"]["str_id_pago"] = change.split('"')[1]
    elif change.startswith("el total"):
        body["InformacionPago"].update(flt_total_con_iva=int(change.split('"')[1]), flt_valor_iva=0)
    elif change == "el id_pago repetido":
        assert requests.post(url, json=body, timeout=10).json()["int_codigo"] == 1
    else:
        assert change == "los datos del ejemplo oficial", change
    answer = requests.post(url, json=body, timeout=10)
    return {"http": answer, "reference": body["InformacionPago"]["str_id_pago"]}


@then(parsers.parse('la respuesta HTTP es 200 con int_codigo 2, str_cod_error "{code}" y el mensaje "{message}"'))
def business_error(respuesta, code, message):
    assert respuesta["http"].status_code == 200
    assert respuesta["http"].json() == {"int_codigo": 2, "str_cod_error": code, "str_descripcion_error": message,
                                        "str_url": None}


@when(parsers.parse('el comercio envía a InicioPago un cuerpo "{body}" como "{media}"'), target_fixture="respuesta")
def raw_start(feature_simulator, body, media):
    return {"http": requests.post(feature_simulator.url + START, data=body.encode(),
                                  headers={"Content-Type": media}, timeout=10)}


@then(parsers.parse("la respuesta HTTP es {status:d}"))
def http_status(respuesta, status):
    assert respuesta["http"].status_code == status


@when("el comercio verifica por REST ese pago", target_fixture="verificacion_rest")
def rest_verify_that(feature_simulator, respuesta):
    return requests.post(feature_simulator.url + VERIFY, json={
        "int_id_comercio": 1001, "str_usr_comercio": "usuario-v4", "str_pwd_Comercio": "clave-v4",
        "str_id_pago": respuesta["reference"], "int_no_pago": -1}, timeout=10).json()


@then(parsers.parse('la verificación REST responde int_estado 1 con {count:d} intento en estado {state}, pago '
                    'terminado "{finished}" y {fields:d} campos'))
def rest_verification_answer(verificacion_rest, count, state, finished, fields):
    assert (verificacion_rest["int_estado"], verificacion_rest["int_cantidad_pagos"]) == (1, count)
    attempts = [p.split("|") for p in verificacion_rest["str_res_pago"].split("|;|") if p]
    assert len(attempts) == count and (attempts[0][4], attempts[0][3], len(attempts[0])) == (state, finished, fields)
