"""Serving a reference app of the benchmark (the ceiling, the bare verify) the way `pasarela serve` serves
the simulator: the default asyncio loop, `access_log=None`, until SIGINT or SIGTERM."""
from __future__ import annotations

import asyncio
import signal
from typing import Awaitable, Callable

from aiohttp import web


def post_app(answer: Callable[[web.Request], Awaitable[web.StreamResponse]]) -> web.Application:
    """An app answering every POST with `answer`, and GET /_sim/health as the simulator does (the
    benchmark waits for it)."""
    async def health(request: web.Request) -> web.Response:
        return web.Response(text='{"status": "ok"}', content_type="application/json")

    app = web.Application()
    app.router.add_get("/_sim/health", health)
    app.router.add_post("/{tail:.*}", answer)
    return app


async def _serve(app: web.Application, host: str, port: int, banner: str) -> None:
    runner = web.AppRunner(app, handle_signals=False, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    print(f"{banner} listening on http://{host}:{port}", flush=True)
    await stop.wait()
    await runner.cleanup()


def run(app: web.Application, host: str, port: int, banner: str) -> None:
    asyncio.run(_serve(app, host, port, banner))
