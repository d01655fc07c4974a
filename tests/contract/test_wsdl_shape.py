"""Every served WSDL has the shape ASP.NET's ASMX writes, fetched over HTTP as a proxy generator fetches it.

The skeleton for all (ZonaPAGOS and ACH's MainServices): messages `{op}SoapIn`/`{op}SoapOut` with one part
`parameters` whose element is the wrapper (document/literal wrapped), portType `{Service}Soap`, bindings
`{Service}Soap` (SOAP 1.1) and `{Service}Soap12`, service `{Service}` with ports of the same names at the
fetched URL, soapAction `{namespace}/{op}` in both bindings. For the ZonaPAGOS services, the schema too:
anonymous wrapper types in the contract's order, value types minOccurs=1, reference types minOccurs=0, no
nillable on them, named ArrayOf* types with minOccurs=0/unbounded items.
"""
from __future__ import annotations

import urllib.request
from dataclasses import dataclass

import pytest
from lxml import etree

from simulator.pse.soap.contract import OPERATIONS as ACH_OPERATIONS
from simulator.pse.soap.contract import PATH as ACH_PATH
from simulator.pse.soap.contract import SERVICE_NAME as ACH_SERVICE
from simulator.pse.soap.contract import TNS as ACH_TNS
from simulator.soap.contract import Kind, Service
from simulator.zonapagos.contracts import ALL_SERVICES

pytestmark = pytest.mark.wire

WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP = "http://schemas.xmlsoap.org/wsdl/soap/"
SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"
XS = "http://www.w3.org/2001/XMLSchema"
VALUE_TYPES = {Kind.INT: "s:int", Kind.DOUBLE: "s:double", Kind.DATETIME: "s:dateTime"}


@dataclass(frozen=True)
class Served:
    path: str
    tns: str
    service: str
    operations: tuple[str, ...]
    contract: Service | None = None  # ZonaPAGOS: the schema is checked against it too


SERVED = [Served(s.path, s.namespace, s.service_name, tuple(op.name for op in s.operations), s) for s in ALL_SERVICES]
SERVED.append(Served(ACH_PATH, ACH_TNS, ACH_SERVICE, tuple(op.name for op in ACH_OPERATIONS)))


def fetch(url: str) -> etree._Element:
    with urllib.request.urlopen(url, timeout=10) as answer:
        assert answer.status == 200 and answer.headers["Content-Type"].startswith("text/xml")
        return etree.fromstring(answer.read())


def local(qname: str) -> str:
    return qname.split(":", 1)[1]


@pytest.fixture(scope="module", params=SERVED, ids=lambda s: s.service)
def served(request, simulator):
    wsdl = fetch(f"{simulator.url}{request.param.path}?WSDL")
    return request.param, wsdl, f"{simulator.url}{request.param.path}"


@pytest.fixture(scope="module", params=[s for s in SERVED if s.contract is not None], ids=lambda s: s.service)
def zonapagos(request, simulator):
    """The ZonaPAGOS services only: their schema is checked against the contract (ACH's is its own)."""
    return request.param, fetch(f"{simulator.url}{request.param.path}?WSDL")


def test_messages_are_soapin_and_soapout_with_one_parameters_part_naming_the_wrapper(served):
    spec, wsdl, _ = served
    messages = {m.get("name"): m for m in wsdl.findall(f"{{{WSDL}}}message")}
    for op in spec.operations:
        for suffix, wrapper in (("SoapIn", op), ("SoapOut", f"{op}Response")):
            [part] = messages[f"{op}{suffix}"].findall(f"{{{WSDL}}}part")
            assert part.get("name") == "parameters" and local(part.get("element")) == wrapper


def test_port_type_bindings_and_service_are_named_as_asmx_names_them(served):
    spec, wsdl, url = served
    [port_type] = wsdl.findall(f"{{{WSDL}}}portType")
    assert port_type.get("name") == f"{spec.service}Soap"
    assert [o.get("name") for o in port_type.findall(f"{{{WSDL}}}operation")] == list(spec.operations)
    bindings = {b.get("name"): b for b in wsdl.findall(f"{{{WSDL}}}binding")}
    assert sorted(bindings) == [f"{spec.service}Soap", f"{spec.service}Soap12"]
    for name, soap_ns in ((f"{spec.service}Soap", SOAP), (f"{spec.service}Soap12", SOAP12)):
        binding = bindings[name]
        assert local(binding.get("type")) == f"{spec.service}Soap"
        assert binding.find(f"{{{soap_ns}}}binding").get("transport") == "http://schemas.xmlsoap.org/soap/http"
        actions = {o.get("name"): o.find(f"{{{soap_ns}}}operation").get("soapAction")
                   for o in binding.findall(f"{{{WSDL}}}operation")}
        assert actions == {op: f"{spec.tns}/{op}" for op in spec.operations}
        for operation in binding.findall(f"{{{WSDL}}}operation"):
            assert operation.find(f"{{{WSDL}}}input/{{{soap_ns}}}body").get("use") == "literal"
    [service] = wsdl.findall(f"{{{WSDL}}}service")
    assert service.get("name") == spec.service
    ports = {p.get("name"): p for p in service.findall(f"{{{WSDL}}}port")}
    assert sorted(ports) == [f"{spec.service}Soap", f"{spec.service}Soap12"]
    assert ports[f"{spec.service}Soap"].find(f"{{{SOAP}}}address").get("location") == url
    assert ports[f"{spec.service}Soap12"].find(f"{{{SOAP12}}}address").get("location") == url


