"""An ASMX endpoint on aiohttp: `?wsdl` from the spyne model, POST through the fast codec.

The spyne model is the contract (it writes the WSDL). Requests take the lean path: hardened lxml
parse, contract-driven decode, the operation handler, a templated ASMX response. With
`engine="spyne"` the same handlers run behind spyne's own pipeline instead, which is how the
contract tests check that both paths say the same thing.
"""
from __future__ import annotations

import io
import logging
from typing import Any, Callable

from aiohttp import web
from spyne.interface.wsdl import Wsdl11
from spyne.server.wsgi import WsgiApplication

from simulator.control.faults import FaultInjector, FaultKind, http_failure
from simulator.soap.envelope import (
    CONTENT_TYPES, SOAP11, SoapFault, SoapRequest, envelope, fault_envelope, parse_request,
)
from simulator.soap import codec
from simulator.soap.contract import Operation, Service
from simulator.soap.spyne_models import build_application

log = logging.getLogger("pasarela.soap")
Handler = Callable[[dict[str, Any]], dict[str, Any]]
ErrorAnswer = Callable[[str], dict[str, Any]]


class AsmxEndpoint:
    def __init__(self, service: Service, handlers: dict[str, Handler], engine: str = "fast",
                 faults: FaultInjector | None = None):
        self.service = service
        self.handlers = handlers
        self.engine = engine
        self.faults = faults
        # each guarded handler carries its operation's in-band error form (operations/common.py)
        self.error_answers: dict[str, ErrorAnswer] = {
            name: handler.error_answer for name, handler in handlers.items() if hasattr(handler, "error_answer")
        }
        self._application = build_application(service, handlers)
        self._wsgi = WsgiApplication(self._application)
        self._wsdl_by_url: dict[str, bytes] = {}

    # -- GET ------------------------------------------------------------------------------------
    def wsdl(self, url: str) -> bytes:
        """The WSDL with `soap:address` at `url`, soapAction values as ASP.NET writes them."""
        cached = self._wsdl_by_url.get(url)
        if cached is None:
            document = Wsdl11(self._application.interface)
            document.build_interface_document(url)
            text = document.get_interface_document().decode("utf-8")
            for op in self.service.operations:
                text = text.replace(f'soapAction="{op.name}"', f'soapAction="{self.service.namespace}/{op.name}"')
            cached = self._wsdl_by_url[url] = text.encode("utf-8")
        return cached

    def help_page(self) -> str:
        items = "".join(f"<li><b>{op.name}</b></li>" for op in self.service.operations)
        return (
            f"<!doctype html><html lang='es'><head><meta charset='utf-8'><title>{self.service.service_name}</title>"
            f"</head><body><h1>{self.service.service_name}</h1><p>Servicio web simulado de ZonaPAGOS en "
            f"<code>{self.service.path}</code>. Operaciones:</p><ul>{items}</ul>"
            f"<p><a href='?WSDL'>Descripción del servicio (WSDL)</a></p></body></html>"
        )

    # -- POST -----------------------------------------------------------------------------------
    def _operation(self, body: bytes, charset: str | None) -> tuple[SoapRequest, Operation]:
        request = parse_request(body, charset)
        operation = self.service.operation(request.name) if request.namespace == self.service.namespace else None
        if operation is None:
            raise SoapFault(
                f"Server did not recognize the value of HTTP Header SOAPAction: {request.namespace}/{request.name}.",
                soap_ns=request.soap_ns,
            )
        return request, operation

    def encode(self, soap_ns: str, operation: Operation, outputs: dict[str, Any]) -> bytes:
        return envelope(soap_ns, codec.encode(operation, self.service.namespace, outputs))

    def answer(self, body: bytes, charset: str | None, journal: dict | None = None) -> tuple[int, bytes, str]:
        """Status, body and content type of the answer to one SOAP request. Never raises.

        `journal`, when given, receives the operation's name for the request journal.
        """
        soap_ns = SOAP11
        try:
            request, operation = self._operation(body, charset)
            soap_ns = request.soap_ns
            if journal is not None:
                journal["operation"] = operation.name
            inputs = codec.decode(operation, self.service.namespace, request.operation)
            outputs = self.handlers[operation.name](inputs)
            return 200, self.encode(soap_ns, operation, outputs), CONTENT_TYPES[soap_ns]
        except SoapFault as fault:
            fault.soap_ns = soap_ns if fault.soap_ns == SOAP11 else fault.soap_ns
            return 500, fault_envelope(fault), CONTENT_TYPES[fault.soap_ns]
        except Exception:  # a bug of ours: answer like ASMX does, log the trace, never send it
            log.exception("unexpected error in %s", self.service.key)
            fault = SoapFault("Server was unable to process request. ---> Error interno del simulador.",
                              client_error=False, soap_ns=soap_ns)
            return 500, fault_envelope(fault), CONTENT_TYPES[soap_ns]

    def answer_with_spyne(self, request_url: str, body: bytes, content_type: str) -> tuple[int, bytes, str]:
        """The same request through spyne's own pipeline (called inline, in this thread)."""
        if b"<!DOCTYPE" in body.upper() or b"<!ENTITY" in body.upper():
            return self.answer(body, None)  # refused before any parser sees it
        environ = {
            "REQUEST_METHOD": "POST", "PATH_INFO": "", "SCRIPT_NAME": self.service.path, "QUERY_STRING": "",
            "CONTENT_TYPE": content_type, "CONTENT_LENGTH": str(len(body)), "SERVER_NAME": "127.0.0.1",
            "SERVER_PORT": "80", "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(body),
            "wsgi.errors": io.StringIO(), "HTTP_HOST": request_url,
        }
        started: list[Any] = []
        chunks = self._wsgi(environ, lambda status, headers, exc_info=None: started.append((status, headers)))
        data = b"".join(chunks)
        status, headers = started[0]
        ctype = dict(headers).get("Content-Type", "text/xml; charset=utf-8")
        return int(status.split()[0]), data, ctype

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.method == "GET":
            if any(key.lower() == "wsdl" for key in request.query):
                url = f"{request.scheme}://{request.host}{self.service.path}"
                return web.Response(body=self.wsdl(url), headers={"Content-Type": "text/xml; charset=utf-8"})
            return web.Response(text=self.help_page(), content_type="text/html")
        if request.method != "POST":
            return web.Response(status=405, text="Método no permitido", headers={"Allow": "GET, POST"})
        body = await request.read()
        if self.faults is not None and self.faults.has_rules():
            injected = await self._inject(request, body)
            if injected is not None:
                return injected
        if self.engine == "spyne":
            status, data, ctype = self.answer_with_spyne(request.host, body, request.headers.get("Content-Type", ""))
        else:
            status, data, ctype = self.answer(body, request.charset, request)
        return web.Response(status=status, body=data, headers={"Content-Type": ctype})

    async def _inject(self, request: web.Request, body: bytes) -> web.StreamResponse | None:
        """Apply a fault rule that hits this operation: a delay, then maybe an answer instead of the real one."""
        try:
            soap_request, operation = self._operation(body, request.charset)
        except SoapFault:
            return None  # the normal path answers the fault
        request["operation"] = operation.name
        rule = self.faults.pick(operation.name, request.path)
        if rule is None:
            return None
        if rule.kind == FaultKind.DELAY:
            await self.faults.delay(rule)
            return None
        soap_ns = soap_request.soap_ns
        if rule.kind == FaultKind.SOAP_FAULT or (
                rule.kind == FaultKind.INDETERMINATE and operation.name not in self.error_answers):
            fault = SoapFault("Server was unable to process request. ---> Falla inyectada por el simulador.",
                              client_error=False, soap_ns=soap_ns)
            return web.Response(status=500, body=fault_envelope(fault), headers={"Content-Type": CONTENT_TYPES[soap_ns]})
        if rule.kind == FaultKind.INDETERMINATE and operation.name in self.error_answers:
            outputs = self.error_answers[operation.name]("Error indeterminado: verifique el estado del pago")
            return web.Response(body=self.encode(soap_ns, operation, outputs), headers={"Content-Type": CONTENT_TYPES[soap_ns]})
        return http_failure(rule, request)
