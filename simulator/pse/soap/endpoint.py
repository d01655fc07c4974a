"""ACH's MainServices on aiohttp: `/PSEWebServices3/MainServices.asmx` (`?wsdl`), any case of the path.

Requests go through the hardened parser of simulator/soap/envelope.py (a DTD is refused before any
parser sees it), are routed by the body's first element (any SOAPAction, SOAP 1.1 or 1.2), and are
answered in-band with ACH's return codes; unreadable requests get a SOAP Fault (HTTP 500), as ASMX.
The `messageHeader` header is accepted and ignored, and so is any WS-Security header.
"""
from __future__ import annotations

import logging
from functools import partial

from aiohttp import web

from simulator.control.journal_view import NO_SECRETS, soap_view
from simulator.pse.soap import codec
from simulator.pse.soap.contract import BY_NAME, EAN, OPERATIONS, PATH
from simulator.pse.soap.handlers import MainServicesHandlers
from simulator.pse.soap.wsdl import wsdl
from simulator.soap.envelope import CONTENT_TYPES, SOAP11, SoapFault, envelope, fault_envelope, parse_request
from simulator.web.origin import public_origin

log = logging.getLogger("pasarela.pse.soap")


class MainServicesEndpoint:
    def __init__(self, handlers: MainServicesHandlers):
        self.handlers = handlers.table()

    def routes(self) -> list[web.RouteDef]:
        return [web.route("*", PATH, self.handle)]  # any spelling of it: simulator/web/iis_router.py

    def answer(self, body: bytes, charset: str | None, base_url: str,
               journal: dict | None = None) -> tuple[int, bytes, str]:
        """Status, body and content type of the answer to one request. Never raises. `journal`, when given,
        receives the journal's view of the parsed request (ACH's messages carry no secret field of their own)."""
        soap_ns = SOAP11
        try:
            request = parse_request(body, charset)
            soap_ns = request.soap_ns
            if journal is not None:
                journal["journal_view"] = partial(soap_view, request.operation.getroottree().getroot(), NO_SECRETS)
            operation = BY_NAME.get(request.name) if request.namespace == EAN else None
            if operation is None:
                raise SoapFault(
                    f"Server did not recognize the value of HTTP Header SOAPAction: "
                    f"{request.namespace}/{request.name}.", soap_ns=soap_ns,
                )
            values = codec.decode(operation, request.operation)
            outputs = self.handlers[operation.name](values, base_url)
            return 200, envelope(soap_ns, codec.encode(operation, outputs)), CONTENT_TYPES[soap_ns]
        except SoapFault as fault:
            fault.soap_ns = soap_ns if fault.soap_ns == SOAP11 else fault.soap_ns
            return 500, fault_envelope(fault), CONTENT_TYPES[fault.soap_ns]
        except Exception:  # a bug of ours: answer like ASMX, log the trace, never send it
            log.exception("unexpected error in MainServices")
            fault = SoapFault("Server was unable to process request. ---> Error interno del simulador.",
                              client_error=False, soap_ns=soap_ns)
            return 500, fault_envelope(fault), CONTENT_TYPES[soap_ns]

    async def handle(self, request: web.Request) -> web.StreamResponse:
        base_url = public_origin(request)
        if request.method == "GET":
            if any(key.lower() == "wsdl" for key in request.query):
                return web.Response(body=wsdl(base_url + PATH), headers={"Content-Type": "text/xml; charset=utf-8"})
            return web.Response(text=_help_page(), content_type="text/html")
        if request.method != "POST":
            return web.Response(status=405, text="Método no permitido", headers={"Allow": "GET, POST"})
        body = await request.read()
        status, data, content_type = self.answer(body, request.charset, base_url, request)
        return web.Response(status=status, body=data, headers={"Content-Type": content_type})


def _help_page() -> str:
    items = "".join(f"<li><b>{op.name}</b></li>" for op in OPERATIONS)
    return (
        "<!doctype html><html lang='es'><head><meta charset='utf-8'><title>MainServicesImpl</title></head><body>"
        f"<h1>MainServicesImpl</h1><p>Servicio web simulado de ACH Colombia (PSE) en <code>{PATH}</code>. "
        f"Operaciones:</p><ul>{items}</ul><p><a href='?WSDL'>Descripción del servicio (WSDL)</a></p></body></html>"
    )
