"""Fault injection on the way out: the simulator's deliveries to a merchant's server (notifications, §12)
made slow or failing from the simulator's side, so a merchant's team can test its receiver's idempotency and
the simulator's retries without breaking its own server.

A rule whose `operacion` is `saliente` hits every merchant, `saliente:<id_comercio>` one merchant. What each
kind does to a delivery:

- `retraso`: the POST waits that long first; a wait as long as the delivery's timeout is a timeout;
- `http_500` / `http_503`: the attempt fails with that status (IIS's page), the merchant is not contacted;
- `desconexion`: the attempt fails with no answer (connection closed);
- `fault` / `indeterminado`: the attempt fails as if the merchant had answered code 99 (technical error).
"""
from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from domain.gateway.delivery import ReceiverAnswer
from ports.deliveries import MerchantReceiver
from simulator.control.faults import IIS_PAGES, FaultInjector, FaultKind


class FaultyReceiver:
    """A MerchantReceiver that applies the outbound fault rules before the real one."""

    def __init__(self, inner: MerchantReceiver, faults: FaultInjector):
        self.inner = inner
        self.faults = faults

    async def post_json(self, merchant_id: int, url: str, payload: Mapping[str, Any],
                        timeout: timedelta) -> ReceiverAnswer:
        rule = self.faults.pick_outbound(merchant_id) if self.faults.has_rules() else None
        if rule is None:
            return await self.inner.post_json(merchant_id, url, payload, timeout)
        kind = FaultKind(rule.kind)
        if kind is FaultKind.DELAY:
            wait = max(rule.delay_ms, rule.delay_max_ms) / 1000
            if wait >= timeout.total_seconds():
                await asyncio.sleep(timeout.total_seconds())
                return ReceiverAnswer(None, error=f"tiempo de espera agotado ({timeout.total_seconds():g} s, "
                                                  "retraso inyectado)")
            await self.faults.delay(rule)
            return await self.inner.post_json(merchant_id, url, payload, timeout - timedelta(seconds=wait))
        if kind in (FaultKind.HTTP_500, FaultKind.HTTP_503):
            status = 500 if kind is FaultKind.HTTP_500 else 503
            return ReceiverAnswer(status, IIS_PAGES[status])
        if kind is FaultKind.DROP:
            return ReceiverAnswer(None, error="conexión cerrada sin respuesta (falla inyectada)")
        answer = {"CodEstado": 99, "int_cod_estado": 99, "DescripcionEstado": "Error técnico (falla inyectada)",
                  "str_mensaje": "Error técnico (falla inyectada)"}
        return ReceiverAnswer(200, json.dumps(answer, ensure_ascii=False))
