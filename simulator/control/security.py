"""Web security of the simulator: the control API's token and the headers every page carries."""
from __future__ import annotations

import hmac
import ipaddress
import secrets

from aiohttp import web

from simulator.web.iis_router import fold_case, path_under

CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
       "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'")
PAGE_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",  # PSE: the payer's window is never framed
    "Referrer-Policy": "same-origin",
}
OPEN_PATHS = {"/_sim/health"}


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def control_token_for(host: str, configured: str | None) -> str | None:
    """The token /_sim/ requires: the configured one, or a new one when listening beyond loopback."""
    if configured:
        return configured
    return None if is_loopback(host) else secrets.token_urlsafe(24)


def control_guard(token: str | None):
    """Require `Authorization: Bearer <token>` (or `X-Pasarela-Token`, or `?token=`) under /_sim/."""
    @web.middleware
    async def middleware(request: web.Request, handler):
        # Any spelling of /_sim/ reaches the control API (paths are case-insensitive), so any spelling is guarded.
        if token is None or not path_under(request.path, "/_sim/") or fold_case(request.path) in OPEN_PATHS:
            return await handler(request)
        auth = request.headers.get("Authorization", "")
        offered = (auth[7:] if auth.startswith("Bearer ") else "") or request.headers.get("X-Pasarela-Token", "") \
            or request.query.get("token", "")
        if not hmac.compare_digest(offered.encode(), token.encode()):
            raise web.HTTPUnauthorized(text="Se requiere el token de la API de control",
                                       headers={"WWW-Authenticate": "Bearer"})
        return await handler(request)
    return middleware


async def page_headers(request: web.Request, response: web.StreamResponse) -> None:
    """Security headers on every HTML page (SOAP and JSON answers keep the real services' headers)."""
    if response.content_type == "text/html":
        for name, value in PAGE_HEADERS.items():
            response.headers.setdefault(name, value)
