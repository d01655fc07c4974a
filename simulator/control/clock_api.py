"""The control API's health and simulated clock: /_sim/health, /_sim/clock."""
from __future__ import annotations

import os

from aiohttp import web

from domain.shared.errors import DomainError
from ports.clock import ControllableClock
from simulator.control.problems import read_json


class ClockApi:
    def __init__(self, clock: ControllableClock):
        self.clock = clock

    def routes(self) -> list[web.RouteDef]:
        return [
            web.get("/_sim/health", self.health),
            web.get("/_sim/clock", self.get_clock),
            web.post("/_sim/clock/advance", self.advance_clock),
            web.post("/_sim/clock/reset", self.reset_clock),
        ]

    async def health(self, request: web.Request) -> web.Response:
        return web.json_response({"status": "ok", "pid": os.getpid()})

    async def get_clock(self, request: web.Request) -> web.Response:
        return web.json_response({"ahora": self.clock.now().isoformat()})

    async def advance_clock(self, request: web.Request) -> web.Response:
        data = await read_json(request)
        seconds = data.get("segundos", data.get("seconds"))
        if not isinstance(seconds, (int, float)) or isinstance(seconds, bool) or not 0 <= seconds <= 10**8:
            raise DomainError("'segundos' debe ser un número entre 0 y 100000000")
        return web.json_response({"ahora": self.clock.advance(seconds).isoformat()})

    async def reset_clock(self, request: web.Request) -> web.Response:
        self.clock.reset()
        return web.json_response({"ahora": self.clock.now().isoformat()})
