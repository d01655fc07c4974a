"""One contract source: the fast wire path answers what spyne's own pipeline answers, element by element."""
from __future__ import annotations

import pytest
from lxml import etree

from adapters.clock import FixedClock
from adapters.storage.memory import MemoryStore
from simulator.bootstrap import bootstrap
from simulator.soap.asmx import AsmxEndpoint
from tests.contract.spyne_reference import SpyneReference
from simulator.zonapagos.contracts import ALL_SERVICES as SERVICES
from simulator.zonapagos.contracts.inicio import START_SERVICE
from simulator.zonapagos.contracts.verificar_v3 import VERIFY_V3_SERVICE
from simulator.zonapagos.contracts.verificar_v4 import VERIFY_V4_SERVICE
from tests.conftest import T0
from tests.wire.legacy_helpers import inicio_version_body, strings_xml, verify_v3_body
from tests.wire.soap_helpers import inicio_body, verify_body


def _handlers() -> dict:
    return bootstrap(store=MemoryStore(seed=7), clock=FixedClock(T0), seed=True).handlers


def endpoints() -> dict[str, AsmxEndpoint]:
    operations = _handlers()
    return {s.key: AsmxEndpoint(s, {op.name: operations[op.name] for op in s.operations}) for s in SERVICES}


def references() -> dict[str, SpyneReference]:
    """spyne's pipeline on a world seeded alike (the same ids, the same tokens)."""
    operations = _handlers()
    return {s.key: SpyneReference(s, {op.name: operations[op.name] for op in s.operations}) for s in SERVICES}


XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"


def tree(element) -> tuple:
    """An element as (namespace, name, xsi:nil, text of a leaf, children), recursively."""
    qname = etree.QName(element)
    text = (element.text or "") if len(element) == 0 else ""
    return qname.namespace, qname.localname, element.get(XSI_NIL), text, [tree(child) for child in element]


def response_items(body: bytes, service) -> tuple:
    root = etree.fromstring(body)
    [response] = [el for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("Response")]
    assert etree.QName(response).namespace == service.namespace
    return tree(response)


SCENARIO = [
    (START_SERVICE, inicio_body("A-1")),
    (START_SERVICE, inicio_body("A-2", total="10505011.50", vat="1599.99")),
    (START_SERVICE, inicio_body("A-3", total="30000.03")),
    (START_SERVICE, inicio_body("A-4", total="30000.07")),
    (START_SERVICE, inicio_body("A-1")),  # duplicate
    (START_SERVICE, inicio_body("A-5", password="mala")),
    (START_SERVICE, inicio_body("A-6", total="1.001")),
    (START_SERVICE, inicio_body("A-7", description="x" * 71)),
    (START_SERVICE, inicio_body("A-8", total="20000.05")),
    (VERIFY_V4_SERVICE, verify_body("A-1")),
    (VERIFY_V4_SERVICE, verify_body("A-2", prefix="")),
    (VERIFY_V4_SERVICE, verify_body("A-3")),
    (VERIFY_V4_SERVICE, verify_body("A-4")),
    (VERIFY_V4_SERVICE, verify_body("no-existe")),
    (VERIFY_V4_SERVICE, verify_body("A-1", password="mala")),
    (VERIFY_V4_SERVICE, verify_body("A-1", attempt="3700")),
    # inicio_pagoV3 / V4 in the same service; V4 hands lista_respuesta back (ArrayOfString output)
    (START_SERVICE, inicio_version_body("V3", "L-1", "<archivo_adjunto_nombre_original>a.pdf"
                                        "</archivo_adjunto_nombre_original>" + strings_xml("lista_info_opcional", ["x"]))),
    (START_SERVICE, inicio_version_body("V4", "L-2", "<lista_info_opcional_codigo>1|2</lista_info_opcional_codigo>"
                                        + strings_xml("lista_respuesta", ["a", None, "", "ñ &amp; &lt;b&gt;"]))),
    (START_SERVICE, inicio_version_body("V4", "L-3", total="20000.01")),
    (START_SERVICE, inicio_version_body("V4", "L-3", strings_xml("lista_respuesta", []))),  # duplicate, []
    (START_SERVICE, inicio_version_body("V3", "L-4", password="mala")),
    (START_SERVICE, inicio_version_body("V4", "L-5", total="30000.07")),
    (START_SERVICE, inicio_version_body("V4", "L-6", total="30000.06")),
    # verificar_pago_v3: pagos_v3 records (PSE, card, untouched), none, wrong key, junk ByRef input
    (VERIFY_V3_SERVICE, verify_v3_body("L-1")),
    (VERIFY_V3_SERVICE, verify_v3_body("L-3")),
    (VERIFY_V3_SERVICE, verify_v3_body("L-5", prefix="")),
    (VERIFY_V3_SERVICE, verify_v3_body("L-6")),  # ,06: the first verification is indeterminate
    (VERIFY_V3_SERVICE, verify_v3_body("L-6")),
    (VERIFY_V3_SERVICE, verify_v3_body("A-2", byref=False)),
    (VERIFY_V3_SERVICE, verify_v3_body("no-existe")),
    (VERIFY_V3_SERVICE, verify_v3_body("L-1", key="mala")),
    (VERIFY_V3_SERVICE, verify_v3_body("L-1", merchant="4242")),
    (VERIFY_V3_SERVICE, verify_v3_body("")),
    (VERIFY_V3_SERVICE, verify_v3_body("L-1", res_pagos="<{p}res_pagos_v3><{p}pagos_v3>0</{p}pagos_v3></{p}res_pagos_v3>")),
]


