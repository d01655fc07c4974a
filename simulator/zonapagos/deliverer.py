"""The gateway's notification deliverer as a background task: a pass every `tick` seconds while it runs.

Each pass first runs the gateway's own sonda for merchants that receive notifications
(domain/gateway/usecases/gateway_sonda.py), so a payment the world decided is notified without a verification.
The tick only decides how often it looks; which deliveries are due is the domain's back-off on the simulated
clock, so advancing the clock through the control API makes waiting retries go out at the next pass. Each
process runs one; the store's claims let one process post each delivery (`serve --workers N`).
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from collections.abc import AsyncIterator

from domain.gateway.delivery import RetryPolicy
from domain.gateway.resolution import WorldTimeouts
from domain.gateway.usecases.deliveries import claim_due, deliver
from domain.gateway.usecases.gateway_sonda import settle_awaiting
from ports.clock import Clock
from ports.deliveries import MerchantReceiver
from ports.gateway_store import GatewayStore
from ports.pse import PseNetwork

log = logging.getLogger("pasarela.notificaciones")


class Deliverer:
    def __init__(self, store: GatewayStore, clock: Clock, receiver: MerchantReceiver, policy: RetryPolicy,
                 timeouts: WorldTimeouts | None = None, pse: PseNetwork | None = None):
        self.store, self.clock, self.receiver, self.policy = store, clock, receiver, policy
        self.timeouts, self.pse = timeouts or WorldTimeouts(), pse
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{id(self)}"
        self._one_at_a_time = asyncio.Lock()

    async def run_pass(self) -> int:
        """Settle what the world decided for notified merchants' waiting payments (the gateway's sonda), then
        post every due delivery this process could claim, at once; how many were posted."""
        async with self._one_at_a_time:
            settle_awaiting(self.store, self.clock, self.timeouts, self.pse)
            due = claim_due(self.store, self.clock, self.holder, self.policy)
            if due:
                attempts = await asyncio.gather(*(
                    deliver(d, self.store, self.clock, self.receiver, self.holder, self.policy) for d in due))
                for delivery, attempt in zip(due, attempts):
                    if attempt is not None:
                        log.info("notificación %d (%s, comercio %d) intento %d: %s", delivery.id, delivery.kind.value,
                                 delivery.merchant_id, attempt.number, attempt.detail)
            return len(due)

    async def forever(self, tick: float) -> None:
        while True:
            await asyncio.sleep(tick)
            try:
                await self.run_pass()
            except asyncio.CancelledError:
                raise
            except Exception:  # the deliverer must outlive any single bad pass
                log.exception("la pasada de notificaciones falló; se intentará de nuevo")

    @contextlib.asynccontextmanager
    async def running(self, tick: float) -> AsyncIterator[Deliverer]:
        task = asyncio.create_task(self.forever(tick)) if tick > 0 else None
        try:
            yield self
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
