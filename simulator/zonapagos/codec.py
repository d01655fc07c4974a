"""The fast wire codec: contract-driven decoding of an operation element and ASMX-shaped encoding.

Values are taken as ASP.NET's XmlSerializer takes them: unknown and unqualified elements are ignored,
a missing element is None, a value of the wrong type makes the request unreadable (a SOAP Fault),
and for a repeated element the last one wins. Doubles are read as exact Decimals, never floats.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from lxml import etree

from simulator.soap.envelope import SoapFault
from simulator.zonapagos.contract import Field, Kind, Operation

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
_INT = re.compile(r"^[+-]?\d{1,10}$")
_DOUBLE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^(-?INF|NaN)$")


def _unreadable(field: Field, what: str) -> SoapFault:
    return SoapFault(
        "Server was unable to read request. ---> There is an error in XML document. "
        f"---> {what} (campo {field.name})."
    )


def _text(element: etree._Element) -> str:
    return element.text or "" if len(element) == 0 else "".join(element.itertext())


def _scalar(field: Field, element: etree._Element) -> Any:
    if element.get(XSI_NIL) in ("true", "1"):
        return None
    text = _text(element)
    if field.kind is Kind.STRING:
        return text
    stripped = text.strip()
    if field.kind is Kind.INT:
        if not _INT.match(stripped) or not -(2**31) <= int(stripped) < 2**31:
            raise _unreadable(field, "Input string was not in a correct format")
        return int(stripped)
    if not _DOUBLE.match(stripped):
        raise _unreadable(field, "Input string was not in a correct format")
    try:
        return Decimal(stripped.replace("INF", "Infinity"))
    except InvalidOperation:
        raise _unreadable(field, "Input string was not in a correct format") from None


def _array(field: Field, element: etree._Element, namespace: str) -> list[Any] | None:
    if element.get(XSI_NIL) in ("true", "1"):
        return None
    member = Field(field.name, Kind.STRING if field.kind is Kind.STRING_ARRAY else Kind.DOUBLE)
    member_tag = "string" if field.kind is Kind.STRING_ARRAY else "double"
    return [
        _scalar(member, item)
        for item in element
        if isinstance(item.tag, str) and item.tag == f"{{{namespace}}}{member_tag}"
    ]


def decode(operation: Operation, namespace: str, element: etree._Element) -> dict[str, Any]:
    """The operation's inputs by name (None when absent). Raises SoapFault when unreadable."""
    fields = {f"{{{namespace}}}{f.name}": f for f in operation.inputs}
    values: dict[str, Any] = {f.name: None for f in operation.inputs}
    for child in element:
        field = fields.get(child.tag) if isinstance(child.tag, str) else None
        if field is None:
            continue
        if field.kind in (Kind.STRING_ARRAY, Kind.DOUBLE_ARRAY):
            values[field.name] = _array(field, child, namespace)
        else:
            values[field.name] = _scalar(field, child)
    return values


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def encode(operation: Operation, namespace: str, outputs: dict[str, Any]) -> str:
    """The `<op>Response` element as ASMX writes it: default namespace, null omitted, empty as `<x />`."""
    parts = [f'<{operation.response_name} xmlns="{namespace}">']
    for field in operation.outputs:
        value = outputs.get(field.name)
        if value is None:
            continue
        text = _escape(str(value))
        parts.append(f"<{field.name}>{text}</{field.name}>" if text else f"<{field.name} />")
    parts.append(f"</{operation.response_name}>")
    return "".join(parts)
