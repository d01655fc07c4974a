"""An ASMX endpoint on aiohttp: `?wsdl` as ASMX writes it, POST through the contract codec.

The contract (simulator/soap/contract.py) is the one source: it writes the WSDL (simulator/soap/wsdl.py) and
drives the codec. Requests take the lean path: hardened lxml parse, contract-driven decode, the operation
handler, a templated ASMX response. spyne, an independent SOAP implementation built from the same contract,
answers the same requests in the contract tests (tests/contract/spyne_reference.py) to check this path.
"""
from __future__ import annotations

import logging
from functools import partial
from typing import Any, Callable

from aiohttp import web

from simulator.control.journal_view import soap_view
from simulator.control.faults import FaultInjector, FaultKind, http_failure
from simulator.soap.envelope import (
    CONTENT_TYPES, SOAP11, SoapFault, SoapRequest, envelope, fault_envelope, parse_request,
)
from simulator.soap import codec
from simulator.soap.contract import Operation, Service
from simulator.soap.wsdl import service_wsdl
from simulator.web.origin import public_origin

log = logging.getLogger("pasarela.soap")
Handler = Callable[[dict[str, Any]], dict[str, Any]]
ErrorAnswer = Callable[[str], dict[str, Any]]


class AsmxEndpoint:
    def __init__(self, service: Service, handlers: dict[str, Handler], faults: FaultInjector | None = None):
        self.service = service
        self.handlers = handlers
        self.faults = faults
        # each guarded handler carries its operation's in-band error form (operations/common.py)
        self.error_answers: dict[str, ErrorAnswer] = {
            name: handler.error_answer for name, handler in handlers.items() if hasattr(handler, "error_answer")
        }
        self._wsdl_by_url: dict[str, bytes] = {}
        # one encoder per operation, built once (simulator/soap/codec.py compile_encoder)
        self._encoders = {op.name: codec.compile_encoder(op, service.namespace) for op in service.operations}
        self.secrets = service.secrets  # what the journal masks in this service's requests

    # -- GET ------------------------------------------------------------------------------------
    def wsdl(self, url: str) -> bytes:
        """The WSDL as ASMX writes it, both ports' `soap:address` at `url` (kept for a few hosts)."""
        cached = self._wsdl_by_url.get(url)
        if cached is None:
            if len(self._wsdl_by_url) >= 16:  # Host comes from the client: bound what it can make us keep
                self._wsdl_by_url.clear()
            cached = self._wsdl_by_url[url] = service_wsdl(self.service, url)
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
        return envelope(soap_ns, self._encoders[operation.name](outputs))

    def answer(self, body: bytes, charset: str | None, journal: dict | None = None) -> tuple[int, bytes, str]:
        """Status, body and content type of the answer to one SOAP request. Never raises.

        `journal`, when given, receives the operation's name and the request's journal view (the parsed
        document, its contract secrets masked when the journal writes it: simulator/control/journal_view.py).
        """
        soap_ns = SOAP11
        try:
            request, operation = self._operation(body, charset)
            soap_ns = request.soap_ns
            if journal is not None:
                journal["operation"] = operation.name
                journal["journal_view"] = partial(soap_view, request.operation.getroottree().getroot(),
                                                  self.secrets)
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

    async def handle(self, request: web.Request) -> web.StreamResponse:
        if request.method == "GET":
            if any(key.lower() == "wsdl" for key in request.query):
                url = public_origin(request) + self.service.path
                return web.Response(body=self.wsdl(url), headers={"Content-Type": "text/xml; charset=utf-8"})
            return web.Response(text=self.help_page(), content_type="text/html")
        if request.method != "POST":
            return web.Response(status=405, text="Método no permitido", headers={"Allow": "GET, POST"})
        body = await request.read()
        if self.faults is not None and self.faults.has_rules():
            injected = await self._inject(request, body)
            if injected is not None:
                return injected
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
