"""inicio_pagoV2 over real HTTP on loopback: answers, in-band errors, faults, envelopes, encodings."""
from __future__ import annotations

import pytest

from tests.wire.soap_helpers import (
    SOAP12, START_NS, START_PATH, START_REFUSALS, attempts_of, get, inicio_body, new_reference, post, start, verify,
)

pytestmark = pytest.mark.wire


def test_start_answers_a_numeric_identificador_in_the_asmx_envelope(simulator):
    answer = start(simulator.url, new_reference())
    assert answer.status == 200
    assert answer.content_type == "text/xml; charset=utf-8"
    assert answer.body.startswith(b'<?xml version="1.0" encoding="utf-8"?><soap:Envelope')
    assert f'<inicio_pagoV2Response xmlns="{START_NS}"><inicio_pagoV2Result>'.encode() in answer.body
    assert answer.value("inicio_pagoV2Result").isdigit()


def test_a_started_payment_is_pending_to_start_888(simulator):
    reference = new_reference()
    start(simulator.url, reference)
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert attempt[1] == "888"


@pytest.mark.parametrize(("change", "message"), [
    *START_REFUSALS,
    ({"email": "e" * 71}, "-1 El campo email excede la longitud máxima de 70 caracteres"),
    ({"id_cliente": "1" * 31}, "-1 El campo id_cliente excede la longitud máxima de 30 caracteres"),
    ({"nombre_cliente": "n" * 51}, "-1 El campo nombre_cliente excede la longitud máxima de 50 caracteres"),
    ({"info_opcional2": "o" * 71}, "-1 El campo info_opcional2 excede la longitud máxima de 70 caracteres"),
])
def test_business_errors_answer_minus_one_with_a_spanish_message_naming_the_field(simulator, change, message):
    answer = post(simulator.url + START_PATH, inicio_body(new_reference(), **change))
    assert answer.status == 200
    assert answer.value("inicio_pagoV2Result").startswith(message)


def test_a_missing_or_oversize_id_pago_is_refused_naming_it(simulator):
    assert start(simulator.url, "").value("inicio_pagoV2Result") == "-1 El campo id_pago es obligatorio"
    assert start(simulator.url, "1" * 31).value("inicio_pagoV2Result") == (
        "-1 El campo id_pago excede la longitud máxima de 30 caracteres")


def test_a_duplicate_id_pago_is_refused(simulator):
    reference = new_reference()
    assert start(simulator.url, reference).value("inicio_pagoV2Result").isdigit()
    assert start(simulator.url, reference).value("inicio_pagoV2Result") == (
        f"-1 El id_pago {reference} ya existe para este comercio")


def test_a_refused_start_leaves_no_payment_behind(simulator):
    reference = new_reference()
    start(simulator.url, reference, total="1.005")
    assert verify(simulator.url, reference).value("int_cantidad_pagos") == "0"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"", "Root element is missing"),
        (b"<soap:Envelope", "There is an error in XML document"),
        (b"not xml at all", "There is an error in XML document"),
        (b"<a/>", "not a SOAP 1.1 or 1.2 Envelope"),
        (b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"/>', "Body element is missing"),
        (b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body/></soap:Envelope>',
         "Body is empty"),
    ],
)
def test_malformed_envelopes_get_a_soap_fault_not_a_traceback(simulator, body, reason):
    answer = post(simulator.url + START_PATH, body)
    assert answer.status == 500
    assert answer.value("faultcode") == "soap:Client"
    assert reason in answer.fault
    assert b"Traceback" not in answer.body


def test_a_value_of_the_wrong_type_makes_the_request_unreadable(simulator):
    answer = post(simulator.url + START_PATH, inicio_body(new_reference(), merchant="abc"))
    assert answer.status == 500
    assert "Input string was not in a correct format (campo id_tienda)" in answer.fault


def test_an_unknown_operation_or_namespace_is_a_fault(simulator):
    body = inicio_body(new_reference()).replace(START_NS, "http://otro.example")
    answer = post(simulator.url + START_PATH, body)
    assert answer.status == 500
    assert "did not recognize" in answer.fault


XXE = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
       b'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
       b'<inicio_pagoV2 xmlns="http://www.zonapagos.com"><id_pago>&e;</id_pago></inicio_pagoV2>'
       b"</soap:Body></soap:Envelope>")
BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;">]><soap:Envelope '
        b'xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>&lol3;</soap:Body></soap:Envelope>')


@pytest.mark.parametrize("body", [XXE, BOMB], ids=["external-entity", "entity-expansion"])
def test_dtds_and_entities_are_refused_before_parsing(simulator, body):
    answer = post(simulator.url + START_PATH, body)
    assert answer.status == 500
    assert "DTD is prohibited" in answer.fault
    assert b"root:" not in answer.body and b"lollol" not in answer.body


def test_a_body_over_the_size_limit_is_refused_with_413(simulator):
    answer = post(simulator.url + START_PATH, b"<a>" + b"x" * (2 * 1024 * 1024) + b"</a>")
    assert answer.status == 413


