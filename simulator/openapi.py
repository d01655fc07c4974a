"""The OpenAPI 3.1 description of the control API, served at /_sim/openapi.json.

Request schemas come from the same pydantic models that validate the requests, so they cannot drift;
a test checks that every /_sim/ route of the application is described here.
"""
from __future__ import annotations

from typing import Any

from simulator.certification.models import CertificacionOut
from simulator.control.faults_api import FaultIn
from simulator.zonapagos.control_merchants import MerchantIn, MerchantPatch
from simulator.zonapagos.notification_models import DeliveryOut

PROBLEM = {"description": "Problema (RFC 9457)", "content": {"application/problem+json": {
    "schema": {"$ref": "#/components/schemas/Problem"}}}}
JSON_OK = {"description": "OK", "content": {"application/json": {"schema": {}}}}
HTML_OK = {"description": "Página", "content": {"text/html": {"schema": {"type": "string"}}}}


def _op(summary: str, body: dict | None = None, params: list[str] = (), query: list[str] = (),
        html: bool = False) -> dict[str, Any]:
    operation: dict[str, Any] = {"summary": summary, "responses": {"200": HTML_OK if html else JSON_OK,
                                                                   "400": PROBLEM, "401": PROBLEM, "404": PROBLEM}}
    parameters = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}} for p in params]
    parameters += [{"name": q, "in": "query", "required": False, "schema": {"type": "string"}} for q in query]
    if parameters:
        operation["parameters"] = parameters
    if body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": body}}}
    return operation


def _with_answer(operation: dict[str, Any], schema: dict, conflict: bool = False) -> dict[str, Any]:
    """The operation with its 200 answer's schema (and a 409 problem when the state forbids it)."""
    responses = {**operation["responses"], "200": {"description": "OK", "content": {"application/json": {
        "schema": schema}}}}
    if conflict:
        responses["409"] = PROBLEM
    return {**operation, "responses": responses}


def _delivery_schemas() -> dict[str, Any]:
    """The notification models' JSON schemas, their nested definitions moved to components."""
    schema = DeliveryOut.model_json_schema(ref_template="#/components/schemas/{model}")
    nested = schema.pop("$defs", {})
    return {"Delivery": schema, **nested}


def _obj(**properties: dict) -> dict:
    return {"type": "object", "properties": properties}


STATE = {"type": "integer", "enum": [1, 777, 888, 999, 1000, 1001, 4000, 4001, 4003]}
COMPONENTS = "#/components/schemas/{model}"


def _model_schemas() -> dict[str, Any]:
    """The response models' schemas, referenced from components (pydantic's $defs moved there)."""
    schema = CertificacionOut.model_json_schema(ref_template=COMPONENTS, mode="serialization")
    return {**schema.pop("$defs", {}), "CertificacionOut": schema}


def _certification() -> dict[str, Any]:
    operation = _op("Calificar la integración de un comercio con las reglas de certificación (zonapagos-ws.md "
                    "§10, §15; pse.md §4)", query=["comercio", "desde", "paginas"])
    operation["responses"]["200"] = {"description": "Reglas con su resultado y evidencia", "content": {
        "application/json": {"schema": {"$ref": COMPONENTS.format(model="CertificacionOut")}}}}
    operation["responses"]["409"] = PROBLEM
    return operation


