"""One contract source: the fast wire path answers what spyne's own pipeline answers, element by element."""
from __future__ import annotations

import pytest
from lxml import etree

from adapters.clock import FixedClock
from adapters.storage.memory import MemoryStore
from simulator.gateway.resolution import WorldTimeouts
from simulator.seed import seed_demo_data
from simulator.soap.asmx import AsmxEndpoint
from simulator.zonapagos.contracts import ALL_SERVICES as SERVICES
from simulator.zonapagos.contracts.inicio import START_SERVICE
from simulator.zonapagos.contracts.verificar_v4 import VERIFY_V4_SERVICE
from simulator.zonapagos.operations import build_handlers
from tests.conftest import T0
from tests.wire.soap_helpers import inicio_body, verify_body


def endpoints() -> dict[str, AsmxEndpoint]:
    store = MemoryStore(seed=7)
    seed_demo_data(store, "http://127.0.0.1:8000")
    operations = build_handlers(store, FixedClock(T0), WorldTimeouts())
    return {s.key: AsmxEndpoint(s, {op.name: operations[op.name] for op in s.operations}) for s in SERVICES}


def response_items(body: bytes, service) -> tuple[str, list[tuple[str, str]]]:
    root = etree.fromstring(body)
    [response] = [el for el in root.iter() if isinstance(el.tag, str) and el.tag.endswith("Response")]
    assert etree.QName(response).namespace == service.namespace
    return etree.QName(response).localname, [
        (etree.QName(child).localname, child.text or "") for child in response
    ]


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
]


def test_every_answer_of_the_fast_path_equals_spynes():
    fast, reference = endpoints(), endpoints()
    for service, body in SCENARIO:
        status, fast_body, _ = fast[service.key].answer(body.encode(), None)
        ref_status, ref_body, _ = reference[service.key].answer_with_spyne("127.0.0.1", body.encode(), "text/xml")
        assert (status, ref_status) == (200, 200), body
        assert response_items(fast_body, service) == response_items(ref_body, service), body


@pytest.mark.parametrize("service", SERVICES, ids=lambda s: s.key)
def test_the_wsdl_declares_the_contract_elements_in_order(service):
    wsdl = etree.fromstring(endpoints()[service.key].wsdl(f"http://h{service.path}"))
    xs = "{http://www.w3.org/2001/XMLSchema}"
    for op in service.operations:
        [request_type] = [t for t in wsdl.iter(f"{xs}complexType") if t.get("name") == op.name]
        assert [e.get("name") for e in request_type.iter(f"{xs}element")] == [f.name for f in op.inputs]
        [response_type] = [t for t in wsdl.iter(f"{xs}complexType") if t.get("name") == op.response_name]
        assert [e.get("name") for e in response_type.iter(f"{xs}element")] == [f.name for f in op.outputs]
