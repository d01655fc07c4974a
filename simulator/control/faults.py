"""Fault and latency injection: rules from the control API, applied per operation or path.

Delays never block the event loop (asyncio.sleep), so thousands of delayed requests cost only memory.
Rules live in the database so every worker process applies the same ones; a process reloads them only
when their version changes (one tiny read per request).
"""
from __future__ import annotations

import asyncio
import random
from enum import Enum

from aiohttp import web

from ports.sim_state import FaultRule, FaultRules
from simulator.web.iis_router import path_under


class FaultKind(str, Enum):
    DELAY = "retraso"
    SOAP_FAULT = "fault"
    INDETERMINATE = "indeterminado"
    HTTP_500 = "http_500"
    HTTP_503 = "http_503"
    DROP = "desconexion"


OUTBOUND = "saliente"  # the rule target of deliveries to merchants' servers (simulator/control/outbound_faults.py)

IIS_PAGES = {
    500: "<html><head><title>500 - Internal server error.</title></head><body><h1>Server Error</h1>"
         "<h2>500 - Internal server error.</h2></body></html>",
    503: "<html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1>"
         "<p>HTTP Error 503. The service is unavailable.</p></body></html>",
}


class FaultInjector:
    def __init__(self, rules: FaultRules, rng: random.Random | None = None):
        self.rules = rules
        self._rng = rng or random.Random()
        self._version = -1
        self._cached: list[FaultRule] = []

    def _current(self) -> list[FaultRule]:
        version = self.rules.version()
        if version != self._version:
            self._cached, self._version = self.rules.list(), version
        return self._cached

    def has_rules(self) -> bool:
        return bool(self._current())

    def pick(self, operation: str, path: str = "") -> FaultRule | None:
        """The rule that hits this SOAP call, if any (consuming one use of a counted rule)."""
        return self._first_hit(lambda rule: rule.operation in ("*", operation) or _prefix_of(rule, path))

    def pick_path(self, path: str) -> FaultRule | None:
        """The path-prefix rule that hits this page or other HTTP request, if any."""
        return self._first_hit(lambda rule: _prefix_of(rule, path))

    def pick_outbound(self, merchant_id: int) -> FaultRule | None:
        """The rule that hits a delivery to this merchant's server: `saliente` (every merchant) or
        `saliente:<id_comercio>`. Rules for SOAP operations, paths or `*` never touch outbound deliveries."""
        targets = (OUTBOUND, f"{OUTBOUND}:{merchant_id}")
        return self._first_hit(lambda rule: rule.operation.lower() in targets)

    def _first_hit(self, matches) -> FaultRule | None:
        for rule in self._current():
            if not matches(rule) or self._rng.random() >= rule.probability:
                continue
            if rule.remaining is None or self.rules.take(rule.id):
                return rule
        return None

    async def delay(self, rule: FaultRule) -> None:
        upper = max(rule.delay_ms, rule.delay_max_ms)
        milliseconds = self._rng.uniform(rule.delay_ms, upper) if upper > rule.delay_ms else rule.delay_ms
        await asyncio.sleep(milliseconds / 1000)


def _prefix_of(rule: FaultRule, path: str) -> bool:
    """A path-prefix rule hits every spelling of its paths (`/t_demo/` hits `/T_DEMO/pago.asp`), as IIS."""
    return rule.operation.startswith("/") and path_under(path, rule.operation)


def page_faults(injector: FaultInjector, soap_paths: frozenset[str]):
    """Path-prefix rules for pages and every HTTP request outside the ZonaPAGOS SOAP endpoints (which
    apply their rules themselves, per operation) and the control API. A SOAP-only kind (`fault`,
    `indeterminado`) answers IIS's 500 page here."""
    @web.middleware
    async def middleware(request: web.Request, handler):
        path = request.path
        if path_under(path, "/_sim/") or path.lower() in soap_paths or not injector.has_rules():
            return await handler(request)
        rule = injector.pick_path(path)
        if rule is None:
            return await handler(request)
        if rule.kind == FaultKind.DELAY:
            await injector.delay(rule)
            return await handler(request)
        return http_failure(rule, request) or web.Response(status=500, text=IIS_PAGES[500], content_type="text/html")
    return middleware


def http_failure(rule: FaultRule, request: web.Request) -> web.StreamResponse | None:
    """The answer of an HTTP-level fault, or None for kinds the caller handles (delay, SOAP forms)."""
    if rule.kind == FaultKind.HTTP_500:
        return web.Response(status=500, text=IIS_PAGES[500], content_type="text/html")
    if rule.kind == FaultKind.HTTP_503:
        return web.Response(status=503, text=IIS_PAGES[503], content_type="text/html")
    if rule.kind == FaultKind.DROP:
        if request.transport is not None:
            request.transport.abort()  # the connection ends with no answer
        raise asyncio.CancelledError()
    return None
