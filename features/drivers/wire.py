"""The wire driver: the real ZonaPAGOS client adapter against a simulator process on loopback."""
from __future__ import annotations

import asyncio
import json
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

import aiohttp

from adapters.zonapagos.client import ZonaPagosClient, ZonaPagosConfig
from features.drivers.wire_tokens import WireTokensDriver
from ports.payment_gateway import GatewayRejected, PaymentRequest, StartedPayment, VerificationResult


@dataclass
class WireDriver(WireTokensDriver):
    url: str
    merchant: dict = field(default_factory=lambda: dict(
        merchant_id=1001, start_password="clave-inicio", verify_user="usuario-v4", verify_password="clave-v4",
        route="t_demo", service_code="2701"))

    def _client_call(self, method: str, *args, **overrides):
        async def run():
            async with aiohttp.ClientSession() as session:
                config = ZonaPagosConfig(base_url=self.url, **{**self.merchant, **overrides})
                return await getattr(ZonaPagosClient(config, session, self._soap(session)), method)(*args)
        return asyncio.run(run())

    def start_payment(self, request: PaymentRequest, **credentials) -> StartedPayment | GatewayRejected:
        try:
            return self._client_call("start_payment", request, **credentials)
        except GatewayRejected as rejected:
            return rejected

    def verify(self, reference: str) -> VerificationResult:
        return self._client_call("verify", reference)

    def force_state(self, identifier: str, state: int, method: str = "") -> None:
        """The control API's forced outcome (`method` "tarjeta" for a card attempt, else PSE)."""
        body = {"estado": state, **({"forma_pago": method} if method else {})}
        self._control("POST", f"/_sim/payments/{identifier}/outcome", body)

    def inject_fault(self, operation: str, kind: str, count: int = 1) -> None:
        """The control API's fault injection: the next `count` calls of `operation` get `kind`."""
        self._control("POST", "/_sim/faults", {"operacion": operation, "tipo": kind, "cantidad": count})

    def journal(self, operation: str) -> list[dict]:
        """The control API's request journal for one operation, newest first (masked bodies)."""
        return self._control("GET", f"/_sim/journal?operacion={operation}&limite=20")

    def advance_clock(self, seconds: int) -> None:
        """The simulator's clock moves on (never a sleep)."""
        self._control("POST", "/_sim/clock/advance", {"segundos": seconds})

    def inbox(self, to: str) -> list[dict]:
        """The simulator's inbox for one address, newest first (`asunto`, `cuerpo`)."""
        return self._control("GET", f"/_sim/inbox?para={urllib.parse.quote(to)}")

    def _control(self, method: str, path: str, body: dict | None = None):
        request = urllib.request.Request(
            f"{self.url}{path}", data=json.dumps(body).encode() if body is not None else None,
            headers={"Content-Type": "application/json"}, method=method)
        with urllib.request.urlopen(request, timeout=10) as response:
            assert 200 <= response.status < 300, response.status
            return json.loads(response.read())
