"""What the certification reads from the journal: a SOAP or REST start or verification, known by its operation,
with the merchant, the reference, the fields as sent and whether the service executed it or refused the
credentials. REST entries are synthetic here (the REST endpoints journal their JSON body as these are written)."""
from __future__ import annotations

import json

import pytest

from domain.certification.payer_data import missing_payer_data
from domain.certification.record import Call, Wire
from ports.sim_state import JournalEntry
from simulator.certification.reading import call_of, request_of

AT = "2026-11-23T10:07:00-05:00"
SOAP_START = (
    '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
    '<inicio_pagoV2 xmlns="http://www.zonapagos.com"><id_tienda>1001</id_tienda><clave>****</clave>'
    "<total_con_iva>50000</total_con_iva><valor_iva>7983</valor_iva><id_pago>A-1</id_pago>"
    "<id_cliente>1020304050</id_cliente><tipo_id>1</tipo_id></inicio_pagoV2></soap:Body></soap:Envelope>")


def soap_answer(result: str) -> str:
    return ('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
            f'<inicio_pagoV2Response xmlns="http://www.zonapagos.com"><inicio_pagoV2Result>{result}'
            "</inicio_pagoV2Result></inicio_pagoV2Response></soap:Body></soap:Envelope>")


def entry(operation: str, request: str, response: str, status: int = 200, channel: str = "soap") -> JournalEntry:
    return JournalEntry(AT, channel, operation, "POST", "/x", status, 1.0, "127.0.0.1", request, response)


def rest_start(**payment: object) -> str:
    return json.dumps({"InformacionPago": {"flt_total_con_iva": 50000, "str_id_pago": "R-1", **payment},
                       "InformacionSeguridad": {"int_id_comercio": 1001, "str_usuario": "u", "str_clave": "****",
                                                "int_modalidad": -1},
                       "AdicionalesPago": [], "AdicionalesConfiguracion": [{"int_codigo": 50, "str_valor": "2701"}]})


@pytest.mark.parametrize(("operation", "known"), [
    ("inicio_pagoV2", (Call.START, Wire.SOAP)), ("inicio_pagoV4", (Call.START, Wire.SOAP)),
    ("verificar_pago_v4", (Call.VERIFY, Wire.SOAP)), ("verificar_pago_v3", (Call.VERIFY, Wire.SOAP)),
    ("ds_verificar_pago_v2", (Call.VERIFY, Wire.SOAP)),
    ("/Apis_CicloPago/api/InicioPago", (Call.START, Wire.REST)),
    ("InicioPago", (Call.START, Wire.REST)),
    ("REST inicio_pagoV2", None), ("REST verificar_pago_v3", None),
    ("/apis_ciclopago/API/iniciopago/", (Call.START, Wire.REST)),
    ("VerificacionPago", (Call.VERIFY, Wire.REST)), ("/t_demo/pago.asp", None), ("Tokentc_crear", None),
])
def test_a_call_is_known_by_its_operation_or_its_paths_last_segment(operation, known):
    assert call_of(operation) == known


def test_a_soap_start_gives_the_merchant_the_reference_and_the_fields_as_sent():
    request = request_of(41, entry("inicio_pagoV2", SOAP_START, soap_answer("42751988")))
    assert request is not None and request.entry_id == 41 and request.at.isoformat() == AT
    assert (request.call, request.wire, request.merchant_id, request.reference) == (Call.START, Wire.SOAP, 1001, "A-1")
    assert request.accepted and not request.credentials_refused
    assert missing_payer_data(request) == [] and request.payer == "1:1020304050"


def test_a_refused_soap_start_is_not_accepted_and_names_refused_credentials():
    refused = request_of(1, entry("inicio_pagoV2", SOAP_START, soap_answer("-1 Credenciales inválidas")))
    assert refused is not None and not refused.accepted and refused.credentials_refused
    other = request_of(2, entry("inicio_pagoV2", SOAP_START, soap_answer("-1 El campo total_con_iva no es válido")))
    assert other is not None and not other.accepted and not other.credentials_refused


