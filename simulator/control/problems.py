"""The control API's plumbing under /_sim/: JSON in, errors as JSON problems (RFC 9457), one error guard."""
from __future__ import annotations

import json
import logging
from typing import Any

from aiohttp import web

from domain.shared.errors import DomainError, IllegalTransition
from simulator.web.iis_router import path_under


def problem(status: int, title: str, detail: str = "") -> web.Response:
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail}
    return web.Response(status=status, text=json.dumps(body, ensure_ascii=False),
                        content_type="application/problem+json")


async def read_json(request: web.Request) -> dict[str, Any]:
    try:
        data = await request.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise DomainError("El cuerpo debe ser JSON válido")
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
