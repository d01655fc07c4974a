"""A small SOAP 1.1 caller on aiohttp: build a document/literal request, read the answer safely."""
from __future__ import annotations

import asyncio
from typing import Any
from xml.sax.saxutils import escape

import aiohttp
from lxml import etree

from ports.payment_gateway import GatewayUnreachable

SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def _element(name: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        tag = "double" if value and not isinstance(value[0], str) else "string"
        items = "".join(f"<{tag}>{escape(str(v))}</{tag}>" for v in value)
        return f"<{name}>{items}</{name}>"
    return f"<{name}>{escape(str(value))}</{name}>"


def request_body(namespace: str, operation: str, params: list[tuple[str, Any]]) -> bytes:
    inner = "".join(_element(name, value) for name, value in params)
    return (
        '<?xml version="1.0" encoding="utf-8"?>'
        f'<soap:Envelope xmlns:soap="{SOAP11}"><soap:Body>'
        f'<{operation} xmlns="{namespace}">{inner}</{operation}>'
        "</soap:Body></soap:Envelope>"
    ).encode("utf-8")


class SoapCaller:
    def __init__(self, session: aiohttp.ClientSession, timeout_seconds: float):
        self._session = session
        self._timeout = aiohttp.ClientTimeout(total=timeout_seconds)

    async def call(self, url: str, namespace: str, operation: str, params: list[tuple[str, Any]]) -> dict[str, str]:
        """The response element's children by local name; GatewayUnreachable for anything unreadable."""
        headers = {"Content-Type": "text/xml; charset=utf-8", "SOAPAction": f'"{namespace}/{operation}"'}
        try:
            async with self._session.post(url, data=request_body(namespace, operation, params),
                                          headers=headers, timeout=self._timeout) as response:
                payload = await response.read()
                status = response.status
        except (aiohttp.ClientError, asyncio.TimeoutError) as error:
            raise GatewayUnreachable(f"sin respuesta de {url}: {error.__class__.__name__}") from None
        if b"<!DOCTYPE" in payload.upper():
            raise GatewayUnreachable("respuesta con DOCTYPE rechazada")
        try:
            root = etree.fromstring(payload, _PARSER)
        except etree.XMLSyntaxError:
            raise GatewayUnreachable(f"respuesta no XML (HTTP {status})") from None
        fault = root.find(f".//{{{SOAP11}}}Fault")
        if fault is not None or status != 200:
            reason = fault.findtext("faultstring") if fault is not None else ""
            raise GatewayUnreachable(f"SOAP Fault (HTTP {status}): {reason}")
        response_el = root.find(f".//{{{namespace}}}{operation}Response")
        if response_el is None:
            raise GatewayUnreachable(f"falta {operation}Response en la respuesta")
        return {etree.QName(child).localname: (child.text or "") for child in response_el
                if isinstance(child.tag, str)}
