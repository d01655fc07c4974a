"""The REST generation's wire (zonapagos-ws.md §8): JSON in and out, read as ASP.NET Web API reads it.

What the transport refuses is an HTTP status (415 without `Content-Type: application/json`, 400 for a body that
is not JSON); everything else, from a missing property on, is a business answer with HTTP 200. Property names
match in any case (Json.NET's default), numbers are read as Decimal (never float), a number sent for a string
is its text and a numeric string is accepted for a number, as Json.NET converts them.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import Enum
from typing import Any

from aiohttp import web

from domain.shared.errors import DomainError

ASPNET_VERSION = "4.0.30319"
JSON_MEDIA = "application/json"


class Kind(Enum):
    STRING = "string"
    NUMBER = "number"
    INTEGER = "integer"


KIND_NAMES = {Kind.STRING: "texto", Kind.NUMBER: "un número", Kind.INTEGER: "un entero"}


@dataclass(frozen=True)
class Prop:
    """One property of a REST body: its wire name, kind, size limit and whether it must be present."""

    name: str
    kind: Kind = Kind.STRING
    max_length: int | None = None  # characters of a string; digits of an integer
    required: bool = False


class WireRefused(Exception):
    """The transport refuses the request (415 or 400): no business answer is given."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status = status
        self.message = message


def journal_as(request: web.Request, operation: str) -> None:
    """The journal's and dashboard's name of a REST call, whatever its answer (channel `http`, as every REST
    call; the SOAP operations are channel `soap`)."""
    request["operation"] = operation
    request["channel"] = "http"


class FieldRefused(DomainError):
    """A property the codec refuses, with a short form of its message for answers limited in length
    (VerificacionPago's `str_detalle`, ≤ 50)."""

    def __init__(self, message: str, field: str, short: str):
        super().__init__(message, field)
        self.short = short


def json_answer(body: Any, status: int = 200) -> web.Response:
    """A REST answer as IIS with ASP.NET sends it (`X-AspNet-Version` exposed, zonapagos-ws.md §8)."""
    return web.Response(status=status, text=json.dumps(body, ensure_ascii=False),
                        content_type=JSON_MEDIA, charset="utf-8", headers={"X-AspNet-Version": ASPNET_VERSION})


def refused(error: WireRefused) -> web.Response:
    """Web API's own error body for a refused request."""
    return json_answer({"Message": error.message}, error.status)


async def read_json(request: web.Request) -> Any:
    """The body as JSON, or WireRefused: 415 for another media type, 400 for bytes that are not JSON."""
    if request.content_type.lower() != JSON_MEDIA:
        media = request.content_type or "(ninguno)"
        raise WireRefused(415, f"The request entity's media type '{media}' is not supported for this resource.")
    raw = await request.read()
    try:
        return json.loads(raw.decode(request.charset or "utf-8"), parse_float=Decimal,
                          parse_constant=_no_constant)
    except (UnicodeDecodeError, LookupError, ValueError, RecursionError):
        raise WireRefused(400, "The request is invalid.") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # NaN / Infinity: Json.NET refuses them in a decimal


def member(body: dict[str, Any], name: str) -> Any:
    """A property by name in any case (exact spelling first)."""
    if name in body:
        return body[name]
    lowered = name.lower()
    return next((value for key, value in body.items() if key.lower() == lowered), None)


def read_props(body: Any, props: tuple[Prop, ...], where: str) -> dict[str, Any]:
    """Each property converted to its kind (absent or null → None), sizes and presence checked in order;
    a DomainError naming the property otherwise."""
    if not isinstance(body, dict):
        raise DomainError(f"El objeto {where} es obligatorio", where)
    values: dict[str, Any] = {}
    for prop in props:
        value = _converted(member(body, prop.name), prop)
        if prop.required and (value is None or (prop.kind is Kind.STRING and not value.strip())):
            raise FieldRefused(f"El campo {prop.name} es obligatorio", prop.name, f"{prop.name} es obligatorio")
        if prop.max_length is not None and isinstance(value, str) and len(value) > prop.max_length:
            raise FieldRefused(f"El campo {prop.name} excede la longitud máxima de {prop.max_length} caracteres",
                               prop.name, f"{prop.name} excede {prop.max_length} caracteres")
        values[prop.name] = value
    return values


def _converted(value: Any, prop: Prop) -> Any:
    if value is None:
        return None
    wrong = FieldRefused(f"El campo {prop.name} no tiene el tipo esperado ({prop.kind.value})", prop.name,
                         f"{prop.name} no es {KIND_NAMES[prop.kind]}")
    if isinstance(value, (dict, list)):
        raise wrong
    if prop.kind is Kind.STRING:
        if isinstance(value, bool):
            return "true" if value else "false"
        return value if isinstance(value, str) else str(value)
    if isinstance(value, bool):
        raise wrong
    try:
        number = value if isinstance(value, (int, Decimal)) else Decimal(str(value).strip())
    except InvalidOperation:
        raise wrong from None
    if not Decimal(number).is_finite():
        raise wrong
    if prop.kind is Kind.NUMBER:
        return Decimal(number)
    if Decimal(number) != Decimal(number).to_integral_value():
        raise wrong
    integer = int(number)
    if prop.max_length is not None and len(str(abs(integer))) > prop.max_length:
        raise FieldRefused(f"El campo {prop.name} admite máximo {prop.max_length} dígitos", prop.name,
                           f"{prop.name} admite máximo {prop.max_length} dígitos")
    return integer


ITEM_PROPS = (Prop("int_codigo", Kind.INTEGER, 7, required=True), Prop("str_valor"))


def read_items(body: dict[str, Any], name: str, optional: bool = False) -> tuple[tuple[int, str], ...]:
    """`AdicionalesPago` / `AdicionalesConfiguracion`: an array of `{int_codigo, str_valor}`, required unless
    `optional` (then absent or null is no item)."""
    value = member(body, name)
    if optional and value is None:
        return ()
    if not isinstance(value, list):
        raise DomainError(f"El campo {name} es obligatorio y debe ser una lista", name)
    items = []
    for item in value:
        props = read_props(item, ITEM_PROPS, name)
        items.append((props["int_codigo"], props["str_valor"] or ""))
    return tuple(items)
