"""Reading the simulated world's HTML forms: never an exception for a body that is not a form."""
from __future__ import annotations

from typing import Any

from aiohttp import web
from multidict import MultiDict, MultiDictProxy, MultiMapping


async def read_form(request: web.Request) -> MultiDictProxy | None:
    """The posted form, or None when the body cannot be read as one (the page then says so in Spanish)."""
    try:
        return await request.post()
    except (ValueError, UnicodeDecodeError):
        return None


def asp_fields(query: MultiMapping[str], form: MultiMapping[Any]) -> MultiDictProxy[Any]:
    """A request's fields as classic ASP's `Request("name")` reads them on IIS: the query string first, then
    the posted form, so a name sent in both answers the query string's value."""
    merged: MultiDict[Any] = MultiDict(query)
    merged.extend(form)
    return MultiDictProxy(merged)


def form_text(form: Any, name: str, limit: int | None = None) -> str:
    """A field's text ("" when absent, not text — a file — or no form), cut at `limit` characters."""
    value = form.get(name, "") if form is not None else ""
    if not isinstance(value, str):
        return ""
    return value if limit is None else value[:limit]
