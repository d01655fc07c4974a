"""The ZonaPAGOS gateway client: implements the PaymentGateway port over the real SOAP services.

Point `base_url` at https://www.zonapagos.com, https://www.zonapagosdemo.com or the local simulator;
nothing else changes. A `-1` answer raises GatewayRejected; a transport error, timeout or fault
raises GatewayUnreachable, which after a start must be resolved by verifying, never by retrying.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import cast

import aiohttp

from adapters.zonapagos.res_pago_parser import UnreadableResult, parse_res_pago
from adapters.zonapagos.soap import SoapCaller
from ports.payment_gateway import (
    GatewayRejected, GatewayUnreachable, PaymentRequest, StartedPayment, VerificationResult,
)

START_PATH = "/ws_inicio_pagov2/Zpagos.asmx"
START_NS = "http://www.zonapagos.com"
VERIFY_PATH = "/WsVerificarPagoV4/VerificarPagos.asmx"
VERIFY_NS = "http://www.zonapagos.com/ws_verificar_pagosV4"


@dataclass(frozen=True)
class ZonaPagosConfig:
    base_url: str  # e.g. http://127.0.0.1:8000 or https://www.zonapagos.com
    merchant_id: int
    start_password: str
    verify_user: str
    verify_password: str
    route: str  # t_ruta, for the payment page URL
    service_code: str = ""
    timeout_seconds: float = 15.0
    page_base_url: str | None = None  # the payment page host, when it differs from the services'


class ZonaPagosClient:
    def __init__(self, config: ZonaPagosConfig, session: aiohttp.ClientSession | None,
                 soap: SoapCaller | None = None):
        """`soap` replaces the HTTP caller (the acceptance suite's in-process target); else `session` is used."""
        self.config = config
        # without `soap` the caller passes a session
        self._soap = soap or SoapCaller(cast(aiohttp.ClientSession, session), config.timeout_seconds)

    def _url(self, path: str) -> str:
        return self.config.base_url.rstrip("/") + path

    def payment_url(self, identifier: str) -> str:
        base = (self.config.page_base_url or self.config.base_url).rstrip("/")
        return f"{base}/{self.config.route}/pago.asp?estado_pago=iniciar_pago&identificador={identifier}"

    async def start_payment(self, request: PaymentRequest) -> StartedPayment:
        payer = request.payer
        params = [
            ("id_tienda", self.config.merchant_id), ("clave", self.config.start_password),
            ("total_con_iva", request.total.plain()), ("valor_iva", request.vat.plain()),
            ("id_pago", request.reference), ("descripcion_pago", request.description), ("email", payer.email),
            ("id_cliente", payer.document_number), ("tipo_id", payer.document_type),
            ("nombre_cliente", payer.first_names), ("apellido_cliente", payer.last_names),
            ("telefono_cliente", payer.phone), ("info_opcional1", request.optional_fields[0]),
            ("info_opcional2", request.optional_fields[1]), ("info_opcional3", request.optional_fields[2]),
            ("codigo_servicio_principal", request.service_code or self.config.service_code),
            ("total_codigos_servicio", 0),
        ]
        answer = await self._soap.call(self._url(START_PATH), START_NS, "inicio_pagoV2", params)
        result = answer.get("inicio_pagoV2Result", "").strip()
        if result.startswith("-1"):
            raise GatewayRejected(result[2:].strip() or "error sin detalle")
        if not (result.isascii() and result.isdigit()):
            raise GatewayUnreachable(f"identificador no numérico: {result!r}")
        return StartedPayment(identifier=result, payment_url=self.payment_url(result))

    async def verify(self, reference: str, attempt_number: int = -1) -> VerificationResult:
        params = [
            ("int_id_comercio", self.config.merchant_id), ("str_usr_comercio", self.config.verify_user),
            ("str_pwd_Comercio", self.config.verify_password), ("str_id_pago", reference),
            ("int_no_pago", attempt_number), ("int_error", 0), ("int_cantidad_pagos", 0),
        ]
        answer = await self._soap.call(self._url(VERIFY_PATH), VERIFY_NS, "verificar_pago_v4", params)
        result, error = answer.get("verificar_pago_v4Result", ""), answer.get("int_error", "")
        if result.strip() != "1":
            raise GatewayRejected(answer.get("str_detalle") or f"verificar_pago_v4Result={result}")
        if error.strip() != "0":
            return VerificationResult([])  # executed, no payments for the reference
        try:
            return VerificationResult(parse_res_pago(answer.get("str_res_pago")))
        except UnreadableResult as problem:
            raise GatewayUnreachable(str(problem)) from None