def test_soap_12_envelopes_get_soap_12_answers(simulator):
    answer = post(simulator.url + START_PATH, inicio_body(new_reference(), soap_ns=SOAP12),
                  content_type="application/soap+xml; charset=utf-8")
    assert answer.status == 200
    assert answer.content_type.startswith("application/soap+xml")
    assert f'xmlns:soap="{SOAP12}"'.encode() in answer.body
    assert answer.value("inicio_pagoV2Result").isdigit()


def test_soap_12_faults_use_the_12_shape(simulator):
    body = f'<s:Envelope xmlns:s="{SOAP12}"><s:Body/></s:Envelope>'
    answer = post(simulator.url + START_PATH, body, content_type="application/soap+xml")
    assert answer.status == 500
    assert answer.value("Value") == "soap:Sender"


@pytest.mark.parametrize("action", [None, '"http://www.zonapagos.com/inicio_pagoV2"',
                                    "http://www.zonapagos.com/inicio_pagoV2", '""', "cualquier/cosa"])
def test_routing_is_by_body_element_whatever_the_soapaction(simulator, action):
    answer = post(simulator.url + START_PATH, inicio_body(new_reference()), soap_action=action)
    assert answer.value("inicio_pagoV2Result").isdigit()


def test_prefixed_envelopes_as_php_sends_them_are_understood(simulator):
    reference = new_reference()
    body = (
        '<?xml version="1.0" encoding="UTF-8"?><SOAP-ENV:Envelope '
        'xmlns:SOAP-ENV="http://schemas.xmlsoap.org/soap/envelope/" xmlns:ns1="http://www.zonapagos.com" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><SOAP-ENV:Body><ns1:inicio_pagoV2>'
        "<ns1:id_tienda>1001</ns1:id_tienda><ns1:clave>clave-inicio</ns1:clave>"
        "<ns1:total_con_iva>15000</ns1:total_con_iva><ns1:valor_iva>0</ns1:valor_iva>"
        f"<ns1:id_pago>{reference}</ns1:id_pago><ns1:descripcion_pago>PHP</ns1:descripcion_pago>"
        '<ns1:lista_codigos_servicio_multicredito xsi:nil="true"/><ns1:lista_valores_iva xsi:nil="true"/>'
        "<ns1:total_codigos_servicio>0</ns1:total_codigos_servicio></ns1:inicio_pagoV2></SOAP-ENV:Body>"
        "</SOAP-ENV:Envelope>"
    )
    assert post(simulator.url + START_PATH, body).value("inicio_pagoV2Result").isdigit()


def test_unqualified_children_are_ignored_as_asmx_does(simulator):
    body = inicio_body(new_reference()).replace(f'<inicio_pagoV2 xmlns="{START_NS}">',
                                                f'<z:inicio_pagoV2 xmlns:z="{START_NS}">').replace(
        "</inicio_pagoV2>", "</z:inicio_pagoV2>")
    answer = post(simulator.url + START_PATH, body)
    assert answer.value("inicio_pagoV2Result") == "-1 El campo id_tienda es obligatorio"


@pytest.mark.parametrize("declared", [True, False], ids=["xml-declaration", "http-charset"])
def test_iso_8859_1_bodies_keep_their_accents(simulator, declared):
    reference = new_reference()
    text = inicio_body(reference, nombre_cliente="MUÑOZ", description="Cuota de señor")
    if declared:
        body = text.replace('encoding="utf-8"', 'encoding="ISO-8859-1"').encode("iso-8859-1")
    else:
        body = text.replace('<?xml version="1.0" encoding="utf-8"?>', "").encode("iso-8859-1")
    answer = post(simulator.url + START_PATH, body, content_type="text/xml; charset=ISO-8859-1")
    assert answer.value("inicio_pagoV2Result").isdigit()
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert attempt[4] == "Cuota de señor" and attempt[6] == "MUÑOZ"


def test_invalid_utf8_bytes_are_a_fault(simulator):
    body = inicio_body(new_reference()).encode("utf-8").replace(b"Pago de prueba", b"Pago \xff\xfe")
    answer = post(simulator.url + START_PATH, body)
    assert answer.status == 500 and answer.value("faultcode") == "soap:Client"


@pytest.mark.parametrize("query", ["wsdl", "WSDL"])
def test_the_wsdl_is_served_with_the_simulator_address_and_asp_net_soap_actions(simulator, query):
    answer = get(f"{simulator.url}{START_PATH}?{query}")
    assert answer.status == 200
    assert f'location="{simulator.url}{START_PATH}"'.encode() in answer.body
    assert b'soapAction="http://www.zonapagos.com/inicio_pagoV2"' in answer.body
    assert b'targetNamespace="http://www.zonapagos.com"' in answer.body


def test_the_service_page_lists_its_operations(simulator):
    answer = get(simulator.url + START_PATH)
    assert answer.status == 200 and b"inicio_pagoV2" in answer.body


def test_paths_are_case_insensitive_like_iis(simulator):
    answer = post(simulator.url + START_PATH.lower(), inicio_body(new_reference()))
    assert answer.value("inicio_pagoV2Result").isdigit()
