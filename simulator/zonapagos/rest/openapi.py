"""The OpenAPI 3.1 description of ZonaPAGOS' REST generations as the simulator serves them, at
`/_sim/openapi/rest.json` (the vendor publishes none).

Request schemas come from the tables the codecs read (the JSON properties of simulator/zonapagos/rest/
ciclo_pago.py, the SOAP contracts for the legacy form-encoded pair), so the description cannot drift from what
is accepted; a contract test checks real answers against the response schemas.
"""
from __future__ import annotations

from typing import Any

from simulator.control.endpoint import Call, Endpoint
from simulator.soap.contract import Field, Kind as SoapKind, Operation
from simulator.zonapagos.contracts.inicio import INICIO_PAGO_V2
from simulator.zonapagos.contracts.verificar_v3 import VERIFICAR_PAGO_V3
from simulator.zonapagos import pago_aptc
from simulator.zonapagos.rest import ciclo_pago, legacy
from simulator.zonapagos.rest.codec import ITEM_PROPS, Kind, Prop

PATH = "/_sim/openapi/rest.json"
NULLABLE_STRING = {"type": ["string", "null"]}


def _prop_schema(prop: Prop) -> dict[str, Any]:
    if prop.kind is Kind.STRING:
        schema: dict[str, Any] = {"type": ["string", "null"]}
        if prop.max_length is not None:
            schema["maxLength"] = prop.max_length
    elif prop.kind is Kind.NUMBER:
        schema = {"type": ["number", "null"]}
    else:
        schema = {"type": ["integer", "null"]}
        if prop.max_length is not None:
            schema["maximum"] = 10 ** prop.max_length - 1
            schema["minimum"] = -(10 ** prop.max_length - 1)
    return schema


def _object(props: tuple[Prop, ...], extra_required: tuple[str, ...] = ()) -> dict[str, Any]:
    required = [p.name for p in props if p.required] + list(extra_required)
    schema: dict[str, Any] = {"type": "object", "properties": {p.name: _prop_schema(p) for p in props}}
    if required:
        schema["required"] = required
    return schema


ITEM = _object(ITEM_PROPS)
ITEMS = {"type": "array", "items": ITEM}

START_REQUEST = {
    "type": "object",
    "required": ["InformacionPago", "InformacionSeguridad", "AdicionalesConfiguracion"],
    # AdicionalesPago (and the amounts) may be omitted by a card registration, code 200 = "1" (zonapagos-ws.md §13)
    "if": {"required": ["AdicionalesConfiguracion"], "properties": {"AdicionalesConfiguracion": {"contains": {
        "required": ["int_codigo", "str_valor"],
        "properties": {"int_codigo": {"const": 200}, "str_valor": {"const": "1"}}}}}},
    "else": {"required": ["AdicionalesPago"]},
    "properties": {
        "InformacionPago": _object(ciclo_pago.PAYMENT_PROPS),
        "InformacionSeguridad": _object(ciclo_pago.SECURITY_PROPS, ("int_id_comercio", "str_usuario", "str_clave")),
        "AdicionalesPago": {**ITEMS, "description": "Obligatorio salvo en el registro de tarjeta (código 200 = "
                                                    "\"1\" en AdicionalesConfiguracion), que puede omitirlo"},
        "AdicionalesConfiguracion": {**ITEMS, "description": (
            "50 código de servicio PSE (obligatorio si el comercio recauda por PSE), 100–102 pago en partes, "
            "103 sin PSE, 104 URL de "
            "retorno, 107 sin tarjeta, 108 términos marcados, 200 tokenización, "
            "500/501 y 50001–50008/50101–50108 "
            "costo por transacción; los demás códigos se guardan con el pago")},
    },
}
START_ANSWER = {
    "type": "object", "additionalProperties": False,
    "required": ["int_codigo", "str_cod_error", "str_descripcion_error", "str_url"],
    "properties": {
        "int_codigo": {"type": "integer", "enum": [1, 2]},
        "str_cod_error": {"type": "string"},
        "str_descripcion_error": {"type": "string"},
        "str_url": {"type": ["string", "null"],
                    "pattern": r"^https?://[^/]+/(Ciclo_Pago/Pago\.aspx|tokenizacionweb/tokentc)\?rut=[0-9A-F]{64}$"},
    },
}
VERIFY_REQUEST = _object(ciclo_pago.VERIFY_PROPS)
VERIFY_ANSWER = {
    "type": "object", "additionalProperties": False,
    "required": ["int_estado", "int_error", "str_detalle", "int_cantidad_pagos", "str_res_pago"],
    "properties": {
        "int_estado": {"type": "integer", "enum": [1, 2]},
        "int_error": {"type": "integer", "enum": [0, -1]},
        "str_detalle": {"type": ["string", "null"], "maxLength": ciclo_pago.DETAIL_MAX},
        "int_cantidad_pagos": {"type": "integer", "minimum": 0},
        "str_res_pago": {"type": ["string", "null"],
                         "description": "zonapagos-ws.md §7b: 21 campos y los del medio de pago, `|` entre campos "
                                        "y `|;|` tras cada intento",
                         "pattern": r"^(([^|;]*\|){21,27};\|)*$"},
    },
}
WEB_API_ERROR = {"type": "object", "required": ["Message"], "properties": {"Message": {"type": "string"}}}

