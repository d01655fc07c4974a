"""Serving a reference app of the benchmark (the ceiling, the bare verify) the way `pasarela serve` serves
the simulator: the default asyncio loop, `access_log=None`, until SIGINT or SIGTERM."""
from __future__ import annotations

import asyncio
import signal

from aiohttp import web


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