def openapi_document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {
        "/_sim/health": {"get": _op("Estado del simulador (200 cuando está listo)")},
        "/_sim/": {"get": _op("Tablero: pagos, diario y buzón", html=True)},
        "/_sim/openapi.json": {"get": _op("Este documento")},
        "/_sim/payments": {"get": _op("Pagos recientes con sus intentos e historial de estados")},
        "/_sim/payments/{identifier}": {"get": _op("Un pago por identificador", params=["identifier"])},
        "/_sim/payments/{identifier}/outcome": {"post": _op(
            "Forzar el resultado del intento actual", params=["identifier"],
            body=_obj(estado=STATE, forma_pago={"type": "string", "enum": ["pse", "tarjeta"]}))},
        "/_sim/clock": {"get": _op("Hora del simulador")},
        "/_sim/clock/advance": {"post": _op("Adelantar el reloj", body=_obj(segundos={"type": "number"}))},
        "/_sim/clock/reset": {"post": _op("Volver a la hora real")},
        "/_sim/merchants": {"get": _op("Comercios (sin secretos)")},
        "/_sim/merchants/{merchant_id}": {
            "get": _op("Un comercio", params=["merchant_id"]),
            "put": _op("Crear o reemplazar un comercio", params=["merchant_id"], body=MerchantIn.model_json_schema()),
            "patch": _op("Ajustar un comercio", params=["merchant_id"], body=MerchantPatch.model_json_schema()),
        },
        "/_sim/merchants/{merchant_id}/siguiente-resultado": {
            "post": _op("Programar el resultado del próximo pago del comercio", params=["merchant_id"],
                        body=_obj(estado=STATE, forma_pago={"type": "string", "enum": ["pse", "tarjeta"]})),
            "delete": _op("Cancelar el resultado programado", params=["merchant_id"]),
        },
        "/_sim/notificaciones": {"get": _with_answer(_op(
            "Notificaciones a comercios (NotificarPagos y tokens) con sus intentos, más reciente primero",
            query=["comercio", "limite"]), {"type": "array", "items": {"$ref": "#/components/schemas/Delivery"}})},
        "/_sim/notificaciones/{delivery_id}": {"get": _with_answer(_op(
            "Una notificación con sus intentos", params=["delivery_id"]), {"$ref": "#/components/schemas/Delivery"})},
        "/_sim/notificaciones/{delivery_id}/reenviar": {"post": _with_answer(_op(
            "Reenviar ya una notificación pendiente o fallida (409 si ya fue entregada)", params=["delivery_id"]),
            {"$ref": "#/components/schemas/Delivery"}, conflict=True)},
        "/_sim/reset": {"post": _op("Vaciar todos los datos y sembrar de nuevo los de demostración")},
        "/_sim/associates": {"get": _op("Asociados de la cooperativa con sus productos y saldos", query=["limite"])},
        "/_sim/associates/{document_type}/{document}": {"get": _op(
            "Un asociado por documento (CC, CE, …)", params=["document_type", "document"])},
        "/_sim/faults": {
            "get": _op("Reglas de fallas y latencia"),
            "post": _op("Agregar una regla", body=FaultIn.model_json_schema()),
            "delete": _op("Quitar todas las reglas"),
        },
        "/_sim/faults/{rule_id}": {"delete": _op("Quitar una regla", params=["rule_id"])},
        "/_sim/journal": {
            "get": _op("Diario de solicitudes (cuerpos enmascarados), más reciente primero",
                       query=["operacion", "canal", "desde", "limite"]),
            "delete": _op("Vaciar el diario"),
        },
        "/_sim/inbox": {"get": _op("Buzón: correos y SMS enviados, más reciente primero", query=["para"])},
        "/_sim/buzon": {"get": _op("Buzón como página", html=True, query=["para"])},
        "/_sim/pse/transacciones": {"get": _op("Transacciones de ACH PSE")},
        "/_sim/pse/transacciones/{cus}": {"get": _op("Una transacción PSE por CUS", params=["cus"])},
        "/_sim/pse/transacciones/{cus}/estado": {"post": _op(
            "Forzar el estado PSE", params=["cus"],
            body=_obj(estado={"type": "string", "enum": ["OK", "NOT_AUTHORIZED", "PENDING", "FAILED"]}))},
        "/_sim/red-coopcentral/cuentas": {"get": _op(
            "Cuentas de un asociado en la Red Coopcentral (banco 1066), con saldos, tope y frecuencia del día",
            query=["tipo", "numero"])},
        "/_sim/red-coopcentral/debitos/{cus}": {"get": _op("El débito de la Red Coopcentral para un CUS",
                                                            params=["cus"])},
        "/_sim/certificacion": {"get": _certification()},
        "/_sim/certificacion/informe": {"get": _op(
            "Informe de certificación en HTML, con la línea de tiempo de cada pago", html=True,
            query=["comercio", "desde", "paginas"])},
        "/_sim/certificacion/": {"get": _op("Ensayo guiado de la certificación (página)", html=True,
                                            query=["comercio"])},
    }
    return {
        "openapi": "3.1.0",
        "info": {"title": "pasarela-sim: API de control", "version": "1",
                 "description": "Controla el mundo simulado: datos, resultados forzados, reloj, fallas, diario, buzón."},
        "components": {
            "schemas": {"Problem": _obj(type={"type": "string"}, title={"type": "string"},
                                        status={"type": "integer"}, detail={"type": "string"}),
                        **_delivery_schemas(), **_model_schemas()},
            "securitySchemes": {"token": {"type": "http", "scheme": "bearer",
                                          "description": "Solo cuando el simulador escucha fuera de loopback"}},
        },
        "paths": paths,
    }
