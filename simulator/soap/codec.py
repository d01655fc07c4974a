"""The fast wire codec: contract-driven decoding of an operation element and ASMX-shaped encoding.

Values are taken as ASP.NET's XmlSerializer takes them: unknown and unqualified elements are ignored,
a missing element is None, a value of the wrong type makes the request unreadable (a SOAP Fault),
and for a repeated element the last one wins. Doubles are read as exact Decimals, never floats.
"""
from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Callable

from lxml import etree

from simulator.soap.envelope import SoapFault
from simulator.soap.contract import Field, Kind, Operation, Record
from simulator.soap.dataset import dataset_xml
from simulator.soap.dotnet_values import datetime_text, double_text

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
# ASCII digits only (re.ASCII): `\d` alone takes `１００１` and `٢٠٠٠٠`, which int() and Decimal() would read.
_INT = re.compile(r"^[+-]?\d{1,10}$", re.ASCII)
_DOUBLE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^(-?INF|NaN)$", re.ASCII)
_DATETIME = re.compile(r"^-?\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$", re.ASCII)
_ARRAY_MEMBERS = {Kind.STRING_ARRAY: ("string", Kind.STRING), Kind.DOUBLE_ARRAY: ("double", Kind.DOUBLE)}


def _unreadable(field: Field, what: str) -> SoapFault:
    return SoapFault(
        "Server was unable to read request. ---> There is an error in XML document. "
        f"---> {what} (campo {field.name})."
    )


def _is_nil(element: etree._Element) -> bool:
    return element.get(XSI_NIL) in ("true", "1")


def _text(element: etree._Element) -> str:
    return element.text or "" if len(element) == 0 else "".join(element.itertext())


def _read_string(element: etree._Element) -> str | None:
    return None if _is_nil(element) else _text(element)


def _reader(field: Field) -> Callable[[etree._Element], Any]:
    """The function that reads one element of `field`'s kind: chosen once per contract field, so a
    request pays one call per element and no test of the kind."""
    if field.kind is Kind.STRING:
        return _read_string
    if field.kind is Kind.INT:
        def read(element: etree._Element) -> Any:
            if _is_nil(element):
                return None
            stripped = _text(element).strip()
            if not _INT.match(stripped) or not -(2**31) <= int(stripped) < 2**31:
                raise _unreadable(field, "Input string was not in a correct format")
            return int(stripped)
    elif field.kind is Kind.DATETIME:
        def read(element: etree._Element) -> Any:
            return None if _is_nil(element) else _datetime(field, _text(element).strip())
    elif field.kind is Kind.DOUBLE:
        def read(element: etree._Element) -> Any:
            return None if _is_nil(element) else _double(field, _text(element).strip())
    else:
        raise ValueError(f"no scalar reader for {field.kind}")
    return read


def _double(field: Field, stripped: str) -> Decimal:
    if not _DOUBLE.match(stripped):
        raise _unreadable(field, "Input string was not in a correct format")
    try:
        return Decimal(stripped.replace("INF", "Infinity"))
    except InvalidOperation:
        raise _unreadable(field, "Input string was not in a correct format") from None


def _datetime(field: Field, text: str) -> datetime:
    if not _DATETIME.match(text):
        raise _unreadable(field, "The string was not recognized as a valid DateTime")
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise _unreadable(field, "The string was not recognized as a valid DateTime") from None


def _array(field: Field, element: etree._Element, namespace: str) -> list[Any] | None:
    if _is_nil(element):
        return None
    if field.kind is Kind.RECORD_ARRAY:
        assert field.record is not None
        member_tag, record = field.record.name, field.record
        return [_record(record, item, namespace) for item in element if item.tag == f"{{{namespace}}}{member_tag}"]
    member_tag, member_kind = _ARRAY_MEMBERS[field.kind]
    read = _reader(Field(field.name, member_kind))
    return [read(item) for item in element if item.tag == f"{{{namespace}}}{member_tag}"]


def _record(record: Record, element: etree._Element, namespace: str) -> dict[str, Any] | None:
    """One complex item; text directly inside it is ignored, as XmlSerializer ignores unknown nodes."""
    if _is_nil(element):
        return None
    return _fields(record.fields, element, namespace)


Reader = Callable[[etree._Element], Any]
_TAG_MAPS: dict[tuple[int, str], tuple[tuple[Field, ...], dict[str, tuple[str, Reader]], dict[str, None]]] = {}


def _tag_map(fields: tuple[Field, ...], namespace: str) -> tuple[dict[str, tuple[str, Reader]], dict[str, None]]:
    """Each field's name and reader by qualified tag, and the all-None starting values: built once per
    contract table.

    Keyed by the table's identity (the tables are module constants, kept alive in the value): hashing
    the table's frozen Fields on every request cost more than the lookup it saved."""
    key = (id(fields), namespace)
    cached = _TAG_MAPS.get(key)
    if cached is None or cached[0] is not fields:
        by_tag = {f"{{{namespace}}}{f.name}": (f.name, _array_reader(f, namespace) if f.kind in _ARRAYS else _reader(f))
                  for f in fields}
        cached = _TAG_MAPS[key] = (fields, by_tag, {f.name: None for f in fields})
    return cached[1], cached[2]


