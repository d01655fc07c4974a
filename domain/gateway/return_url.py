"""Where "Regresar al comercio" may send the payer: a merchant's return URL, read as a browser reads it.

A return URL is either absolute, `http://` or `https://` to the merchant's own site, or a path of the
simulator's own host (`/recaudo/retorno`, the demo merchant's). A browser reads a URL more loosely than it
looks (WHATWG URL Standard, "basic URL parser"): it drops C0 controls and spaces at both ends and tabs, line
feeds and carriage returns anywhere; in an http(s) URL, and in a path resolved against one, it reads `\\` as
`/` before the query; any run of slashes after `http:` introduces the host; and `//host`, `/\\host`, `\\\\host`
or `\\/host` name another host. So `/\\evil.example` — which a pattern for "a path of this host" accepted —
takes the payer off-site.

The rule resolves the text the same way first, then keeps only the two shapes, without user info
(`https://banco.example@evil.example` sends the payer to evil.example) and with an ASCII host. Pure `str`
and `re` work: the domain imports no URL library.
"""
from __future__ import annotations

import re

from domain.shared.errors import DomainError

MAX_LENGTH = 320
FIELD = "url_retorno"

_ENDS = "".join(chr(c) for c in range(0x21))  # C0 controls and space: stripped at both ends
_TAB_OR_NEWLINE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+\-.]*):")
_LABEL = r"[a-z0-9](?:[a-z0-9\-]{0,61}[a-z0-9])?"
_HOST_NAME = re.compile(rf"{_LABEL}(?:\.{_LABEL})*\.?", re.ASCII)
_IPV6 = re.compile(r"\[[0-9a-f:.]{2,45}\]", re.ASCII)
_PORT = re.compile(r"[0-9]{1,5}", re.ASCII)
# What no return URL carries, even percent-encoded by the browser: controls, spaces, quotes and angle brackets.
_FORBIDDEN = re.compile(r"[\x00-\x20\x7f<>\"`]")


def _refused(reason: str) -> DomainError:
    return DomainError(f"La URL de retorno no es válida: {reason}", FIELD)


def _slashes_in_path(rest: str) -> str:
    """`\\` read as `/` up to the query or fragment, as a browser does for http(s) URLs."""
    cut = min((at for at in (rest.find("?"), rest.find("#")) if at >= 0), default=len(rest))
    return rest[:cut].replace("\\", "/") + rest[cut:]


def normalised_return_url(text: str) -> str:
    """`text` as the URL a browser would follow, normalised (scheme and host in lower case, `\\` as `/`
    before the query, tabs and newlines removed); a DomainError on field `url_retorno` when that URL
    is neither an absolute http(s) URL without user info nor a path of the simulator's own host."""
    url = _TAB_OR_NEWLINE.sub("", text.strip(_ENDS))
    if not url:
        raise _refused("está vacía")
    scheme = _SCHEME.match(url)
    if scheme:
        return _absolute(scheme.group(1).lower(), url[scheme.end():])
    if url[0] not in "/\\":
        raise _refused("debe empezar por http://, https:// o /")
    url = _slashes_in_path(url)
    if url.startswith("//"):
        raise _refused("«//», «/\\» o «\\\\» al comienzo llevan a otro sitio; use una URL absoluta o una ruta")
    return _checked(url)


def _absolute(scheme: str, rest: str) -> str:
    if scheme not in ("http", "https"):
        raise _refused(f"el esquema «{scheme}» no está permitido (solo http y https)")
    rest = _slashes_in_path(rest)
    if not rest.startswith("//"):  # `http:host` or `http:/path`: the browser's reading depends on the page
        raise _refused("después de «http:» o «https:» debe seguir «//» y el servidor")
    rest = rest.lstrip("/")  # a browser skips every slash before the host
    end = min((at for at in (rest.find("/"), rest.find("?"), rest.find("#")) if at >= 0), default=len(rest))
    authority, tail = rest[:end], rest[end:]
    if "@" in authority:
        raise _refused("no puede llevar usuario ni clave antes del servidor («…@»)")
    host, colon, port = authority, "", ""
    if ":" in authority and not authority.endswith("]"):  # `[::1]` is a host without a port
        host, colon, port = authority.rpartition(":")
        if not _PORT.fullmatch(port) or not 0 < int(port) <= 65535:
            raise _refused("el puerto debe ser un número entre 1 y 65535")
    host = host.lower()
    if not (_HOST_NAME.fullmatch(host) or _IPV6.fullmatch(host)):
        raise _refused("el servidor debe ser un nombre o una dirección IP en ASCII")
    path = tail if tail.startswith("/") else "/" + tail  # `https://x.example?a=1` is read as `…/?a=1`
    return _checked(f"{scheme}://{host}{colon}{port}{path}")


def _checked(url: str) -> str:
    if len(url) > MAX_LENGTH:
        raise _refused(f"tiene más de {MAX_LENGTH} caracteres")
    if _FORBIDDEN.search(url):
        raise _refused("contiene espacios, comillas, «<», «>» o caracteres de control")
    return url


def safe_return_url(text: str) -> str | None:
    """The normalised return URL, or None when the rule refuses it (a URL stored before the rule)."""
    try:
        return normalised_return_url(text)
    except DomainError:
        return None
