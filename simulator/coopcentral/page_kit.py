"""What every Red Coopcentral page handler shares: the visit's cookie, the Spanish notice page and the
guard that turns an unexpected error into one (never a traceback)."""
from __future__ import annotations

import logging
from typing import Any

from aiohttp import web

from simulator.coopcentral.flow import VisitGone
from simulator.web.forms import form_text
from simulator.web.guards import page_guard
from simulator.web.templating import render

log = logging.getLogger("pasarela.coopcentral")

COOKIE = "red_coopcentral"  # names the visit; HttpOnly, path /coopcentral
COOKIE_PATH = "/coopcentral"
EXPIRED = "La página expiró o no es válida. Revise los datos e intente de nuevo."


def text(form: Any, name: str, limit: int = 100) -> str:
    return form_text(form, name, limit)


def notice(request: web.Request, heading: str, message: str, status: int, back_url: str = "") -> web.Response:
    return render(request, "coopcentral/aviso.html", status=status, heading=heading, text=message,
                  back_url=back_url)


never_fails = page_guard(
    log,
    lambda request, _: notice(request, "Error inesperado", "Ocurrió un error inesperado en la Red Coopcentral. "
                              "Intente de nuevo en unos minutos.", 500),
    ((VisitGone, lambda request, gone: notice(request, "Sesión terminada", f"{gone.message}. Regrese al comercio "
                                              "e intente el pago de nuevo.", 400)),),
)
