"""`POST /ApisToken/api/PagoAPTC` (zonapagos-ws.md §13): the REST charge by token, on the token-charge use
case the SOAP ZPagoAPTC uses, with the SOAP contract's wire rules (one copy of the rules).

JSON both ways as the REST generation (§8): `Content-Type: application/json` required (else 415), malformed
JSON 400, business errors HTTP 200 with `int_estado_transaccion` -1 and `str_detalle_error`. The SOAP charge
sends no receipt e-mail, so this one sends none either (docs/decisions.md).
"""
from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from aiohttp import web

from domain.gateway.usecases.card_charge import INDETERMINATE_DETAIL, ChargeResult, TransactionState
from domain.gateway.usecases.start import GatewayUnavailable
from domain.gateway.usecases.tokens import charge_token
from domain.shared.errors import DomainError
from ports.clock import Clock
from ports.gateway_store import GatewayStore
from simulator.control.journal_view import HIDDEN
from simulator.control.masking import mask_cards
from simulator.zonapagos.contracts.tokens import ZPAGO_APTC
from simulator.zonapagos.operations.common import check_wire_rules
from simulator.zonapagos.operations.tokens import charge_command, return_list
from simulator.zonapagos.rest.codec import journal_as

PATH = "/ApisToken/api/PagoAPTC"

# REST field → the SOAP contract's input, with how the JSON value is read.
FIELDS: dict[str, tuple[str, str]] = {
    "int_id_comercio": ("id_comercio", "int"),
    "str_usuario": ("usuario", "str"),
    "str_clave": ("clave", "str"),
    "str_tipo_identificador": ("tipo_identificador", "int"),
    "str_identificador": ("identificador", "str"),
    "str_id_pago": ("id_pago", "int"),
    "str_total_con_iva": ("total_con_iva", "amount"),
    "str_valor_iva": ("valor_iva", "amount"),
    "int_no_cuotas": ("numero_cuotas", "int"),
    "str_descripcion_pago": ("descripcion_pago", "str"),
    "str_direccion_ip_cliente": ("direccion_ip_cliente", "str"),
}
REST_NAME = {soap: rest for rest, (soap, _) in FIELDS.items()}
SECRET_FIELDS = ("str_clave",)
NOT_AN_OBJECT = "El cuerpo debe ser un objeto JSON con los campos de PagoAPTC"


class BadField(DomainError):
    pass


def _read(rest_name: str, kind: str, value: Any) -> Any:
    """A JSON value as the SOAP decoder would hand it over; .NET model binding reads numbers from strings."""
    if value is None:
        return None
    if kind == "str":
        if isinstance(value, (dict, list)):
            raise BadField(f"El campo {rest_name} debe ser texto", rest_name)
        return value if isinstance(value, str) else json.dumps(value)
    text = str(value).strip() if not isinstance(value, (bool, dict, list)) else ""
    if kind == "int":
        if text.lstrip("-").isascii() and text.lstrip("-").isdigit() and len(text) <= 10:
            number = int(text)
            if -2**31 <= number < 2**31:
                return number
        raise BadField(f"El campo {rest_name} debe ser un número entero", rest_name)
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise BadField(f"El campo {rest_name} debe ser un valor numérico", rest_name) from None
    if not amount.is_finite():
        raise BadField(f"El campo {rest_name} debe ser un valor numérico", rest_name)
    return amount


def soap_inputs(body: dict[str, Any]) -> dict[str, Any]:
    """The ZPagoAPTC inputs a REST body stands for (absent fields as None, as the SOAP decoder gives them)."""
    inputs: dict[str, Any] = {soap: _read(rest, kind, body.get(rest)) for rest, (soap, kind) in FIELDS.items()}
    inputs["lista_info_adicional_codigo"] = inputs["lista_info_adicional_valor"] = None
    return inputs


def _rest_message(message: str) -> str:
    """A message of the shared rules, naming the REST field instead of the SOAP one."""
    for soap, rest in REST_NAME.items():
        message = message.replace(f"campo {soap} ", f"campo {rest} ").replace(f"campo {soap}", f"campo {rest}")
    return message


def error_answer(message: str) -> dict[str, Any]:
    return {"int_estado_transaccion": int(TransactionState.INDETERMINATE), "str_detalle_estado": "Error",
            "str_no_pago": "", "str_detalle_error": message[:255], "lista_retorno": []}


def charge_answer(charge: ChargeResult) -> dict[str, Any]:
    if charge.indeterminate:
        return error_answer(INDETERMINATE_DETAIL)
    codes, values = return_list(charge)
    pairs = list(zip(codes.split("|"), values.split("|"))) if codes else []
    return {"int_estado_transaccion": int(charge.state), "str_detalle_estado": charge.detail[:255],
            "str_no_pago": str(charge.attempt.number), "str_detalle_error": None,
            "lista_retorno": [{"str_codigo": code, "str_valor": value} for code, value in pairs]}


def _journal_view(body: dict[str, Any]):
    """The journal keeps the body with the merchant's password masked and card numbers netted."""
    def render() -> str:
        shown = {k: (HIDDEN if k in SECRET_FIELDS and v else v) for k, v in body.items()}
        return mask_cards(json.dumps(shown, ensure_ascii=False, default=str))
    return render


def media_type_refused(content_type: str) -> web.Response:
    return web.json_response(
        {"Message": f"The request entity's media type '{content_type or 'application/octet-stream'}' is not "
                    "supported for this resource."}, status=415)


class PagoAptcApi:
    def __init__(self, store: GatewayStore, clock: Clock):
        self.store, self.clock = store, clock

    def routes(self) -> list[web.RouteDef]:
        return [web.post(PATH, self.charge)]

    async def charge(self, request: web.Request) -> web.Response:
        journal_as(request, "PagoAPTC")
        if request.content_type != "application/json":
            return media_type_refused(request.content_type if request.headers.get("Content-Type") else "")
        raw = await request.read()
        try:
            body = json.loads(raw.decode(request.charset or "utf-8"))
        except (ValueError, LookupError, RecursionError):
            return web.json_response({"Message": "The request is invalid."}, status=400)
        if not isinstance(body, dict):  # well-formed JSON of another shape: a business error, as InicioPago's
            return web.json_response(error_answer(NOT_AN_OBJECT))
        request["journal_view"] = _journal_view(body)
        try:
            inputs = soap_inputs(body)
            check_wire_rules(ZPAGO_APTC, inputs)
            answer = charge_answer(charge_token(charge_command(inputs), self.store, self.clock))
        except GatewayUnavailable as failure:
            answer = error_answer(failure.message)
        except DomainError as error:
            answer = error_answer(_rest_message(error.message))
        return web.json_response(answer)
