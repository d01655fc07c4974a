"""WSDLs as ASP.NET's ASMX writes them, for every simulated service (ZonaPAGOS and ACH's MainServices).

The skeleton is ASMX's: messages `{op}SoapIn`/`{op}SoapOut` with one part `parameters` whose element is the
wrapper (document/literal wrapped, so .NET's `wsdl` tool generates a *Wrapped* proxy), portType `{Service}Soap`,
bindings `{Service}Soap` (SOAP 1.1) and `{Service}Soap12`, service `{Service}` with ports of the same names,
soapAction `{namespace}/{op}`, and `soap:address` at the URL the WSDL was fetched from.

The ZonaPAGOS schema is derived from the contract tables (simulator/soap/contract.py) with ASMX's rules:
wrapper elements with anonymous complex types; value types (int, double, dateTime) `minOccurs="1"`, strings,
arrays and classes `minOccurs="0"`, no `nillable` on them; named `ArrayOfString`/`ArrayOfDouble`/`ArrayOf<Class>`
types whose items are `minOccurs="0" maxOccurs="unbounded"` (nillable for reference types, as ASMX writes);
a DataSet member as ASMX describes one (`<s:element ref="s:schema"/><s:any/>`).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from simulator.soap.contract import Field, Kind, Operation, Record, Service

XSD = "http://www.w3.org/2001/XMLSchema"
VALUE_TYPES = {Kind.INT: "s:int", Kind.DOUBLE: "s:double", Kind.DATETIME: "s:dateTime"}
NAMED_ARRAYS = {Kind.STRING_ARRAY: "ArrayOfString", Kind.DOUBLE_ARRAY: "ArrayOfDouble"}
_ARRAY_ITEMS = {
    "ArrayOfString": '<s:element minOccurs="0" maxOccurs="unbounded" name="string" nillable="true" type="s:string" />',
    "ArrayOfDouble": '<s:element minOccurs="0" maxOccurs="unbounded" name="double" type="s:double" />',
}


@dataclass(frozen=True)
class WsdlOperation:
    """What the skeleton needs of an operation: its name, its SOAPAction, and an optional SOAP header."""

    name: str
    soap_action: str
    header_message: str | None = None  # a `{message}` whose part `{header_part}` may come as a SOAP header
    header_part: str = ""


def skeleton(tns: str, service_name: str, operations: Sequence[WsdlOperation], schema: str, location: str,
             extra_messages: str = "", prefixes: Iterable[tuple[str, str]] = (), element_prefix: str = "tns") -> bytes:
    """The whole WSDL document around `schema` (the `<s:schema>` elements), ports at `location`."""
    address = quoteattr(location)
    declared = "".join(f' xmlns:{prefix}="{uri}"' for prefix, uri in prefixes)
    messages = "".join(
        f'<wsdl:message name="{op.name}SoapIn"><wsdl:part name="parameters" element="{element_prefix}:{op.name}" />'
        f'</wsdl:message><wsdl:message name="{op.name}SoapOut"><wsdl:part name="parameters" '
        f'element="{element_prefix}:{op.name}Response" /></wsdl:message>'
        for op in operations
    ) + extra_messages
    port_type = "".join(
        f'<wsdl:operation name="{op.name}"><wsdl:input message="tns:{op.name}SoapIn" />'
        f'<wsdl:output message="tns:{op.name}SoapOut" /></wsdl:operation>' for op in operations
    )

    def binding(prefix: str, suffix: str) -> str:
        def header(op: WsdlOperation) -> str:
            if op.header_message is None:
                return ""
            return f'<{prefix}:header message="tns:{op.header_message}" part="{op.header_part}" use="literal" />'
        ops = "".join(
            f'<wsdl:operation name="{op.name}"><{prefix}:operation soapAction="{op.soap_action}" style="document" />'
            f'<wsdl:input><{prefix}:body use="literal" />{header(op)}</wsdl:input>'
            f'<wsdl:output><{prefix}:body use="literal" /></wsdl:output></wsdl:operation>' for op in operations
        )
        return (f'<wsdl:binding name="{service_name}{suffix}" type="tns:{service_name}Soap">'
                f'<{prefix}:binding transport="http://schemas.xmlsoap.org/soap/http" />{ops}</wsdl:binding>')

    text = (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<wsdl:definitions xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" '
        'xmlns:tm="http://microsoft.com/wsdl/mime/textMatching/" '
        'xmlns:soapenc="http://schemas.xmlsoap.org/soap/encoding/" '
        'xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/" '
        f'xmlns:tns="{tns}"{declared} xmlns:s="{XSD}" '
        'xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" '
        'xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" '
        f'targetNamespace="{tns}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">'
        f"<wsdl:types>{schema}</wsdl:types>{messages}"
        f'<wsdl:portType name="{service_name}Soap">{port_type}</wsdl:portType>'
        f'{binding("soap", "Soap")}{binding("soap12", "Soap12")}'
        f'<wsdl:service name="{service_name}">'
        f'<wsdl:port name="{service_name}Soap" binding="tns:{service_name}Soap"><soap:address location={address} />'
        "</wsdl:port>"
        f'<wsdl:port name="{service_name}Soap12" binding="tns:{service_name}Soap12">'
        f"<soap12:address location={address} /></wsdl:port>"
        "</wsdl:service></wsdl:definitions>"
    )
    return text.encode("utf-8")


# -- ZonaPAGOS: the schema from the contract tables ------------------------------------------------------

def _type_of(field: Field) -> str:
    if field.kind in VALUE_TYPES:
        return VALUE_TYPES[field.kind]
    if field.kind in NAMED_ARRAYS:
        return f"tns:{NAMED_ARRAYS[field.kind]}"
    if field.kind is Kind.RECORD_ARRAY:
        assert field.record is not None
        return f"tns:{field.record.array_name}"
    if field.kind is Kind.RECORD:
        assert field.record is not None
        return f"tns:{field.record.name}"
    return "s:string"


def _element(field: Field) -> str:
    if field.kind is Kind.DATASET:  # ASMX's description of a System.Data.DataSet member
        return (f'<s:element minOccurs="0" maxOccurs="1" name="{field.name}"><s:complexType><s:sequence>'
                '<s:element ref="s:schema" /><s:any /></s:sequence></s:complexType></s:element>')
    occurs = 'minOccurs="1" maxOccurs="1"' if field.kind in VALUE_TYPES else 'minOccurs="0" maxOccurs="1"'
    return f'<s:element {occurs} name="{field.name}" type="{_type_of(field)}" />'


def _sequence(fields: Iterable[Field]) -> str:
    children = "".join(_element(f) for f in fields)
    return f"<s:sequence>{children}</s:sequence>" if children else ""


def _named_types(operations: Iterable[Operation]) -> list[str]:
    """Every named complex type the operations use, once, in first-use order (as ASMX lists them)."""
    written: dict[str, str] = {}

    def visit(fields: Iterable[Field]) -> None:
        for field in fields:
            if field.kind in NAMED_ARRAYS:
                name = NAMED_ARRAYS[field.kind]
                written.setdefault(name, f'<s:complexType name="{name}"><s:sequence>{_ARRAY_ITEMS[name]}'
                                         "</s:sequence></s:complexType>")
            elif field.kind in (Kind.RECORD_ARRAY, Kind.RECORD):
                record = field.record
                assert record is not None
                if field.kind is Kind.RECORD_ARRAY and record.array_name not in written:
                    written[record.array_name] = (
                        f'<s:complexType name="{record.array_name}"><s:sequence><s:element minOccurs="0" '
                        f'maxOccurs="unbounded" name="{record.name}" nillable="true" type="tns:{record.name}" />'
                        "</s:sequence></s:complexType>")
                if record.name not in written:
                    written[record.name] = _record_type(record)
                    visit(record.fields)

    for op in operations:
        visit(op.inputs)
        visit(op.outputs)
    return list(written.values())


def _record_type(record: Record) -> str:
    return f'<s:complexType name="{record.name}">{_sequence(record.fields)}</s:complexType>'


def _uses_dataset(operations: Iterable[Operation]) -> bool:
    def fields_of(fields: Iterable[Field]) -> Iterable[Field]:
        for field in fields:
            yield field
            if field.record is not None:
                yield from fields_of(field.record.fields)
    return any(f.kind is Kind.DATASET for op in operations for f in fields_of((*op.inputs, *op.outputs)))


def zonapagos_schema(service: Service) -> str:
    parts = [f'<s:schema elementFormDefault="qualified" targetNamespace="{service.namespace}">']
    if _uses_dataset(service.operations):
        parts.append(f'<s:import namespace="{XSD}" />')
    for op in service.operations:
        parts.append(f'<s:element name="{op.name}"><s:complexType>{_sequence(op.inputs)}</s:complexType></s:element>')
        parts.append(f'<s:element name="{op.response_name}"><s:complexType>{_sequence(op.outputs)}'
                     "</s:complexType></s:element>")
    parts.extend(_named_types(service.operations))
    parts.append("</s:schema>")
    return "".join(parts)


def service_wsdl(service: Service, location: str) -> bytes:
    """A ZonaPAGOS service's WSDL with both ports at `location`."""
    operations = [WsdlOperation(op.name, f"{service.namespace}/{op.name}") for op in service.operations]
    return skeleton(service.namespace, service.service_name, operations, zonapagos_schema(service), location)
