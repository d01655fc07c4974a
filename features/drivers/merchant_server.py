"""A merchant's own server for notification tests: a real aiohttp application on a loopback port, in a thread,
answering from a script and keeping every request it received."""
from __future__ import annotations

import asyncio
import json
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field

from aiohttp import web

OK = (200, {"CodEstado": 0, "DescripcionEstado": "Recibido"})
TECHNICAL = (200, {"CodEstado": 99, "DescripcionEstado": "Error técnico"})
SERVER_ERROR = (500, "<h1>500</h1>")
TOKEN_OK = (200, {"int_cod_estado": 0, "str_mensaje": "Recibido"})


@dataclass
class Received:
    path: str
    content_type: str
    body: dict


@dataclass
class MerchantServer:
    """Answers the i-th request with `script[i]` (the last one again once the script is used up)."""

    script: list[tuple[int, object]] = field(default_factory=lambda: [OK])
    received: list[Received] = field(default_factory=list)
    port: int = 0
    delay: float = 0.0  # seconds each answer takes

    def __post_init__(self) -> None:
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _handle(self, request: web.Request) -> web.Response:
        raw = await request.read()
        self.received.append(Received(request.path, request.headers.get("Content-Type", ""), json.loads(raw)))
        status, answer = self.script[min(len(self.received), len(self.script)) - 1]
        if self.delay:
            await asyncio.sleep(self.delay)
        if isinstance(answer, str):
            return web.Response(status=status, text=answer, content_type="text/html")
        return web.json_response(answer, status=status)

    def _serve(self) -> None:
        asyncio.set_event_loop(self._loop)
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app)
        self._loop.run_until_complete(self._runner.setup())
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        self._loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self._ready.set()
        self._loop.run_forever()

    def __enter__(self) -> MerchantServer:
        self._thread.start()
        self._ready.wait(5)
        return self

    def __exit__(self, *exc) -> None:
        asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)

    def wait_for(self, count: int, timeout: float = 10.0) -> list[Received]:
        """Block until `count` requests arrived (AssertionError after `timeout` seconds)."""
        deadline = time.monotonic() + timeout
        while len(self.received) < count:
            assert time.monotonic() < deadline, f"{len(self.received)} of {count} notifications arrived"
            time.sleep(0.02)
        return list(self.received)


def call(url: str, method: str, path: str, payload: dict | None = None) -> tuple[int, object]:
    """A control API call with any method; the status and the decoded JSON answer."""
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(f"{url}{path}", data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def wait_until(check, timeout: float = 10.0):
    """Poll `check()` until it returns something truthy; that value (AssertionError after `timeout`)."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.02)
