"""What every Red Coopcentral page handler shares: the visit's cookie, the Spanish notice page and the
guard that turns an unexpected error into one (never a traceback)."""
from __future__ import annotations

import functools
import logging
from typing import Any, Awaitable, Callable

from aiohttp import web

from simulator.coopcentral.flow import VisitGone
from simulator.web.forms import form_text
from simulator.web.templating import render

log = logging.getLogger("pasarela.coopcentral")

COOKIE = "red_coopcentral"  # names the visit; HttpOnly, path /coopcentral
COOKIE_PATH = "/coopcentral"
EXPIRED = "La página expiró o no es válida. Revise los datos e intente de nuevo."
Handler = Callable[[Any, web.Request], Awaitable[web.StreamResponse]]


def text(form: Any, name: str, limit: int = 100) -> str:
    return form_text(form, name, limit)


def notice(request: web.Request, heading: str, message: str, status: int, back_url: str = "") -> web.Response:
    return render(request, "coopcentral/aviso.html", status=status, heading=heading, text=message,
                  back_url=back_url)


def never_fails(handler: Handler) -> Handler:
    """Unexpected errors become a Spanish page (logged), never a traceback."""
    @functools.wraps(handler)
    async def wrapped(self: Any, request: web.Request) -> web.StreamResponse:
        try:
            return await handler(self, request)
        except web.HTTPException:
            raise
        except VisitGone as gone:
            return notice(request, "Sesión terminada", f"{gone.message}. Regrese al comercio e intente el pago de "
                          "nuevo.", 400)
        except Exception:
            log.exception("error inesperado en %s", request.path)
            return notice(request, "Error inesperado", "Ocurrió un error inesperado en la Red Coopcentral. "
                          "Intente de nuevo en unos minutos.", 500)
    return wrapped
