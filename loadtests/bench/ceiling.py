"""The Python ceiling: a bare aiohttp app in its own process that answers every POST with fixed bytes.

    python -m loadtests.bench.ceiling --port P --body-file F [--content-type T]

Same interpreter, same event loop (the default asyncio loop, as `pasarela serve`), same
`access_log=None`; it reads the request body like the simulator does and answers the exact bytes
the simulator returned for one such request. Nothing else: no XML, no SQL, no domain. What the
simulator reaches of this figure is what its own work leaves of the HTTP stack's budget.
GET /_sim/health answers 200 so the benchmark can wait for it like for the simulator.
"""
from __future__ import annotations

import argparse
from pathlib import Path

from aiohttp import web

from loadtests.bench.reference_server import post_app, run


def create_app(body: bytes, content_type: str) -> web.Application:
    headers = {"Content-Type": content_type}

    async def answer(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(body=body, headers=headers)

    return post_app(answer)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtests.bench.ceiling", description=__doc__.split("\n")[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--body-file", type=Path, required=True, help="the exact response body to send")
    parser.add_argument("--content-type", default="text/xml; charset=utf-8")
    args = parser.parse_args(argv)
    body = args.body_file.read_bytes()
    run(create_app(body, args.content_type), args.host, args.port, f"ceiling ({len(body)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
