"""`pasarela portal`: the recaudo portal alone (against a remote gateway), with the little it needs around it.

`/` goes to the portal, `/_sim/health` says it is up, and `/_sim/inbox?para=` shows the OTP messages the
portal wrote to its own database (there is no SMS gateway in a test stand-in).
"""
from __future__ import annotations

import os

from aiohttp import web

from ports.store import SimulatorStore
from simulator.pse.control import MessageOut
from simulator.web.iis_router import iis_application

MAX_MESSAGES = 50


def create_standalone_app(portal: web.Application, store: SimulatorStore) -> web.Application:
    async def root(request: web.Request) -> web.Response:
        raise web.HTTPFound("/recaudo/")

    async def health(request: web.Request) -> web.Response:
        return web.json_response({"estado": "ok", "pid": os.getpid()})

    async def inbox(request: web.Request) -> web.Response:
        to = request.query.get("para", "").strip()[:100]
        messages = store.notifications.messages_for(to, MAX_MESSAGES) if to else store.notifications.recent(MAX_MESSAGES)
        return web.json_response([MessageOut.of(m).model_dump(mode="json") for m in messages])

    app = iis_application()  # paths in any case, as beside the gateway
    app.add_routes([web.get("/", root), web.get("/_sim/health", health), web.get("/_sim/inbox", inbox)])
    app.add_subapp("/recaudo/", portal)
    return app
