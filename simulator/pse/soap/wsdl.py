"""MainServices' WSDL: ACH's schema, written from its contract table, in the ASMX skeleton every simulated
service shares (simulator/soap/wsdl.py).

SOAP 1.1 and 1.2 bindings (`MainServicesImplSoap`, `MainServicesImplSoap12`), service
`MainServicesImpl`, soapAction `http://vesta.com.br/pse/MainServices/<operation>`, the optional
`messageHeader` header on every request, and `soap:address` at the URL the WSDL was fetched from.
"""
from __future__ import annotations

from functools import lru_cache

from simulator.pse.soap.contract import EAN, OPERATIONS, SERVICE_NAME, STATES, TNS, USER_TYPES, Field, Kind, Operation
from simulator.soap.wsdl import WsdlOperation, skeleton


def _element(field: Field, operation: Operation) -> str:
    xsd_type = f"s0:{operation.return_code_type}" if field.kind is Kind.RETURN_CODE else field.kind.value
    occurs = f'minOccurs="{1 if field.required else 0}" maxOccurs="{"unbounded" if field.repeated else 1}"'
    return f'<s:element {occurs} name="{field.name}" type="{xsd_type}" />'


def _complex_type(name: str, fields: tuple[Field, ...], operation: Operation) -> str:
    children = "".join(_element(f, operation) for f in fields)
    return f'<s:complexType name="{name}"><s:sequence>{children}</s:sequence></s:complexType>'


def _enumeration(name: str, values: tuple[str, ...]) -> str:
    items = "".join(f'<s:enumeration value="{v}" />' for v in values)
    return f'<s:simpleType name="{name}"><s:restriction base="s:string">{items}</s:restriction></s:simpleType>'


def _wrapper(name: str, child: str, child_type: str, repeated: bool = False) -> str:
    occurs = 'minOccurs="0" maxOccurs="unbounded"' if repeated else 'minOccurs="0" maxOccurs="1"'
    return (f'<s:element name="{name}"><s:complexType><s:sequence><s:element {occurs} name="{child}" '
            f'type="s0:{child_type}" /></s:sequence></s:complexType></s:element>')


_HEADER_TYPES = (
    '<s:element name="messageHeader" type="s0:MessageHeaderType" />'
    '<s:complexType name="MessageHeaderType"><s:sequence>'
    '<s:element minOccurs="0" maxOccurs="1" name="to" type="s0:PartyIdentificationType" />'
    '<s:element minOccurs="0" maxOccurs="1" name="from" type="s0:PartyIdentificationType" />'
    '<s:element minOccurs="0" maxOccurs="1" name="representingParty" type="s0:PartyIdentificationType" />'
    '</s:sequence></s:complexType>'
    '<s:complexType name="PartyIdentificationType"><s:sequence><s:choice minOccurs="1" maxOccurs="1">'
    '<s:element minOccurs="0" maxOccurs="1" name="gln" type="s:nonNegativeInteger" />'
    '<s:element minOccurs="0" maxOccurs="1" name="alternatePartyIdentification" '
    'type="s0:AlternatePartyIdentificationType" /></s:choice>'
    '<s:element minOccurs="0" maxOccurs="unbounded" name="additionalPartyIdentification" '
    'type="s0:AlternatePartyIdentificationType" /></s:sequence></s:complexType>'
    '<s:complexType name="AlternatePartyIdentificationType"><s:simpleContent><s:extension base="s:string">'
    '<s:attribute name="type" type="s0:AlternatePartyIdentificationListType" use="required" />'
    '</s:extension></s:simpleContent></s:complexType>'
    + _enumeration("AlternatePartyIdentificationListType", (
        "BUYER_ASSIGNED", "DUNS", "DUNS_PLUS_FOUR", "SCAC", "SELLER_ASSIGNED", "UN_LOCATION_CODE"))
)
_COMMON_TYPES = (
    '<s:complexType name="AmountType"><s:simpleContent><s:extension base="s:decimal">'
    '<s:attribute form="qualified" name="currencyISOcode" type="s:string" />'
    '</s:extension></s:simpleContent></s:complexType>'
    + _enumeration("userTypeListType", USER_TYPES) + _enumeration("transactionStateCodeList", STATES)
)


def _schema() -> str:
    parts = [f'<s:schema elementFormDefault="qualified" targetNamespace="{EAN}">']
    for op in OPERATIONS:
        parts.append(_wrapper(op.name, op.request_child, op.request_type))
        parts.append(_wrapper(f"{op.name}Response", op.response_child, op.response_type, op.response_repeated))
        parts.append(_complex_type(op.request_type, op.request_fields, op))
        parts.append(_complex_type(op.response_type, op.response_fields, op))
        if op.return_codes:
            parts.append(_enumeration(op.return_code_type, op.return_codes))
    parts.append(_COMMON_TYPES + _HEADER_TYPES + "</s:schema>")
    return "".join(parts)


@lru_cache(maxsize=16)
def wsdl(location: str) -> bytes:
    """The WSDL with both ports at `location`: ASMX's skeleton (simulator/soap/wsdl.py), ACH's schema, and the
    optional `messageHeader` header on every request."""
    operations = [WsdlOperation(op.name, op.soap_action, f"{op.name}messageHeader", "messageHeader")
                  for op in OPERATIONS]
    headers = "".join(f'<wsdl:message name="{op.name}messageHeader"><wsdl:part name="messageHeader" '
                      'element="s0:messageHeader" /></wsdl:message>' for op in OPERATIONS)
    return skeleton(TNS, SERVICE_NAME, operations, _schema(), location, extra_messages=headers,
                    prefixes=[("s0", EAN)], element_prefix="s0")
