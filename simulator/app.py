"""The simulator's aiohttp application: every slice's routes (ZonaPAGOS, ACH PSE, Red Coopcentral) and the
control API on one world. Part of the composition root: only simulator/bootstrap.py calls it."""
from __future__ import annotations

import asyncio
import contextlib
from typing import Callable

from aiohttp import web

from domain.ach.banks import BankPage
from pydantic import BaseModel

from simulator.certification.api import CertificationApi
from simulator.control.associates import AssociatesApi
from simulator.control.clock_api import ClockApi
from simulator.control.endpoint import ENDPOINTS, Call, Endpoint
from simulator.control.faults import page_faults
from simulator.control.faults_api import FaultsAndJournalApi
from simulator.control.journal import JournalRecorder, journal_middleware, journaled
from simulator.control.logs import REQUEST_ID, new_request_id
from simulator.control.problems import control_errors
from simulator.control.security import control_guard, page_headers
from simulator.coopcentral.paths import start_url as coopcentral_start_url
from simulator.coopcentral.routes import coopcentral_control, coopcentral_routes
from simulator.dashboard import dashboard_endpoints
from simulator.pse.routes import pse_control, pse_routes
from simulator.soap.asmx import AsmxEndpoint
from simulator.web.iis_router import iis_application
from simulator.web.templating import static_routes
from simulator.world import World
from simulator.zonapagos.contracts import ALL_SERVICES
from simulator.zonapagos.control import PaymentsApi
from simulator.zonapagos.control_merchants import MerchantsApi
from simulator.zonapagos.control_notifications import NotificationsApi
from simulator.zonapagos.deliverer import Deliverer
from simulator.zonapagos.pago_aptc import PagoAptcApi
from simulator.zonapagos.operations.common import Handler
from simulator.zonapagos.pages import GatewayPages
from simulator.zonapagos.rest.ciclo_pago import CicloPagoApi
from simulator.zonapagos.rest.legacy import LegacyRestApi
from simulator.zonapagos.token_page import TokenizationPage
from simulator.zonapagos.rest import openapi as rest_openapi

WORLD: web.AppKey[World] = web.AppKey("world", World)
DELIVERER: web.AppKey[Deliverer] = web.AppKey("deliverer", Deliverer)


def _journal_writer(recorder: JournalRecorder):
    async def run(app: web.Application):
        task = asyncio.create_task(recorder.run())
        yield
        task.cancel()  # its `finally` writes what is still pending
        with contextlib.suppress(asyncio.CancelledError):
            await task
        recorder.journal.close()
    return run


def _deliverer(world: World):
    """The notifications' deliverer runs while the application does (simulator/zonapagos/deliverer.py)."""
    async def run(app: web.Application):
        receiver = world.merchant_receiver
        assert receiver is not None
        deliverer = Deliverer(world.store, world.clock, receiver, world.delivery_policy, world.timeouts, world.pse)
        app[DELIVERER] = deliverer
        async with deliverer.running(world.settings.notification_tick):
            yield
        close = getattr(receiver, "close", None)
        if close is not None:
            await close()
    return run


async def _request_id_header(request: web.Request, response: web.StreamResponse) -> None:
    if "request_id" in request:
        response.headers["X-Request-Id"] = request["request_id"]


class ResetOut(BaseModel):
    reiniciado: bool
    tablas_vaciadas: list[str]


def _reset(reset: Callable[[], list[str]]) -> Endpoint:
    async def handler(call: Call) -> ResetOut:
        return ResetOut(reiniciado=True, tablas_vaciadas=reset())
    return Endpoint("POST", "/_sim/reset", "Vaciar todos los datos y sembrar de nuevo los de demostración", handler,
                    answer=ResetOut, tags=("datos",))