def test_every_answer_of_the_fast_path_equals_spynes():
    fast, reference = endpoints(), references()
    for service, body in SCENARIO:
        status, fast_body, _ = fast[service.key].answer(body.encode(), None)
        ref_status, ref_body, _ = reference[service.key].answer("127.0.0.1", body.encode(), "text/xml")
        assert (status, ref_status) == (200, 200), body
        assert response_items(fast_body, service) == response_items(ref_body, service), body


# -- the token services (Tokentc_crear, ZPagoAPTC) ----------------------------------------------------
# `{token}` is the token the first tokenization answered (both stores are seeded alike, so both engines
# generate the same one); 3700 is that first charge's no_pago.
def _token_scenario():
    from simulator.zonapagos.contracts.tokens import PAGO_APTC_SERVICE as APTC
    from simulator.zonapagos.contracts.tokens import TOKENTC_SERVICE as TOKENTC
    from tests.wire.token_helpers import aptc_body, tokentc_body

    byref = {"estado_transaccion": "0", "detalle_estado": "", "no_pago": "0", "detalle_error": "",
             "lista_info_retorno_codigo": "", "lista_info_retorno_valor": ""}
    return [
        (TOKENTC, tokentc_body(id_pago="11")),
        (TOKENTC, tokentc_body(id_pago="12", numero_tarjeta="4000000000000002", ban_tokenizar="2")),
        (TOKENTC, tokentc_body(id_pago="13", generar_pago="0", ban_tokenizar="0", total_con_iva=None)),
        (TOKENTC, tokentc_body(id_pago="14", ban_tokenizar="0")),
        (TOKENTC, tokentc_body(id_pago="15", clave="mala")),
        (TOKENTC, tokentc_body(id_pago="16", total_con_iva="20000.05")),
        (TOKENTC, tokentc_body(id_pago="17", total_con_iva="20000.06")),
        (TOKENTC, tokentc_body(id_pago="18", total_con_iva="20000.07", ban_tokenizar="2")),
        (TOKENTC, tokentc_body(id_pago="19", usuario=None)),
        (TOKENTC, tokentc_body(id_pago="20", no_cuotas=None)),
        (TOKENTC, tokentc_body(id_pago="21", tipo_tarjeta="5", numero_tarjeta="378282246310005",
                               codigo_seguridad="1234", estado_tokenizacion="0", token="", **byref)),
        (TOKENTC, tokentc_body(id_pago="11")),  # duplicate
        (APTC, aptc_body("{token}", "31")),
        (APTC, aptc_body("3700", "32", tipo_identificador="2")),
        (APTC, aptc_body("1842154537000000001169", "33")),
        (APTC, aptc_body("{token}", "34", total_con_iva="35000.06")),
        (APTC, aptc_body("{token}", "35", tipo_identificador="3")),
        (APTC, aptc_body("{token}", "31")),  # duplicate
        (APTC, aptc_body("{token}", "36", direccion_ip_cliente=None, **byref)),
        (VERIFY_V4_SERVICE, verify_body("11")),
        (VERIFY_V4_SERVICE, verify_body("31")),
        (VERIFY_V4_SERVICE, verify_body("34")),
    ]


def test_the_token_services_answer_alike_on_both_engines():
    fast, reference = endpoints(), references()
    token = None
    for service, template in _token_scenario():
        body = template.replace("{token}", token or "")
        status, fast_body, _ = fast[service.key].answer(body.encode(), None)
        ref_status, ref_body, _ = reference[service.key].answer("127.0.0.1", body.encode(), "text/xml")
        assert (status, ref_status) == (200, 200), body
        assert response_items(fast_body, service) == response_items(ref_body, service), body
        if token is None:
            token = etree.fromstring(fast_body).findtext(".//{*}token")
            assert token and len(token) == 22
