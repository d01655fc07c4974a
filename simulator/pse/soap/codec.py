"""Reading MainServices requests and writing its answers, driven by the contract table.

Reading follows XmlSerializer (as the zonapagos codec does): children must be in the eanucc
namespace (others are ignored), unknown elements are ignored, for a repeated single element the last
one wins, and a value of the wrong type is a SOAP Fault with ASP.NET's wording. Dates accept both
`xs:date` and the full Bogotá timestamp clients really send (pse.md §1.2).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from simulator.pse.soap.contract import EAN, STATES, USER_TYPES, Field, Kind, Operation
from simulator.soap.envelope import SoapFault

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
# ASCII digits only (re.ASCII): `\d` alone takes other scripts' digits, which Decimal() and int() would read.
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)", re.ASCII)
_COUNT = re.compile(r"\+?\d{1,30}", re.ASCII)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(Z|[+-]\d{2}:\d{2})?", re.ASCII)


@dataclass(frozen=True)
class Amount:
    value: Decimal
    currency: str  # currencyISOcode as sent ("" when absent)


def _text(element: etree._Element) -> str | None:
    if element.get(XSI_NIL) in ("true", "1"):
        return None
    return element.text or ""


def _fault(message: str) -> SoapFault:
    return SoapFault(f"Server was unable to read request. ---> There is an error in XML document. ---> {message}")


def _read(field: Field, element: etree._Element) -> Any:
    raw = _text(element)
    if raw is None:
        return None
    value = raw.strip()
    if field.kind is Kind.STRING:
        return raw
    if field.kind is Kind.AMOUNT:
        if not _DECIMAL.fullmatch(value):
            raise _fault(f"Input string was not in a correct format (campo {field.name}).")
        currency = element.get(f"{{{EAN}}}currencyISOcode", element.get("currencyISOcode", ""))
        return Amount(Decimal(value), currency.strip())
    if field.kind is Kind.COUNT:
        if not _COUNT.fullmatch(value):
            raise _fault(f"Input string was not in a correct format (campo {field.name}).")
        return str(int(value))
    if field.kind is Kind.DATE:
        return _date(value, field.name)
    allowed = USER_TYPES if field.kind is Kind.USER_TYPE else STATES
    if value not in allowed:
        type_name = "userTypeListType" if field.kind is Kind.USER_TYPE else "transactionStateCodeList"
        raise _fault(f"Instance validation error: '{value}' is not a valid value for {type_name}.")
    return value


def _date(value: str, name: str) -> date | datetime:
    try:
        if _DATE.fullmatch(value):
            return date.fromisoformat(value[:10])
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return moment
    except ValueError:
        raise _fault(f"The string '{value[:40]}' is not a valid AllXsd value (campo {name}).") from None


def decode(operation: Operation, wrapper: etree._Element) -> dict[str, Any] | None:
    """The request child's fields by name (None: the child is missing; repeated fields: lists)."""
    child = None
    for element in wrapper:
        if isinstance(element.tag, str) and element.tag == f"{{{EAN}}}{operation.request_child}":
            child = element  # the last one wins
    if child is None or child.get(XSI_NIL) in ("true", "1"):
        return None
    fields = {f.name: f for f in operation.request_fields}
    values: dict[str, Any] = {f.name: [] if f.repeated else None for f in operation.request_fields}
    for element in child:
        if not isinstance(element.tag, str):
            continue
        qname = etree.QName(element)
        field = fields.get(qname.localname) if qname.namespace == EAN else None
        if field is None:
            continue
        value = _read(field, element)
        if field.repeated:
            values[field.name].append(value if value is not None else "")
        else:
            values[field.name] = value
    return values


def _write(field: Field, value: Any) -> str:
    if value is None:
        return ""
    if field.kind is Kind.AMOUNT:
        amount = format(value.normalize(), "f") if isinstance(value, Decimal) else str(value)
        return f'<{field.name} ean:currencyISOcode="COP">{amount}</{field.name}>'
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        value = value.isoformat()
    text = escape(str(value))
    return f"<{field.name}>{text}</{field.name}>" if text else f"<{field.name} />"


def _child(operation: Operation, values: dict[str, Any]) -> str:
    inner = "".join(_write(f, values.get(f.name)) for f in operation.response_fields)
    return f"<{operation.response_child}>{inner}</{operation.response_child}>"


def encode(operation: Operation, outputs: dict[str, Any] | list[dict[str, Any]]) -> str:
    """The response wrapper in the eanucc namespace (default namespace; `ean:` for the attribute)."""
    children = outputs if isinstance(outputs, list) else [outputs]
    body = "".join(_child(operation, values) for values in children)
    ns = quoteattr(EAN)
    return f"<{operation.name}Response xmlns={ns} xmlns:ean={ns}>{body}</{operation.name}Response>"
