"""The simulator's aiohttp application: SOAP services at the real paths and the control API."""
from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from ports.clock import ControllableClock
from ports.store import GatewayStore
from simulator.control import ControlApi, control_errors
from simulator.control_merchants import MerchantsApi
from simulator.gateway.resolution import WorldTimeouts
from simulator.settings import Settings
from simulator.soap.asmx import AsmxEndpoint
from simulator.zonapagos.contracts import ALL_SERVICES
from simulator.zonapagos.operations import build_handlers


@dataclass
class World:
    """What the simulator runs on: injected by the composition root."""

    store: GatewayStore
    clock: ControllableClock
    settings: Settings
    timeouts: WorldTimeouts = WorldTimeouts()


def create_app(world: World) -> web.Application:
    app = web.Application(client_max_size=world.settings.max_body_bytes, middlewares=[control_errors])
    operations = build_handlers(world.store, world.clock, world.timeouts)
    for service in ALL_SERVICES:
        endpoint = AsmxEndpoint(
            service, {op.name: operations[op.name] for op in service.operations}, world.settings.soap_engine
        )
        paths = {service.path, service.path.lower()}
        for path in paths:
            app.router.add_route("*", path, endpoint.handle)
    app.add_routes(ControlApi(world.store, world.clock).routes())
    app.add_routes(MerchantsApi(world.store).routes())
    app["world"] = world
    return app
