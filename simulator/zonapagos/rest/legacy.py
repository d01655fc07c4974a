"""The legacy REST pair (zonapagos-ws.md §1–2): `POST /api_inicio_pago/api/inicio_pagoV2` and
`POST /api_verificar_pagoV3/api/verificar_pago_v3`, form-encoded, as Laravel merchants call them.

They are the SOAP operations over another wire: the fields are the contract's inputs by name
(simulator/zonapagos/contracts), the same handlers answer (rules, errors in-band, magic values), and the answer
is JSON (ASP.NET Web API's default formatter; docs/decisions.md): inicio_pagoV2's is its result alone as a
JSON string (`"42750034"`, `"-1 Credenciales inválidas"`: zonapagos-ws.md §6, clients strip the quotes),
verificar_pago_v3's the contract's outputs by name as one object.
A value that does not read as its contract type is the operation's own in-band error, never a 500.
"""
from __future__ import annotations

import json
import logging
import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from aiohttp import web
from multidict import MultiDictProxy

from domain.shared.errors import DomainError
from simulator.soap.contract import Field, Kind, Operation
from simulator.soap.dotnet_values import datetime_text
from simulator.web.forms import read_form
from simulator.zonapagos.contracts.inicio import INICIO_PAGO_V2
from simulator.zonapagos.contracts.verificar_v3 import VERIFICAR_PAGO_V3
from simulator.zonapagos.operations.common import Handler
from simulator.zonapagos.rest.codec import ASPNET_VERSION, journal_as

log = logging.getLogger("pasarela.rest")

START_PATH = "/api_inicio_pago/api/inicio_pagoV2"
VERIFY_PATH = "/api_verificar_pagoV3/api/verificar_pago_v3"
# the journal's names: not the SOAP operations' own, so the dashboard keeps the two wires apart
JOURNAL_NAMES = {"inicio_pagoV2": "REST inicio_pagoV2", "verificar_pago_v3": "REST verificar_pago_v3"}
FORM_MEDIA = ("application/x-www-form-urlencoded", "multipart/form-data")
_INT = re.compile(r"[+-]?[0-9]{1,10}", re.ASCII)
_NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]{1,3})?", re.ASCII)


def _scalar(field: Field, kind: Kind, text: str) -> Any:
    stripped = text.strip()
    if kind is Kind.STRING:
        return text
    if stripped == "":
        return None
    if kind is Kind.INT:
        if not _INT.fullmatch(stripped) or not -(2**31) <= int(stripped) < 2**31:
            raise DomainError(f"El campo {field.name} debe ser un número entero", field.name)
        return int(stripped)
    if kind is Kind.DOUBLE:
        try:
            if not _NUMBER.fullmatch(stripped):
                raise InvalidOperation
            return Decimal(stripped)
        except InvalidOperation:
            raise DomainError(f"El campo {field.name} debe ser un número", field.name) from None
    return None  # records and data sets are outputs only


def decode_form(operation: Operation, form: MultiDictProxy[Any]) -> dict[str, Any]:
    """The operation's inputs from the posted fields (absent → None; a list from repeated keys, `name` or
    `name[]`, as PHP's http_build_query writes arrays)."""
    inputs: dict[str, Any] = {}
    for field in operation.inputs:
        if field.kind in (Kind.STRING_ARRAY, Kind.DOUBLE_ARRAY):
            member = Kind.STRING if field.kind is Kind.STRING_ARRAY else Kind.DOUBLE
            values = [v for key in (field.name, f"{field.name}[]") for v in form.getall(key, []) if isinstance(v, str)]
            inputs[field.name] = [_scalar(field, member, v) for v in values] or None
        elif field.kind in (Kind.STRING, Kind.INT, Kind.DOUBLE):
            value = form.get(field.name)
            inputs[field.name] = _scalar(field, field.kind, value) if isinstance(value, str) else None
        else:
            inputs[field.name] = None
    return inputs


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime):
        return datetime_text(value)
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    return value


def encode_answer(operation: Operation, outputs: dict[str, Any]) -> dict[str, Any]:
    """The contract's outputs by name, in its order."""
    return {field.name: _json_value(outputs.get(field.name)) for field in operation.outputs}


def answer_body(operation: Operation, outputs: dict[str, Any]) -> Any:
    """The JSON of an answer: the start's identifier (or `-1 …` text) as a string, the verification's object."""
    if operation is INICIO_PAGO_V2:
        return _json_value(outputs.get("inicio_pagoV2Result"))
    return encode_answer(operation, outputs)


def _answer(body: Any, status: int = 200) -> web.Response:
    return web.Response(status=status, text=json.dumps(body, ensure_ascii=False), content_type="application/json",
                        charset="utf-8", headers={"X-AspNet-Version": ASPNET_VERSION})


class LegacyRestApi:
    """The two form-encoded operations, answered by the SOAP operations' handlers."""

    def __init__(self, handlers: dict[str, Handler]):
        self.handlers = handlers

    def routes(self) -> list[web.RouteDef]:
        return [web.post(START_PATH, self._endpoint(INICIO_PAGO_V2)),
                web.post(VERIFY_PATH, self._endpoint(VERIFICAR_PAGO_V3))]

    def _endpoint(self, operation: Operation):
        handler = self.handlers[operation.name]
        journal_name = JOURNAL_NAMES[operation.name]
        error_answer = handler.error_answer  # type: ignore[attr-defined]  # the operation's in-band error form

        async def endpoint(request: web.Request) -> web.Response:
            journal_as(request, journal_name)
            if request.content_type.lower() not in FORM_MEDIA:
                media = request.content_type or "(ninguno)"
                return _answer({"Message": f"The request entity's media type '{media}' is not supported for this "
                                           "resource."}, 415)
            form = await read_form(request)
            if form is None:
                return _answer({"Message": "The request is invalid."}, 400)
            try:
                outputs = handler(decode_form(operation, form))
            except DomainError as error:
                outputs = error_answer(error.message)
            except Exception:
                log.exception("error inesperado en %s", request.path)
                outputs = error_answer("Object reference not set to an instance of an object.")
            return _answer(answer_body(operation, outputs))
        return endpoint