def test_a_rest_start_reads_the_payer_data_by_its_rest_names():
    answer = json.dumps({"int_codigo": 1, "str_cod_error": "", "str_descripcion_error": "", "str_url": "https://x"})
    with_payer = request_of(3, entry("/Apis_CicloPago/api/InicioPago", rest_start(
        str_id_cliente="1020304050", str_tipo_id="1", flt_valor_iva=7983), answer, channel="http"))
    assert with_payer is not None and with_payer.wire is Wire.REST and with_payer.reference == "R-1"
    assert with_payer.merchant_id == 1001 and with_payer.accepted and missing_payer_data(with_payer) == []
    assert with_payer.payer == "1:1020304050"
    without = request_of(4, entry("/Apis_CicloPago/api/InicioPago", rest_start(), answer, channel="http"))
    assert without is not None and missing_payer_data(without) == ["str_id_cliente", "str_tipo_id", "flt_valor_iva"]


@pytest.mark.parametrize(("configuration", "card"), [
    ([{"int_codigo": 50, "str_valor": "2701"}, {"int_codigo": 200, "str_valor": "1"}], True),
    ([{"int_codigo": "200", "str_valor": " 1 "}], True),
    ([{"int_codigo": 200, "str_valor": "0"}], False),
    ([{"int_codigo": 50, "str_valor": "1"}], False),
    ("no es una lista", False),
])
def test_a_rest_start_with_configuration_200_is_a_card_registration(configuration, card):
    body = json.loads(rest_start())
    body["AdicionalesConfiguracion"] = configuration
    answer = json.dumps({"int_codigo": 1, "str_url": "https://x"})
    request = request_of(5, entry("/Apis_CicloPago/api/InicioPago", json.dumps(body), answer, channel="http"))
    assert request is not None and request.card_registration is card


def test_a_rest_verification_with_refused_credentials_is_not_accepted():
    body = json.dumps({"int_id_comercio": 1001, "str_usr_comercio": "u", "str_pwd_Comercio": "****",
                       "str_id_pago": "R-1", "int_no_pago": -1})
    answer = json.dumps({"int_estado": 2, "int_error": -1, "str_detalle": "Credenciales inválidas",
                         "int_cantidad_pagos": 0, "str_res_pago": None})
    request = request_of(5, entry("/Apis_CicloPago/api/VerificacionPago", body, answer, channel="http"))
    assert request is not None and request.call is Call.VERIFY and request.reference == "R-1"
    assert not request.accepted and request.credentials_refused


def test_a_legacy_v3_verification_names_its_merchant_by_int_id_tienda():
    body = ('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
            '<verificar_pago_v3 xmlns="http://www.zonapagos.com/ws_verificar_pagos"><str_id_pago>V-3</str_id_pago>'
            "<int_id_tienda>1001</int_id_tienda><str_id_clave>****</str_id_clave></verificar_pago_v3></soap:Body>"
            "</soap:Envelope>")
    answer = ('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
              '<verificar_pago_v3Response xmlns="http://www.zonapagos.com/ws_verificar_pagos">'
              "<verificar_pago_v3Result>1</verificar_pago_v3Result><int_error>0</int_error>"
              "</verificar_pago_v3Response></soap:Body></soap:Envelope>")
    request = request_of(8, entry("verificar_pago_v3", body, answer))
    assert request is not None and (request.merchant_id, request.reference, request.accepted) == (1001, "V-3", True)


@pytest.mark.parametrize("body", ["", "[cuerpo no legible: 10 bytes, application/json, sha256 ab]", "<a>",
                                  '{"x": 1}'])
def test_an_entry_that_names_no_merchant_is_left_out(body):
    assert request_of(6, entry("/Apis_CicloPago/api/InicioPago", body, "", channel="http")) is None
    assert request_of(7, entry("verificar_pago_v4", body, "")) is None
