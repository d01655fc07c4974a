"""Server-rendered pages: one Jinja2 environment over simulator/templates/, autoescaped."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, select_autoescape

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
STATIC = Path(__file__).resolve().parent.parent / "static"

ENVIRONMENT = Environment(
    loader=FileSystemLoader(str(TEMPLATES)),
    autoescape=select_autoescape(default=True, default_for_string=True),
    trim_blocks=True,
    lstrip_blocks=True,
)


def render_text(template: str, **context: Any) -> str:
    return ENVIRONMENT.get_template(template).render(**context)


def render(request: web.Request | None, template: str, status: int = 200, **context: Any) -> web.Response:
    """An HTML response from `template` (a path under simulator/templates/, e.g. "pse/inicio.html")."""
    response = web.Response(text=render_text(template, **context), status=status, content_type="text/html",
                            charset="utf-8")
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Frame-Options"] = "DENY"  # PSE pages must never be framed (pse.md §4)
    return response


def static_routes() -> list[web.AbstractRouteDef]:
    """`/static/` → simulator/static/ (the one static route of the simulator).

    The files are listed once at start-up and a request only picks one of them by name: the path a client
    sends never reaches the file system (aiohttp's own static route stats it, and a 256-character name
    made that an OSError, ENAMETOOLONG, answered 500). Anything not listed is a 404. Names are looked up in
    lower case: a name in any (ASCII) case is the same file, as IIS serves them."""
    files = {path.relative_to(STATIC).as_posix().lower(): path for path in STATIC.rglob("*") if path.is_file()}

    async def static_file(request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        path = files.get(name.lower()) if name.isascii() else None
        if path is None:
            raise web.HTTPNotFound()
        return web.FileResponse(path)

    async def favicon(request: web.Request) -> web.StreamResponse:
        return web.FileResponse(STATIC / "favicon.ico")  # what a browser asks for by itself: never a 404

    return [web.get("/static/{name:.+}", static_file), web.get("/favicon.ico", favicon)]