def _wrapper(wsdl: etree._Element, name: str) -> list[etree._Element]:
    [element] = [e for e in wsdl.iter(f"{{{XS}}}element") if e.get("name") == name and e.getparent().tag == f"{{{XS}}}schema"]
    [complex_type] = element.findall(f"{{{XS}}}complexType")  # anonymous
    assert complex_type.get("name") is None
    sequence = complex_type.find(f"{{{XS}}}sequence")
    return [] if sequence is None else sequence.findall(f"{{{XS}}}element")


def _expected_occurs(kind: Kind) -> tuple[str, str]:
    return ("1", "1") if kind in VALUE_TYPES else ("0", "1")


def test_zonapagos_wrappers_follow_the_contract_with_asmx_occurrence_rules(zonapagos):
    spec, wsdl = zonapagos
    assert spec.contract is not None
    for op in spec.contract.operations:
        for name, fields in ((op.name, op.inputs), (op.response_name, op.outputs)):
            children = _wrapper(wsdl, name)
            assert [c.get("name") for c in children] == [f.name for f in fields]
            for child, field in zip(children, fields):
                assert (child.get("minOccurs"), child.get("maxOccurs")) == _expected_occurs(field.kind), child.get("name")
                assert child.get("nillable") is None, child.get("name")
                if field.kind in VALUE_TYPES:
                    assert child.get("type") == VALUE_TYPES[field.kind]


def test_named_array_types_hold_optional_unbounded_items(zonapagos):
    _, wsdl = zonapagos
    arrays = [t for t in wsdl.iter(f"{{{XS}}}complexType") if (t.get("name") or "").startswith("ArrayOf")]
    used = {local(e.get("type")) for e in wsdl.iter(f"{{{XS}}}element") if (e.get("type") or "").startswith("tns:ArrayOf")}
    assert {t.get("name") for t in arrays} == used
    for array in arrays:
        [item] = array.findall(f"{{{XS}}}sequence/{{{XS}}}element")
        assert (item.get("minOccurs"), item.get("maxOccurs")) == ("0", "unbounded")


def test_the_dataset_member_is_described_as_asmx_describes_a_dataset(simulator):
    wsdl = fetch(f"{simulator.url}/ws_verificar_pagos/Service.asmx?wsdl")
    [respuesta] = [t for t in wsdl.iter(f"{{{XS}}}complexType") if t.get("name") == "Respuesta"]
    codigo, descripcion, dataset = respuesta.findall(f"{{{XS}}}sequence/{{{XS}}}element")
    assert (codigo.get("name"), codigo.get("type"), codigo.get("minOccurs")) == ("codigo", "s:int", "1")
    assert (descripcion.get("name"), descripcion.get("minOccurs")) == ("descripcion", "0")
    inner = dataset.findall(f"{{{XS}}}complexType/{{{XS}}}sequence/*")
    assert [(etree.QName(e).localname, e.get("ref")) for e in inner] == [("element", "s:schema"), ("any", None)]
    assert wsdl.find(f".//{{{XS}}}import").get("namespace") == XS


@pytest.mark.parametrize("path", ["/ws_inicio_pagov2/Zpagos.asmx", ACH_PATH])
@pytest.mark.parametrize("host, expected", [("h:abc", None), ("127.0.0.1:8123/x?", None),
                                            ("pasarela.test:8080", "http://pasarela.test:8080")])
def test_the_soap_address_is_the_host_called_or_the_servers_own(simulator, path, host, expected):
    request = urllib.request.Request(f"{simulator.url}{path}?wsdl", headers={"Host": host})
    with urllib.request.urlopen(request, timeout=10) as answer:
        wsdl = etree.fromstring(answer.read())
    [location] = {e.get("location") for e in wsdl.iter() if etree.QName(e).localname == "address"}
    assert location == f"{expected or simulator.url}{path}"