_APTC_KINDS = {"int": {"type": ["integer", "string", "null"]}, "str": NULLABLE_STRING,
               "amount": {"type": ["number", "string", "null"]}}  # .NET binding reads numbers from strings
APTC_REQUEST = {"type": "object",
                "properties": {name: _APTC_KINDS[kind] for name, (_, kind) in pago_aptc.FIELDS.items()}}
APTC_ANSWER = {
    "type": "object", "additionalProperties": False,
    "required": ["int_estado_transaccion", "str_detalle_estado", "str_no_pago", "str_detalle_error", "lista_retorno"],
    "properties": {
        "int_estado_transaccion": {"type": "integer", "enum": [1, 2, 3, -1]},
        "str_detalle_estado": {"type": "string"},
        "str_no_pago": {"type": "string"},
        "str_detalle_error": {"type": ["string", "null"]},
        "lista_retorno": {"type": "array", "items": {
            "type": "object", "additionalProperties": False, "required": ["str_codigo", "str_valor"],
            "properties": {"str_codigo": {"type": "string"}, "str_valor": {"type": "string"}}}},
    },
}

LEGACY_START_ANSWER = {"type": "string", "pattern": r"^([0-9]+|-1 .*)$",
                       "description": "inicio_pagoV2Result como cadena JSON (zonapagos-ws.md §6): el identificador o "
                                      "el error `-1 …`"}


_SOAP_TYPES = {SoapKind.INT: {"type": ["integer", "null"]}, SoapKind.STRING: NULLABLE_STRING,
               SoapKind.DOUBLE: {"type": ["number", "null"]},
               SoapKind.DATETIME: {"type": ["string", "null"], "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d$"}}


def _soap_field(field: Field, form: bool) -> dict[str, Any]:
    if field.kind in (SoapKind.STRING_ARRAY, SoapKind.DOUBLE_ARRAY):
        member = SoapKind.STRING if field.kind is SoapKind.STRING_ARRAY else SoapKind.DOUBLE
        return {"type": ["array", "null"], "items": {"type": "string"} if form else _SOAP_TYPES[member]}
    if field.kind is SoapKind.RECORD_ARRAY:
        assert field.record is not None
        record = {"type": "object", "properties": {f.name: _soap_field(f, False) for f in field.record.fields}}
        return {"type": "array", "items": record}
    if form:  # every posted value is text
        return {"type": "string", **({"maxLength": field.max_length} if field.max_length else {})}
    return _SOAP_TYPES[field.kind]


def form_schema(operation: Operation) -> dict[str, Any]:
    fields = [f for f in operation.inputs if f.kind is not SoapKind.RECORD_ARRAY]
    schema: dict[str, Any] = {"type": "object", "properties": {f.name: _soap_field(f, True) for f in fields}}
    required = [f.name for f in fields if f.required]
    if required:
        schema["required"] = required
    return schema


def answer_schema(operation: Operation) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "required": [f.name for f in operation.outputs],
            "properties": {f.name: _soap_field(f, False) for f in operation.outputs}}