def _array_reader(field: Field, namespace: str) -> Reader:
    return lambda element: _array(field, element, namespace)


def _fields(fields: tuple[Field, ...], element: etree._Element, namespace: str) -> dict[str, Any]:
    by_tag, empty = _tag_map(fields, namespace)
    values: dict[str, Any] = dict(empty)
    for child in element:
        entry = by_tag.get(child.tag)  # a comment's tag is a function: never a key
        if entry is None:
            continue
        name, read = entry
        if read is _read_string and not child.keys() and len(child) == 0:  # nearly every field: inline
            values[name] = child.text or ""
        else:
            values[name] = read(child)
    return values


_ARRAYS = (Kind.STRING_ARRAY, Kind.DOUBLE_ARRAY, Kind.RECORD_ARRAY)
_SCALAR_ARRAYS = (Kind.STRING_ARRAY, Kind.DOUBLE_ARRAY)


def decode(operation: Operation, namespace: str, element: etree._Element) -> dict[str, Any]:
    """The operation's inputs by name (None when absent). Raises SoapFault when unreadable."""
    return _fields(operation.inputs, element, namespace)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _leaf(name: str, text: str) -> str:
    return f"<{name}>{text}</{name}>" if text else f"<{name} />"


def _value_text(field: Field, value: Any) -> str:
    if field.kind is Kind.DOUBLE:
        return double_text(value)
    if field.kind is Kind.DATETIME:
        return datetime_text(value)
    return _escape(str(value))


def _element(field: Field, value: Any) -> str:
    """One output element as XmlSerializer writes it; "" for null (omitted)."""
    if value is None:
        return ""
    if field.kind is Kind.RECORD:
        assert field.record is not None
        return _leaf(field.name, "".join(_element(f, value.get(f.name)) for f in field.record.fields))
    if field.kind is Kind.DATASET:
        return dataset_xml(field.name, value)
    if field.kind is Kind.RECORD_ARRAY:
        assert field.record is not None
        record = field.record
        items = "".join(
            f'<{record.name} xsi:nil="true" />' if item is None
            else _leaf(record.name, "".join(_element(f, item.get(f.name)) for f in record.fields))
            for item in value
        )
        return _leaf(field.name, items)
    if field.kind in _SCALAR_ARRAYS:  # a tuple: identity tests, no Enum __hash__ in Python
        member_tag, member_kind = _ARRAY_MEMBERS[field.kind]
        member = Field(member_tag, member_kind)
        items = "".join(f'<{member_tag} xsi:nil="true" />' if item is None else _element(member, item)
                        for item in value)
        return _leaf(field.name, items)
    return _leaf(field.name, _value_text(field, value))


def encode(operation: Operation, namespace: str, outputs: dict[str, Any]) -> str:
    """The `<op>Response` element as ASMX writes it: default namespace, null omitted, empty as `<x />`."""
    body = "".join(_element(field, outputs.get(field.name)) for field in operation.outputs)
    return f'<{operation.response_name} xmlns="{namespace}">{body}</{operation.response_name}>'


_SCALAR_TEXT: dict[Kind, Callable[[Any], str]] = {
    Kind.STRING: lambda value: _escape(str(value)), Kind.INT: lambda value: _escape(str(value)),
    Kind.DOUBLE: double_text, Kind.DATETIME: datetime_text,
}


def compile_encoder(operation: Operation, namespace: str) -> Callable[[dict[str, Any]], str]:
    """`encode` for one operation, built once at start: the response's opening and closing tags and each
    output's tags and text function precomputed, so a request pays one loop over its outputs and no
    dispatch on kinds. Operations with complex outputs (records, arrays, DataSets) keep `encode`."""
    if any(field.kind not in _SCALAR_TEXT for field in operation.outputs):
        return lambda outputs: encode(operation, namespace, outputs)
    parts = tuple((f.name, f"<{f.name}>", f"</{f.name}>", f"<{f.name} />", _SCALAR_TEXT[f.kind])
                  for f in operation.outputs)
    head = f'<{operation.response_name} xmlns="{namespace}">'
    tail = f"</{operation.response_name}>"

    def encode_compiled(outputs: dict[str, Any]) -> str:
        pieces = [head]
        get = outputs.get
        for name, opening, closing, empty, text_of in parts:
            value = get(name)
            if value is not None:
                text = text_of(value)
                pieces.append(f"{opening}{text}{closing}" if text else empty)
        pieces.append(tail)
        return "".join(pieces)
    return encode_compiled
