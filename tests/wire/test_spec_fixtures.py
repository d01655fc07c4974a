"""The wire fixtures of zonapagos-ws.md §18, sent byte for byte, answered in the fixtures' shape.

F1 (inicio_pagoV2 as the public Python clients post it) and F2 (verificar_pago_v4 without an XML
declaration) are the templates of loadtests/soap_bodies.py, copied verbatim from the spec; filled with the
demo merchant's values they must give the spec's bytes, which SPEC_BYTES pins.
Each answer is checked against the spec's response fixture: element names, order and namespaces, and
for F2 the padded `| ; |` `str_res_pago` with the 21 fields of an approved PSE attempt.
"""
from __future__ import annotations

import hashlib
import re

import pytest
from lxml import etree

from loadtests.soap_bodies import inicio_pago_v2, verificar_pago_v4
from tests.wire.soap_helpers import START_PATH, VERIFY_PATH, attempts_of, control, post, verify

pytestmark = pytest.mark.wire

F1_REQUEST = inicio_pago_v2(
    id_tienda=1001, clave="clave-inicio", total_con_iva="10505011.50", valor_iva="0", id_pago="2025001363",
    email="nick.rivera@ejemplo.com.co", nombre_cliente="NICK", apellido_cliente="RIVERA CAMINERO",
    telefono_cliente="3107126048").encode("utf-8")
F2_REQUEST = verificar_pago_v4(int_id_comercio=1001, str_usr_comercio="usuario-v4", str_pwd_Comercio="clave-v4",
                               str_id_pago="358").encode("utf-8")
# (length, sha256) of the spec's F1 and F2 request fixtures with the demo values: a change to a byte of the
# soap_bodies templates (whitespace, declaration, element order) fails here instead of leaving the spec.
SPEC_BYTES = {
    "F1": (1189, "e4453fa7dc7a0863d6771b835e1b17f33ec94a822abcb9cdc0f6e364c71cb4b9"),
    "F2": (445, "649833360f81de33d189a7585792798a087d9c5a584bb0486635c423fcf04171"),
}

F1_RESPONSE = """
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <inicio_pagoV2Response xmlns="http://www.zonapagos.com">
      <inicio_pagoV2Result>42751988</inicio_pagoV2Result>        <!-- or: -1 <mensaje de error> -->
    </inicio_pagoV2Response>
  </soap:Body>
</soap:Envelope>
"""

F2_RESPONSE = """
<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
  <soap:Body>
    <verificar_pago_v4Response xmlns="http://www.zonapagos.com/ws_verificar_pagosV4">
      <verificar_pago_v4Result>1</verificar_pago_v4Result>
      <int_error>0</int_error>
      <str_detalle></str_detalle>
      <int_cantidad_pagos>1</int_cantidad_pagos>
      <str_res_pago>3773 | 1 | 12500 | 0 | camisa | 123456789 | Cristina | Vargas | 3001234567 | c@ejemplo.com | opcion1 | opcion2 | opcion3 | 21/04/2026 12:58:41 | 29 | 18092100031 | 2701 | 1022 | BANCO UNION COLOMBIANO | 1468228 | 3 | ; |</str_res_pago>
    </verificar_pago_v4Response>
  </soap:Body>
</soap:Envelope>
"""

# The PSE attempt of F2's response, started with the values the fixture shows.
F2_PAYMENT = inicio_pago_v2(
    id_tienda=1001, clave="clave-inicio", total_con_iva="12500", valor_iva="0", id_pago="358",
    descripcion_pago="camisa", email="c@ejemplo.com", id_cliente="123456789", tipo_id="1",
    info_opcional1="opcion1", info_opcional2="opcion2", info_opcional3="opcion3")

PADDED_21_FIELDS = re.compile(r"^(?:[^|;]* \| ){21}; \|$")


def shape(element) -> tuple:
    """(namespace, name, children) of an element and its descendants: what the fixtures fix."""
    return (etree.QName(element).namespace, etree.QName(element).localname,
            [shape(child) for child in element if isinstance(child.tag, str)])


def body_of(xml: bytes):
    root = etree.fromstring(xml.strip(), etree.XMLParser(remove_comments=True))
    [body] = [child for child in root if etree.QName(child).localname == "Body"]
    return body[0]


@pytest.mark.parametrize(("fixture", "body"), [("F1", F1_REQUEST), ("F2", F2_REQUEST)])
def test_the_requests_sent_are_the_spec_fixtures_byte_for_byte(fixture, body):
    assert (len(body), hashlib.sha256(body).hexdigest()) == SPEC_BYTES[fixture]


def test_f1_sent_byte_for_byte_answers_the_f1_response_shape(simulator):
    answer = post(simulator.url + START_PATH, F1_REQUEST, content_type="text/xml; charset=utf-8",
                  soap_action='"http://www.zonapagos.com/inicio_pagoV2"')
    assert answer.status == 200
    assert shape(answer.root) == shape(etree.fromstring(F1_RESPONSE.strip().encode()))
    assert shape(body_of(answer.body)) == shape(body_of(F1_RESPONSE.encode()))
    identifier = answer.value("inicio_pagoV2Result")
    assert identifier.isdigit()
    # the amount with centavos is kept exactly and written back as .NET writes a double
    [attempt] = attempts_of(verify(simulator.url, "2025001363"))
    assert (attempt[1], attempt[2], attempt[4], attempt[5]) == ("888", "10505011.5", "Pago liquidacion", "900794694")
    # sending F1 again is the duplicate id_pago: the error variant of the same response shape
    again = post(simulator.url + START_PATH, F1_REQUEST, content_type="text/xml; charset=utf-8")
    assert shape(body_of(again.body)) == shape(body_of(F1_RESPONSE.encode()))
    assert again.value("inicio_pagoV2Result") == "-1 El id_pago 2025001363 ya existe para este comercio"


def test_f2_sent_byte_for_byte_answers_the_f2_response_with_the_padded_pse_layout(simulator):
    started = post(simulator.url + START_PATH, F2_PAYMENT)
    identifier = started.value("inicio_pagoV2Result")
    assert identifier.isdigit(), identifier
    status, problem = control(simulator.url, f"/_sim/payments/{identifier}/outcome", {"estado": 1})
    assert status == 200, problem

    answer = post(simulator.url + VERIFY_PATH, F2_REQUEST, content_type="text/xml")
    assert answer.status == 200 and answer.content_type == "text/xml; charset=utf-8"
    expected = body_of(F2_RESPONSE.encode())
    got = body_of(answer.body)
    assert shape(got) == shape(expected)
    for name in ("verificar_pago_v4Result", "int_error", "str_detalle", "int_cantidad_pagos"):
        assert (got.findtext(f"{{*}}{name}") or "") == (expected.findtext(f"{{*}}{name}") or ""), name

    text, fixture = got.findtext("{*}str_res_pago"), expected.findtext("{*}str_res_pago")
    assert PADDED_21_FIELDS.match(fixture), "the pattern must describe the spec's own example"
    assert PADDED_21_FIELDS.match(text), text
    fields, fixture_fields = text.split(" | ")[:21], fixture.split(" | ")[:21]
    same = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14, 16, 17, 18]  # everything but numbers and the date
    assert [fields[i] for i in same] == [fixture_fields[i] for i in same]
    assert all(fields[i].isdigit() for i in (0, 15, 19, 20))  # int_n_pago, ticket, CUS, cycle
    assert re.fullmatch(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}", fields[13])