def _json_op(summary: str, request: str, answer: str) -> dict[str, Any]:
    return {
        "summary": summary,
        "requestBody": {"required": True, "content": {"application/json": {
            "schema": {"$ref": f"#/components/schemas/{request}"}}}},
        "responses": {
            "200": {"description": "Respuesta (los errores de negocio también son 200)",
                    "headers": {"X-AspNet-Version": {"schema": {"type": "string"}}},
                    "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{answer}"}}}},
            "400": {"description": "El cuerpo no es JSON", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/WebApiError"}}}},
            "415": {"description": "Content-Type distinto de application/json", "content": {"application/json": {
                "schema": {"$ref": "#/components/schemas/WebApiError"}}}},
            "413": {"description": "Cuerpo mayor que el límite del servidor (1 MiB por defecto)",
                    "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WebApiError"}}}},
        },
    }


def _form_op(summary: str, request: str, answer: str) -> dict[str, Any]:
    operation = _json_op(summary, request, answer)
    form = {"schema": {"$ref": f"#/components/schemas/{request}"}}
    operation["requestBody"] = {"required": True, "content": {"application/x-www-form-urlencoded": form,
                                                              "multipart/form-data": form}}
    operation["responses"]["400"]["description"] = "El cuerpo no es un formulario"
    operation["responses"]["415"]["description"] = "Content-Type distinto de un formulario"
    return operation


def _page(summary: str) -> dict[str, Any]:
    return {"summary": summary, "parameters": [
        {"name": "rut", "in": "query", "required": True, "schema": {"type": "string", "pattern": "^[0-9A-F]{64}$"}}],
        "responses": {"200": {"description": "Página", "content": {"text/html": {"schema": {"type": "string"}}}},
                      "400": {"description": "Enlace alterado (página en español)"},
                      "404": {"description": "Enlace desconocido (página en español)"}}}


def rest_document() -> dict[str, Any]:
    return {
        "openapi": "3.1.0",
        "info": {"title": "ZonaPAGOS REST (simulador pasarela-sim)", "version": "1.0.0",
                 "description": "Apis_CicloPago (JSON), tokenización (código 200) y cobro con token (PagoAPTC), y el "
                                "REST heredado en formulario. "
                                "Credenciales en el cuerpo, sin cabeceras de autenticación."},
        "paths": {
            ciclo_pago.START_PATH: {"post": _json_op("Iniciar un pago (InicioPago)", "InicioPago",
                                                     "RespuestaInicioPago")},
            ciclo_pago.VERIFY_PATH: {"post": _json_op("Verificar un pago (VerificacionPago)", "VerificacionPago",
                                                      "RespuestaVerificacionPago")},
            legacy.START_PATH: {"post": _form_op("inicio_pagoV2 en formulario", "inicio_pagoV2",
                                                 "inicio_pagoV2Respuesta")},
            legacy.VERIFY_PATH: {"post": _form_op("verificar_pago_v3 en formulario", "verificar_pago_v3",
                                                  "verificar_pago_v3Respuesta")},
            pago_aptc.PATH: {"post": _json_op("Cobrar con token (PagoAPTC, tokenización)", "PagoAPTC",
                                              "RespuestaPagoAPTC")},
            ciclo_pago.PAGE_PATH: {"get": _page("Página de pago del str_url")},
            ciclo_pago.TOKEN_PAGE_PATH: {"get": _page("Página de registro de tarjeta (código 200)")},
        },
        "components": {"schemas": {
            "InicioPago": START_REQUEST, "RespuestaInicioPago": START_ANSWER,
            "VerificacionPago": VERIFY_REQUEST, "RespuestaVerificacionPago": VERIFY_ANSWER,
            "inicio_pagoV2": form_schema(INICIO_PAGO_V2), "inicio_pagoV2Respuesta": LEGACY_START_ANSWER,
            "verificar_pago_v3": form_schema(VERIFICAR_PAGO_V3),
            "verificar_pago_v3Respuesta": answer_schema(VERIFICAR_PAGO_V3),
            "PagoAPTC": APTC_REQUEST, "RespuestaPagoAPTC": APTC_ANSWER,
            "WebApiError": WEB_API_ERROR,
        }},
    }


async def serve(call: Call) -> dict[str, Any]:
    return rest_document()


def endpoints() -> list[Endpoint]:
    """The document as a row of the control API (described in /_sim/openapi.json like every /_sim/ route)."""
    return [Endpoint("GET", PATH, "Descripción OpenAPI 3.1 de las API REST de ZonaPAGOS (Apis_CicloPago, "
                     "ApisToken, REST por formulario)", serve, answer=dict[str, Any], tags=("rest",))]

