"""The control API's plumbing under /_sim/: JSON in, errors as JSON problems (RFC 9457), one error guard."""
from __future__ import annotations

import json
import logging
import re
from typing import Any

from aiohttp import web
from pydantic import BaseModel, Field, ValidationError

from domain.shared.errors import DomainError, IllegalTransition
from simulator.web.iis_router import path_under


class FieldError(BaseModel):
    campo: str = Field(description="El campo (o parámetro de consulta) rechazado, con puntos entre niveles")
    mensaje: str


class Problem(BaseModel):
    """An error of the control API (RFC 9457); `errores` lists the fields a model refused."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errores: list[FieldError] | None = None


class InvalidFields(DomainError):
    """A body or query string its model refused: a 400 problem naming each field."""

    def __init__(self, message: str, fields: list[FieldError]):
        super().__init__(message)
        self.fields = fields


_MESSAGES = {
    "missing": "es obligatorio", "extra_forbidden": "no es un campo conocido",
    "int_parsing": "debe ser un número entero", "int_type": "debe ser un número entero",
    "int_from_float": "debe ser un número entero", "float_parsing": "debe ser un número",
    "float_type": "debe ser un número", "bool_parsing": "debe ser true o false", "bool_type": "debe ser true o false",
    "string_type": "debe ser texto", "string_pattern_mismatch": "no tiene el formato esperado",
    "string_too_short": "es demasiado corto (mínimo {min_length})",
    "string_too_long": "es demasiado largo (máximo {max_length})",
    "greater_than_equal": "debe ser mayor o igual a {ge}", "less_than_equal": "debe ser menor o igual a {le}",
    "greater_than": "debe ser mayor que {gt}", "less_than": "debe ser menor que {lt}",
    "enum": "debe ser uno de: {expected}", "literal_error": "debe ser uno de: {expected}",
    "finite_number": "debe ser un número finito", "model_type": "debe ser un objeto JSON",
}


def _spanish(error: Any) -> str:
    template = _MESSAGES.get(error["type"])
    if template is None:
        return str(error["msg"])
    context = dict(error.get("ctx", {}))
    if isinstance(context.get("expected"), str):  # pydantic lists choices as "'a', 'b' or 'c'"
        context["expected"] = re.sub(r" or (?=\S+$)", " o ", context["expected"])
    try:
        return template.format(**context)
    except (KeyError, IndexError):
        return str(error["msg"])


def invalid_fields(error: ValidationError) -> InvalidFields:
    fields = [FieldError(campo=".".join(str(p) for p in e["loc"]) or "cuerpo", mensaje=_spanish(e))
              for e in error.errors()]
    first = fields[0]
    return InvalidFields(f"Campo '{first.campo}' no válido: {first.mensaje}", fields)


def problem(status: int, title: str, detail: str = "", fields: list[FieldError] | None = None) -> web.Response:
    body = Problem(title=title, status=status, detail=detail, errores=fields).model_dump(exclude_none=True)
    return web.Response(status=status, text=json.dumps(body, ensure_ascii=False),
                        content_type="application/problem+json")


MAX_JSON_DEPTH = 64  # the control API's bodies are a few levels deep; json.loads recurses once per level
_JSON_STRUCTURE = re.compile(r'[\[\]{}"\\]')


def json_depth_exceeds(text: str, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when arrays and objects in `text` nest deeper than `limit` (brackets inside strings do not
    count). A scan without recursion, before `json.loads`, which would raise RecursionError."""
    depth, in_string, skip = 0, False, -1
    for match in _JSON_STRUCTURE.finditer(text):
        at, char = match.start(), match.group()
        if at == skip:  # the character after a backslash inside a string
            continue
        if in_string:
            if char == "\\":
                skip = at + 1
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            if depth > limit:
                return True
        elif char in "]}":
            depth -= 1
    return False


async def read_json(request: web.Request) -> dict[str, Any]:
    """The body as a JSON object; anything else (not JSON, an unknown charset, nested deeper than
    MAX_JSON_DEPTH, not an object) is a DomainError, i.e. a 400 problem."""
    raw = await request.read()
    try:
        text = raw.decode(request.charset or "utf-8")
    except LookupError:
        raise DomainError("El cuerpo declara una codificación (charset) desconocida") from None
    except UnicodeDecodeError:
        raise DomainError("El cuerpo debe ser JSON válido") from None
    if json_depth_exceeds(text):
        raise DomainError(f"El cuerpo JSON anida más de {MAX_JSON_DEPTH} niveles")
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        raise DomainError("El cuerpo debe ser JSON válido") from None
    if not isinstance(data, dict):
        raise DomainError("El cuerpo debe ser un objeto JSON")
    return data


TITLES = {401: "Token de la API de control requerido", 404: "No encontrado", 405: "Método no permitido",
          413: "Solicitud demasiado grande"}

TOO_LARGE_MESSAGE = "The request entity is too large."
TOO_LARGE_PAGE = (
    "<!doctype html><html lang='es'><head><meta charset='utf-8'><title>Solicitud demasiado grande</title></head>"
    "<body><h1>Solicitud demasiado grande</h1><p>Los datos enviados superan el tamaño máximo permitido. "
    "Vuelva a la página anterior y revise el formulario.</p></body></html>"
)


@web.middleware
async def control_errors(request: web.Request, handler):
    """Every error under /_sim/ becomes a JSON problem; never an HTML page or a traceback. A page's form
    over the body limit gets a Spanish page, a REST API call (a path under an `/api/` folder) Web API's JSON error."""
    if not path_under(request.path, "/_sim/"):
        try:
            return await handler(request)
        except web.HTTPRequestEntityTooLarge:
            if request.path.lower().endswith(".asmx"):
                raise  # SOAP callers get the plain 413, as IIS answers
            if "/api/" in request.path.lower():  # ASP.NET Web API (the REST generations): its JSON error form
                return web.json_response({"Message": TOO_LARGE_MESSAGE}, status=413)
            return web.Response(status=413, content_type="text/html", text=TOO_LARGE_PAGE)
    try:
        return await handler(request)
    except IllegalTransition as error:
        return problem(409, "Transición de estado no permitida", error.message)
    except InvalidFields as error:
        return problem(400, "Solicitud no válida", error.message, error.fields)
    except DomainError as error:  # a rule that names its field says so in `errores` too, as a model's refusal does
        fields = [FieldError(campo=error.field, mensaje=error.message)] if error.field else None
        return problem(400, "Solicitud no válida", error.message, fields)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return problem(error.status, TITLES.get(error.status, error.reason or "Error"), error.text or "")
    except Exception:
        logging.getLogger("pasarela.control").exception("control API error")
        return problem(500, "Error interno del simulador")
