"""The recaudo portal as an aiohttp application, mounted by the composition root at `/recaudo/`.

At startup it opens an HTTP client session for the gateway adapter (built by the injected factory),
reads its form secret, and starts the sonda's background task; at cleanup it stops both.
"""
from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

import aiohttp
from aiohttp import web

from adapters.bot_check import bot_check
from adapters.portal import pages_identity as identity
from adapters.portal import pages_payment as payment
from adapters.portal import pages_result as result
from adapters.portal.config import PortalPorts, PortalSettings
from adapters.portal.signing import FormSigner
from adapters.portal.sonda_task import SondaRunner
from adapters.portal.web import PORTAL_KEY, STATIC, Portal, page_errors, portal_of

if TYPE_CHECKING:
    from collections.abc import AsyncIterator, Callable

SONDA_KEY = web.AppKey("sonda", SondaRunner)
BOT_CHECK_PURPOSE = "recaudo-identificacion"  # the identification form's (step 3); no other form accepts its tokens
BOT_CHECK_LIFETIME_SECONDS = 30 * 60


def _routes() -> list[web.AbstractRouteDef]:
    return [
        web.get("/", identity.home),
        web.post("/identificar", identity.identify),
        web.post("/consultar", identity.request_code),
        web.get("/codigo", identity.code_dialog),
        web.post("/codigo", identity.accept_code),
        web.post("/codigo/reenviar", identity.resend_code),
        web.post("/cerrar", identity.close),
        web.get("/productos", payment.products),
        web.post("/productos", payment.choose_products),
        web.get("/pagador", payment.payer),
        web.post("/pagador", payment.set_payer),
        web.get("/detalle", payment.detail),
        web.post("/detalle", payment.start),
        web.get("/retorno", result.payment_return),
        web.post("/_sonda/ejecutar", _sonda_now),
        web.get("/static/{name:.+}", _static_file),
    ]


# The portal's files, listed once: a request picks one by name and its path never reaches the file system
# (aiohttp's static route stats it: a 256-character name was an OSError, ENAMETOOLONG, answered 500).
# Keyed in lower case: a name in any (ASCII) case is the same file, as IIS serves them.
STATIC_FILES = {path.relative_to(STATIC).as_posix().lower(): path for path in STATIC.rglob("*") if path.is_file()}


async def _static_file(request: web.Request) -> web.StreamResponse:
    name = request.match_info["name"]
    path = STATIC_FILES.get(name.lower()) if name.isascii() else None
    if path is None:
        raise web.HTTPNotFound()
    return web.FileResponse(path)


async def _sonda_now(request: web.Request) -> web.StreamResponse:
    return await result.sonda_now(request, request.config_dict[SONDA_KEY])


def _lifecycle(portal: Portal) -> Callable[[web.Application], AsyncIterator[None]]:
    async def run(app: web.Application) -> AsyncIterator[None]:
        session = aiohttp.ClientSession()
        portal.gateway = portal.ports.gateway_factory(session)
        runner = app[SONDA_KEY]
        async with runner.running(portal.settings.sonda_tick_seconds):
            yield
        portal.gateway = None
        await session.close()
    return run


def create_portal_app(ports: PortalPorts, settings: PortalSettings) -> web.Application:
    """The portal's pages; mount it with `app.add_subapp("/recaudo/", create_portal_app(...))`."""
    secret = ports.form_secret(secrets.token_hex(32)).encode()
    bot = bot_check(settings.bot_check, lambda: secret, BOT_CHECK_LIFETIME_SECONDS, BOT_CHECK_PURPOSE)
    portal = Portal(ports, settings, FormSigner(secret), bot)
    app = web.Application(middlewares=[page_errors], client_max_size=64 * 1024)
    app[PORTAL_KEY] = portal
    app[SONDA_KEY] = SondaRunner(portal)
    app.add_routes(_routes())
    app.cleanup_ctx.append(_lifecycle(portal))
    return app


__all__ = ["create_portal_app", "portal_of"]
