"""Reading the simulated world's HTML forms: never an exception for a body that is not a form."""
from __future__ import annotations

from typing import Any

from aiohttp import web
from multidict import MultiDictProxy


async def read_form(request: web.Request) -> MultiDictProxy | None:
    """The posted form, or None when the body cannot be read as one (the page then says so in Spanish)."""
    try:
        return await request.post()
    except (ValueError, UnicodeDecodeError):
        return None


def form_text(form: Any, name: str, limit: int | None = None) -> str:
    """A field's text ("" when absent, not text — a file — or no form), cut at `limit` characters."""
    value = form.get(name, "") if form is not None else ""
    if not isinstance(value, str):
        return ""
    return value if limit is None else value[:limit]
