"""The simulator's aiohttp application: SOAP services at the real paths and the control API."""
from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Callable

from aiohttp import web

from ports.bot_check import BotCheck
from ports.clock import ControllableClock
from ports.core_banking import CoreBanking
from ports.pse import PseNetwork
from ports.store import SimulatorStore
from simulator.control import ControlApi, control_errors
from simulator.control_faults import FaultsAndJournalApi
from simulator.control_associates import AssociatesApi
from simulator.control_merchants import MerchantsApi
from simulator.dashboard import dashboard_routes
from simulator.faults import FaultInjector, page_faults
from simulator.journal import JournalRecorder, journal_middleware, journaled
from domain.gateway.resolution import WorldTimeouts
from simulator.security import control_guard, page_headers
from simulator.pse.routes import pse_routes
from simulator.settings import Settings
from simulator.web.templating import static_routes
from simulator.web.gateway_pages import GatewayPages
from simulator.soap.asmx import AsmxEndpoint
from simulator.zonapagos.contracts import ALL_SERVICES
from simulator.zonapagos.operations import build_handlers


WORLD: web.AppKey["World"] = web.AppKey("world")


@dataclass
class World:
    """What the simulator runs on: injected by the composition root."""

    store: SimulatorStore
    clock: ControllableClock
    settings: Settings
    timeouts: WorldTimeouts = WorldTimeouts()
    faults: FaultInjector | None = None
    journal: JournalRecorder | None = None
    pse: PseNetwork | None = None  # the simulated ACH (simulator.pse.network.AchNetwork)
    form_secret: str = ""  # signs the pages' CSRF tokens; read from the store on first use
    core_banking: CoreBanking | None = None  # the cooperative's core, read by the control API
    reset: Callable[[], list[str]] | None = None  # wipe and seed again (POST /_sim/reset)
    portal: web.Application | None = None  # the recaudo portal, mounted at /recaudo/ (built in bootstrap)
    renew_reads: Callable[[], None] | None = None  # a request arrived: cached shared state is checked again
    coopcentral_bot_check: BotCheck | None = None  # the Portal Transaccional's (set by bootstrap)


def _journal_writer(recorder: JournalRecorder):
    async def run(app: web.Application):
        task = asyncio.create_task(recorder.run())
        yield
        task.cancel()  # its `finally` writes what is still pending
        with contextlib.suppress(asyncio.CancelledError):
            await task
        recorder.journal.close()
    return run


def _reset_handler(reset: Callable[[], list[str]]):
    async def handler(request: web.Request) -> web.Response:
        return web.json_response({"reiniciado": True, "tablas_vaciadas": reset()})
    return handler


def _front(renew: Callable[[], None] | None, soap_paths: frozenset[str], recorder: JournalRecorder | None):
    """The first layer of every request: cached shared state is checked again, and a SOAP call goes
    straight to its endpoint (journaled), past the layers below, which all pass SOAP paths through
    untouched (control errors and token: /_sim/ only; page faults: the endpoints apply their own).
    Each layer costs every request a coroutine; the SOAP endpoints are the hot path."""
    journal = recorder if recorder is not None and recorder.mode != "off" else None

    @web.middleware
    async def middleware(request: web.Request, handler):
        if renew is not None:
            renew()
        if request.path in soap_paths:
            endpoint = request.match_info.handler
            return await (journaled(journal, request, endpoint) if journal is not None else endpoint(request))
        return await handler(request)
    return middleware


def create_app(world: World) -> web.Application:
    soap_paths = frozenset(path for service in ALL_SERVICES for path in (service.path, service.path.lower()))
    middlewares = [_front(world.renew_reads, soap_paths, world.journal), control_errors]
    if world.settings.control_token:  # each middleware is a layer on every request: only when needed
        middlewares.append(control_guard(world.settings.control_token))
    middlewares += [journal_middleware(world.journal)] if world.journal else []
    if world.faults is not None:
        middlewares.append(page_faults(world.faults, frozenset(path.lower() for path in soap_paths)))
    app = web.Application(client_max_size=world.settings.max_body_bytes, middlewares=middlewares)
    operations = build_handlers(world.store, world.clock, world.timeouts, world.pse)
    for service in ALL_SERVICES:
        endpoint = AsmxEndpoint(
            service, {op.name: operations[op.name] for op in service.operations}, world.settings.soap_engine,
            world.faults,
        )
        for path in {service.path, service.path.lower()}:  # the paths of `soap_paths`
            app.router.add_route("*", path, endpoint.handle)
    app.add_routes(ControlApi(world.store, world.clock).routes())
    app.add_routes(MerchantsApi(world.store).routes())
    app.add_routes(dashboard_routes(world))
    if world.core_banking is not None:
        app.add_routes(AssociatesApi(world.core_banking).routes())
    if world.reset is not None:
        app.add_routes([web.post("/_sim/reset", _reset_handler(world.reset))])
    app.add_routes(GatewayPages(world).routes())
    app.add_routes(pse_routes(world))
    app.add_routes(static_routes())
    if world.faults and world.journal:
        app.add_routes(FaultsAndJournalApi(world.faults, world.journal.journal, world.journal.flush).routes())
    if world.journal:
        app.cleanup_ctx.append(_journal_writer(world.journal))
    if world.portal is not None:
        app.add_subapp("/recaudo/", world.portal)
    app.on_response_prepare.append(page_headers)
    app[WORLD] = world
    return app
