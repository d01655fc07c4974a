"""What every page of the portal shares: templates, the visit cookie, CSRF, security headers, errors.

The visit cookie carries an opaque random id. Once the associate is identified it is also the id of
their RecaudoSession (a new id then, so a planted cookie never becomes an identified session).
"""
from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape

from adapters.portal.config import PortalPorts, PortalSettings
from adapters.portal.signing import FormSigner
from domain.shared.errors import DomainError
from domain.shared.money import Money
from ports.bot_check import BotCheck
from ports.payment_gateway import PaymentGateway

if TYPE_CHECKING:
    from aiohttp.typedefs import Handler

log = logging.getLogger("pasarela.portal")
_Response = TypeVar("_Response", bound=web.StreamResponse)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
COOKIE = "recaudo_visita"
COOKIE_PATH = "/recaudo"
CSRF_FORM = "recaudo"
EXPIRED_FORM = "La página expiró o no es válida. Ingrese de nuevo su documento para continuar."

ENVIRONMENT = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(default=True),
                          trim_blocks=True, lstrip_blocks=True)


def _money(value: Money | None) -> str:
    return value.format() if isinstance(value, Money) else ""


def _day(value: date | datetime | None) -> str:
    return value.strftime("%d/%m/%Y") if value else ""


def _moment(value: datetime | None) -> str:
    return value.strftime("%d/%m/%Y %H:%M:%S") if value else ""


ENVIRONMENT.filters.update(money=_money, day=_day, moment=_moment)


@dataclass
class Portal:
    """The portal's running parts, kept on the aiohttp application."""

    ports: PortalPorts
    settings: PortalSettings
    signer: FormSigner
    bot: BotCheck
    gateway: PaymentGateway | None = None  # built at startup (it needs an aiohttp ClientSession)

    def csp(self) -> str:
        forms = " ".join(filter(None, ("'self'", self.settings.gateway_origin)))
        return ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                f"form-action {forms}; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")


PORTAL_KEY = web.AppKey("portal", Portal)


def portal_of(request: web.Request) -> Portal:
    return request.config_dict[PORTAL_KEY]


def visit_of(request: web.Request) -> str:
    value = request.cookies.get(COOKIE, "")
    return value if 20 <= len(value) <= 64 and value.replace("-", "").replace("_", "").isalnum() else ""


def new_visit() -> str:
    return secrets.token_urlsafe(24)


def set_visit(request: web.Request, response: web.StreamResponse, visit: str) -> None:
    response.set_cookie(COOKIE, visit, path=COOKIE_PATH, httponly=True, samesite="Lax", secure=request.secure)


def secure_headers(portal: Portal, response: _Response) -> _Response:
    response.headers["Content-Security-Policy"] = portal.csp()
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers["Cache-Control"] = "no-store"
    return response


def render(request: web.Request, template: str, status: int = 200, visit: str | None = None,
           **context: Any) -> web.Response:
    """An HTML page; `visit` (the current or a new visit id) signs its forms and is set as the cookie."""
    portal = portal_of(request)
    visit = visit or visit_of(request) or new_visit()
    html = ENVIRONMENT.get_template(template).render(
        csrf=portal.signer.token(CSRF_FORM, visit), entity_name=context.pop("entity_name", ""), **context)
    response = web.Response(text=html, status=status, content_type="text/html", charset="utf-8")
    if visit != visit_of(request):
        set_visit(request, response, visit)
    return secure_headers(portal, response)


def see_other(request: web.Request, location: str, visit: str | None = None) -> web.Response:
    response = web.Response(status=303, headers={"Location": location})
    if visit is not None and visit != visit_of(request):
        set_visit(request, response, visit)
    secure_headers(portal_of(request), response)
    return response


def notice(request: web.Request, heading: str, message: str, status: int = 400, link: str = "/recaudo/",
           link_text: str = "Volver al inicio") -> web.Response:
    return render(request, "aviso.html", status=status, heading=heading, message=message, link=link,
                  link_text=link_text, kind="aviso" if status < 400 else "error")


async def read_form(request: web.Request) -> dict[str, str]:
    """The posted fields as text (files, undecodable bodies and unknown charsets refused with a Spanish message)."""
    try:
        data = await request.post()
    except (ValueError, UnicodeDecodeError, LookupError):  # LookupError: `charset=bogus`
        raise DomainError("Los datos enviados no son válidos. Vuelva a la página anterior.") from None
    form: dict[str, str] = {}
    for key in data:
        value = data.get(key)
        if isinstance(value, str):
            form[key] = value[:500]
    return form


def csrf_ok(request: web.Request, form: dict[str, str]) -> bool:
    return portal_of(request).signer.check(CSRF_FORM, visit_of(request), form.get("csrf", ""))


@web.middleware
async def page_errors(request: web.Request, handler: Handler) -> web.StreamResponse:
    """No traceback ever: a refused rule is a Spanish page, anything unexpected a generic one (logged)."""
    try:
        return await handler(request)
    except web.HTTPException as error:
        if error.status == 404:
            return notice(request, "Página no encontrada", "La dirección no existe en el portal de recaudo.", 404)
        if error.status == 405:
            return notice(request, "Acción no permitida", "Use los botones de la página para continuar.", 405)
        if error.status == 413:
            return notice(request, "Datos demasiado grandes", "Los datos enviados superan el tamaño permitido.", 413)
        raise
    except DomainError as error:
        return notice(request, "No es posible continuar", error.message, 400)
    except Exception:
        log.exception("error inesperado en el portal de recaudo %s", request.path)
        return notice(request, "Error inesperado",
                      "Ocurrió un error inesperado en el portal. Intente de nuevo en unos minutos.", 500)
