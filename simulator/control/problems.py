"""The control API's plumbing under /_sim/: JSON in, errors as JSON problems (RFC 9457), one error guard."""
from __future__ import annotations

import json
import logging
import re
from typing import Any

from aiohttp import web

from domain.shared.errors import DomainError, IllegalTransition
from simulator.web.iis_router import path_under


def problem(status: int, title: str, detail: str = "") -> web.Response:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
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


TOO_LARGE_PAGE = (
    "<!doctype html><html lang='es'><head><meta charset='utf-8'><title>Solicitud demasiado grande</title></head>"
    "<body><h1>Solicitud demasiado grande</h1><p>Los datos enviados superan el tamaño máximo permitido. "
    "Vuelva a la página anterior y revise el formulario.</p></body></html>"
)


@web.middleware
async def control_errors(request: web.Request, handler):
    """Every error under /_sim/ becomes a JSON problem; never an HTML page or a traceback. A page's form
    over the body limit gets a Spanish page."""
    if not path_under(request.path, "/_sim/"):
        try:
            return await handler(request)
        except web.HTTPRequestEntityTooLarge:
            if request.path.lower().endswith(".asmx"):
                raise  # SOAP callers get the plain 413, as IIS answers
            return web.Response(status=413, content_type="text/html", text=TOO_LARGE_PAGE)
    try:
        return await handler(request)
    except IllegalTransition as error:
        return problem(409, "Transición de estado no permitida", error.message)
    except DomainError as error:
        return problem(400, "Solicitud no válida", error.message)
    except web.HTTPException as error:
        if error.status < 400:
            raise
        return problem(error.status, error.reason or "Error", error.text or "")
    except Exception:
        logging.getLogger("pasarela.control").exception("control API error")
        return problem(500, "Error interno del simulador")
