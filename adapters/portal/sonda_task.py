"""The portal's sonda as a background task: a pass every `sonda_tick_seconds` while the portal runs.

The tick only decides how often the task looks; which payments are due is the domain's schedule
(domain/recaudo/sonda.py) on the portal's clock, and the lease (SondaLock) lets one process poll at a time.
"""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
from typing import TYPE_CHECKING

from adapters.portal.web import Portal
from domain.recaudo.usecases.sonda import SondaReport, run_sonda

if TYPE_CHECKING:
    from collections.abc import AsyncIterator

log = logging.getLogger("pasarela.portal.sonda")


class SondaRunner:
    def __init__(self, portal: Portal):
        self.portal = portal
        self.holder = f"{socket.gethostname()}:{os.getpid()}:{id(self)}"
        self._one_at_a_time = asyncio.Lock()

    async def run_pass(self) -> SondaReport:
        portal, ports = self.portal, self.portal.ports
        if portal.gateway is None:
            return SondaReport(ran=False)
        async with self._one_at_a_time:
            report = await run_sonda(self.holder, portal.gateway, ports.payments, ports.sessions, ports.core,
                                     ports.sonda_lock, ports.clock, portal.settings.sonda_policy)
        if report.verified or report.stopped or report.credited:
            log.info("sonda: %d consultados, %d finalizados, %d abonados, %d detenidos, %d fallidos",
                     len(report.verified), len(report.finished), len(report.credited), len(report.stopped),
                     len(report.failed))
        return report

    async def forever(self, tick: float) -> None:
        while True:
            await asyncio.sleep(tick)
            try:
                await self.run_pass()
            except asyncio.CancelledError:
                raise
            except Exception:  # the sonda must outlive any single bad pass
                log.exception("la pasada de la sonda falló; se intentará de nuevo")

    @contextlib.asynccontextmanager
    async def running(self, tick: float) -> AsyncIterator[SondaRunner]:
        task = asyncio.create_task(self.forever(tick)) if tick > 0 else None
        try:
            yield self
        finally:
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