def control_endpoints(world: World) -> list[Endpoint]:
    """The control API's route table: every slice's and the plumbing's typed endpoints on this world."""
    endpoints = [*ClockApi(world.clock).endpoints(), *PaymentsApi(world.store, world.clock).endpoints(),
                 *MerchantsApi(world.store).endpoints(), *NotificationsApi(world.store, world.clock).endpoints(),
                 *dashboard_endpoints(world), *CertificationApi(world).endpoints(),
                 *rest_openapi.endpoints()]
    if world.core_banking is not None:
        endpoints += AssociatesApi(world.core_banking).endpoints()
    if world.reset is not None:
        endpoints.append(_reset(world.reset))
    endpoints += [*pse_control(world, world.ach_policy), *coopcentral_control(world)]
    if world.faults and world.journal:
        endpoints += FaultsAndJournalApi(world.faults, world.journal.journal, world.journal.flush).endpoints()
    return endpoints


def _front(renew: Callable[[], None] | None, soap_endpoints: frozenset[Callable], recorder: JournalRecorder | None):
    """The first layer of every request: cached shared state is checked again, and a SOAP call goes
    straight to its endpoint (journaled), past the layers below, which all pass SOAP paths through
    untouched (control errors and token: /_sim/ only; page faults: the endpoints apply their own).
    A SOAP call is known by the handler its path resolved to, so any spelling of the path is one.
    Each layer costs every request a coroutine; the SOAP endpoints are the hot path."""
    journal = recorder if recorder is not None and recorder.mode != "off" else None

    @web.middleware
    async def middleware(request: web.Request, handler):
        request_id = request["request_id"] = new_request_id(request.headers.get("X-Request-Id", ""))
        REQUEST_ID.set(request_id)  # this request's task only: every log line it writes carries it
        if renew is not None:
            renew()
        endpoint = request.match_info.handler
        if endpoint in soap_endpoints:
            return await (journaled(journal, request, endpoint) if journal is not None else endpoint(request))
        return await handler(request)
    return middleware


def create_app(world: World, operations: dict[str, Handler]) -> web.Application:
    """The HTTP half of the composition root (called by simulator/bootstrap.py only): every slice's routes on
    the world, the middlewares, the background tasks."""
    endpoints = {
        service.path: AsmxEndpoint(service, {op.name: operations[op.name] for op in service.operations},
                                   world.faults).handle
        for service in ALL_SERVICES
    }
    middlewares = [_front(world.renew_reads, frozenset(endpoints.values()), world.journal), control_errors]
    if world.settings.control_token:  # each middleware is a layer on every request: only when needed
        middlewares.append(control_guard(world.settings.control_token))
    middlewares += [journal_middleware(world.journal)] if world.journal else []
    if world.faults is not None:
        middlewares.append(page_faults(world.faults, frozenset(path.lower() for path in endpoints)))
    # Every path in any case, as IIS serves them (simulator/web/iis_router.py): one spelling registered.
    app = iis_application(client_max_size=world.settings.max_body_bytes, middlewares=middlewares)
    for path, endpoint in endpoints.items():
        app.router.add_route("*", path, endpoint)
    control = control_endpoints(world)
    app.add_routes([endpoint.route() for endpoint in control])
    app.add_routes(PagoAptcApi(world.store, world.clock).routes())
    app.add_routes(GatewayPages(world).routes())
    app.add_routes(CicloPagoApi(world).routes())
    app.add_routes(LegacyRestApi(operations).routes())
    app.add_routes(TokenizationPage(world).routes())
    app.add_routes(pse_routes(world, world.ach_policy, {BankPage.COOPCENTRAL_NETWORK: coopcentral_start_url}))
    app.add_routes(coopcentral_routes(world, world.ach_policy))  # bank 1066: the Red Coopcentral's pages
    app.add_routes(static_routes())
    if world.journal:
        app.cleanup_ctx.append(_journal_writer(world.journal))
    if world.merchant_receiver is not None:
        app.cleanup_ctx.append(_deliverer(world))
    if world.portal is not None:
        app.add_subapp("/recaudo/", world.portal)
    app.on_response_prepare.append(page_headers)
    app.on_response_prepare.append(_request_id_header)
    app[WORLD] = world
    app[ENDPOINTS] = control
    return app
