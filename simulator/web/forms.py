"""Reading the simulated world's HTML forms: never an exception for a body that is not a form."""
from __future__ import annotations

from email.parser import BytesParser
from email.policy import HTTP
from typing import Any

from aiohttp import web
from multidict import MultiDict, MultiDictProxy, MultiMapping

UNKNOWN_CHARSET_PAGE = (
    "<!doctype html><html lang='es'><head><meta charset='utf-8'><title>Codificación desconocida</title></head>"
    "<body><h1>Codificación desconocida</h1><p>Los datos enviados declaran una codificación de caracteres "
    "(charset) que no se conoce. Vuelva a la página anterior y envíe el formulario desde el navegador.</p>"
    "</body></html>"
)


async def read_form(request: web.Request) -> MultiDictProxy | None:
    """The posted form, or None when the body cannot be read as one (the page then says so in Spanish).
    A body in a charset Python does not know (`charset=bogus`) is refused with a Spanish 400 page here,
    for every form alike."""
    try:
        if request.content_type.lower() == "multipart/form-data":
            return multipart_fields(await request.read(), request.headers.get("Content-Type", ""),
                                    request.charset or "utf-8")
        return await request.post()
    except LookupError:  # codecs: "unknown encoding"
        raise web.HTTPBadRequest(text=UNKNOWN_CHARSET_PAGE, content_type="text/html") from None
    except (ValueError, UnicodeDecodeError):
        return None


def multipart_fields(body: bytes, content_type: str, charset: str) -> MultiDictProxy[str] | None:
    """A multipart/form-data body's text fields (files are skipped), read from the bytes: the journal has read
    the body already, so aiohttp's own streaming reader cannot. None when it is not multipart."""
    if "\r" in content_type or "\n" in content_type:
        return None
    message = BytesParser(policy=HTTP).parsebytes(f"Content-Type: {content_type}\r\n\r\n".encode("latin-1") + body)
    if not message.is_multipart() or message.defects:
        return None
    fields: MultiDict[str] = MultiDict()
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str) or part.get_param("filename", header="content-disposition") is not None:
            continue
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        fields.add(name, payload.decode(part.get_content_charset() or charset))
    return MultiDictProxy(fields)


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
