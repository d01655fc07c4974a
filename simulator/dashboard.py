"""The simulator's dashboard at /_sim/: payments with their live state, the journal, the inbox."""
from __future__ import annotations

from aiohttp import web

from simulator.openapi import openapi_document
from simulator.web.templating import render
from simulator.world import World


def dashboard_routes(world: World) -> list[web.RouteDef]:
    async def dashboard(request: web.Request) -> web.Response:
        journal = []
        if world.journal is not None:
            world.journal.flush()
            journal = [entry for _, entry in world.journal.journal.query(limit=20)]
        inbox = world.store.notifications.recent(20)
        return render(request, "sim/tablero.html", payments=world.store.payments.list_recent(30), journal=journal,
                      inbox=inbox, now=world.clock.now())

    async def openapi(request: web.Request) -> web.Response:
        return web.json_response(openapi_document())

    return [web.get("/_sim/", dashboard), web.get("/_sim/openapi.json", openapi)]
