"""The server's base URL for links it hands out (a payment page's `str_url`, PSE's return URL, a WSDL's
`soap:address`): the scheme and the Host the client called, as IIS and ASMX build them, or this server's own
socket when the Host header is not a host with an optional port (`h:abc`, `h/x?`, `h:1:2`). Never raises."""
from __future__ import annotations

import re

from aiohttp import web
from yarl import URL

_HOST = re.compile(r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}"
                   r"[A-Za-z0-9])?)*\.?|\[[0-9A-Fa-f:.]+\])(?::(?P<port>[0-9]{1,5}))?", re.ASCII)


def own_origin(request: web.Request) -> str:
    """This server as the socket it answered on (never the Host header a client sent)."""
    sockname = request.transport.get_extra_info("sockname") if request.transport is not None else None
    if not sockname:
        return f"{request.scheme}://127.0.0.1"
    host = str(sockname[0])
    host = f"[{host}]" if ":" in host else host
    return f"{request.scheme}://{host}:{sockname[1]}"


def public_origin(request: web.Request) -> str:
    """`scheme://host[:port]` of the Host header when it is one, this server's own address otherwise."""
    host = request.host
    match = _HOST.fullmatch(host or "")
    if match is None or (match["port"] is not None and not 0 < int(match["port"]) < 65536):
        return own_origin(request)
    origin = f"{request.scheme}://{host}"
    try:
        URL(origin).origin()
    except ValueError:
        return own_origin(request)
    return origin
