"""The OpenAPI 3.1 description of the control API, served at /_sim/openapi.json, generated from the route
table (the `Endpoint` rows simulator/app.py registers) and the pydantic models that validate requests and
shape answers: nothing here is written by hand per operation, so the document cannot drift from the code.
"""
from __future__ import annotations

import re
from typing import Any

from pydantic import TypeAdapter

from simulator.control.endpoint import Endpoint
from simulator.control.problems import Problem

REF = "#/components/schemas/{model}"
SECURITY = [{"token": []}, {"cabecera": []}, {"consulta": []}]
SECURITY_SCHEMES = {
    "token": {"type": "http", "scheme": "bearer",
              "description": "El token de la API de control (--control-token o PASARELA_CONTROL_TOKEN). Se exige "
                             "cuando hay uno configurado y siempre que el simulador escucha fuera de loopback."},
    "cabecera": {"type": "apiKey", "in": "header", "name": "X-Pasarela-Token", "description": "El mismo token"},
    "consulta": {"type": "apiKey", "in": "query", "name": "token",
                 "description": "El mismo token en la URL (útil para abrir el tablero en un navegador)"},
}
ERRORS = {400: "Solicitud no válida: el detalle y `errores` nombran el campo",
          401: "Falta el token de la API de control o no es el correcto", 404: "No encontrado",
          409: "Transición de estado no permitida (el estado actual no puede pasar al pedido)"}
LINK = {"Link": {"description": 'La página siguiente: `<…?limite=N&desde=CURSOR>; rel="next"`; '
                                'no viene en la última página', "schema": {"type": "string"}}}


class SchemaBook:
    """Every schema the document names, under components/schemas; one name, one schema."""

    def __init__(self) -> None:
        self.schemas: dict[str, Any] = {}

    def schema_of(self, kind: Any, mode: str = "serialization") -> dict[str, Any]:
        schema = TypeAdapter(kind).json_schema(mode=mode, ref_template=REF)
        for name, definition in schema.pop("$defs", {}).items():
            self._add(name, definition)
        title = schema.get("title")
        if schema.get("type") == "object" and title and "properties" in schema:  # a model: by reference
            self._add(title, schema)
            return {"$ref": REF.format(model=title)}
        return schema

    def _add(self, name: str, definition: dict[str, Any]) -> None:
        known = self.schemas.setdefault(name, definition)
        if known != definition:
            raise ValueError(f"two different schemas named {name}: rename one of the models")


def _operation_id(endpoint: Endpoint) -> str:
    """method_and_path: a path ending in a slash (a page's index, `/_sim/certificacion/`) ends in `_indice`, so
    it never meets the id of the same path without the slash (`/_sim/certificacion`, its JSON)."""
    path = endpoint.path[:-1] + "_indice" if endpoint.path.endswith("/") else endpoint.path
    return re.sub(r"_+", "_", re.sub(r"[^A-Za-z0-9]", "_", f"{endpoint.method.lower()}{path}")).strip("_")


def _parameters(endpoint: Endpoint, book: SchemaBook) -> list[dict[str, Any]]:
    parameters = [{"name": name, "in": "path", "required": True, "schema": {"type": "string"},
                   "description": endpoint.path_doc.get(name, name)}
                  for name in re.findall(r"\{(\w+)\}", endpoint.path)]
    query = endpoint.query.model_json_schema(ref_template=REF)
    for name, schema in query.get("properties", {}).items():
        description = schema.pop("description", None)
        schema.pop("title", None)
        parameter = {"name": name, "in": "query", "required": name in query.get("required", []), "schema": schema}
        if description:
            parameter["description"] = description
        parameters.append(parameter)
    return parameters


def _operation(endpoint: Endpoint, book: SchemaBook) -> dict[str, Any]:
    operation: dict[str, Any] = {"operationId": _operation_id(endpoint), "summary": endpoint.summary,
                                 "tags": list(endpoint.tags)}
    parameters = _parameters(endpoint, book)
    if parameters:
        operation["parameters"] = parameters
    if endpoint.body is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {
            "schema": book.schema_of(endpoint.body, mode="validation")}}}
    if endpoint.html:
        success: dict[str, Any] = {"description": "Página", "content": {"text/html": {"schema": {"type": "string"}}}}
    else:
        answer = list[endpoint.answer] if endpoint.paged else endpoint.answer
        success = {"description": "Una página de la lista, en orden" if endpoint.paged else "OK",
                   "content": {"application/json": {"schema": book.schema_of(answer)}}}
        if endpoint.paged:
            success["headers"] = LINK
    responses: dict[str, Any] = {str(endpoint.status): success}
    errors = set(endpoint.errors)
    if parameters or endpoint.body is not None:
        errors.add(400)
    if endpoint.guarded:
        errors.add(401)
        operation["security"] = SECURITY
    else:
        operation["security"] = []  # open even when a token is configured
    for status in sorted(errors):
        responses[str(status)] = {"description": ERRORS.get(status, "Error"), "content": {
            "application/problem+json": {"schema": {"$ref": REF.format(model="Problem")}}}}
    operation["responses"] = responses
    return operation


def openapi_document(endpoints: list[Endpoint]) -> dict[str, Any]:
    """The document for these endpoints (the control API the application serves)."""
    book = SchemaBook()
    book.schema_of(Problem)
    paths: dict[str, dict[str, Any]] = {}
    seen: set[str] = set()
    for endpoint in endpoints:
        operation = _operation(endpoint, book)
        if operation["operationId"] in seen:
            raise ValueError(f"two operations named {operation['operationId']}: rename one of the paths")
        seen.add(operation["operationId"])
        paths.setdefault(endpoint.path, {})[endpoint.method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {"title": "pasarela-sim: API de control", "version": "2",
                 "description": "Controla el mundo simulado: datos, resultados forzados, reloj, fallas, diario, buzón, "
                                "notificaciones a comercios, certificación. "
                                "Claves en español; las listas se paginan con `limite` y `desde` y traen la "
                                "página siguiente en la cabecera `Link` (rel=\"next\"). Errores: "
                                "application/problem+json (RFC 9457)."},
        "components": {"schemas": book.schemas, "securitySchemes": SECURITY_SCHEMES},
        "paths": paths,
    }
