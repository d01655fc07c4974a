"""The simulator's dashboard at /_sim/: payments with their live state, the journal, the inbox."""
from __future__ import annotations

from typing import Any

from aiohttp import web

from simulator.control.endpoint import ENDPOINTS, Call, Endpoint
from simulator.openapi import openapi_document
from simulator.web.templating import render
from simulator.world import World


def dashboard_endpoints(world: World) -> list[Endpoint]:
    async def dashboard(call: Call) -> web.Response:
        journal = []
        if world.journal is not None:
            world.journal.flush()
            journal = [entry for _, entry in world.journal.journal.query(limit=20)]
        inbox = world.store.notifications.recent(20)
        return render(call.request, "sim/tablero.html", payments=world.store.payments.list_recent(30),
                      journal=journal, inbox=inbox, now=world.clock.now())

    async def openapi(call: Call) -> dict[str, Any]:
        return openapi_document(call.request.app[ENDPOINTS])

    return [Endpoint("GET", "/_sim/", "Tablero: pagos, diario y buzón", dashboard, html=True, tags=("tablero",)),
            Endpoint("GET", "/_sim/openapi.json", "Este documento", openapi, answer=dict[str, Any],
                     tags=("tablero",))]
