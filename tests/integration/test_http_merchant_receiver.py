"""The HTTP way out to merchants' servers (adapters/merchants/http_receiver.py) against a real aiohttp server on
loopback: the JSON it posts, and every failure turned into an answer (timeout, refused connection, redirect,
oversized body)."""
from __future__ import annotations

import asyncio
import json
import socket
from datetime import timedelta
from decimal import Decimal

from aiohttp import web

from adapters.merchants.http_receiver import MAX_ANSWER_BYTES, HttpMerchantReceiver

PAYLOAD = {"IdPago": "R-1", "ValorTotalPagado": Decimal("20000.01"), "Facturas": [{"ValorPagado": Decimal(0)}],
           "Campo1": "ñandú"}


async def _with_server(check) -> None:
    seen: list[tuple[str, bytes]] = []

    async def handle(request: web.Request) -> web.StreamResponse:
        seen.append((request.headers["Content-Type"], await request.read()))
        if request.path == "/lento":
            await asyncio.sleep(0.5)
        if request.path == "/redirige":
            raise web.HTTPFound("/ok")
        if request.path == "/enorme":
            return web.Response(text="x" * (MAX_ANSWER_BYTES * 2))
        return web.json_response({"CodEstado": 0, "DescripcionEstado": "Recibido"})

    app = web.Application()
    app.router.add_post("/{tail:.*}", handle)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    receiver = HttpMerchantReceiver()
    try:
        await check(receiver, f"http://127.0.0.1:{port}", seen)
    finally:
        await receiver.close()
        await runner.cleanup()


def test_it_posts_the_payload_as_json_with_exact_amounts_and_reads_the_answer():
    async def check(receiver, base, seen):
        answer = await receiver.post_json(1001, base + "/n", PAYLOAD, timedelta(seconds=5))
        assert answer.status == 200 and json.loads(answer.body)["CodEstado"] == 0 and answer.error == ""
        content_type, body = seen[0]
        assert content_type.startswith("application/json")
        assert b'"ValorTotalPagado":20000.01' in body and b'"ValorPagado":0' in body
        assert json.loads(body)["Campo1"] == "ñandú"
    asyncio.run(_with_server(check))


def test_a_slow_merchant_is_a_timeout_and_a_redirect_is_not_followed():
    async def check(receiver, base, seen):
        slow = await receiver.post_json(1001, base + "/lento", PAYLOAD, timedelta(seconds=0.2))
        assert slow.status is None and "tiempo de espera" in slow.error
        moved = await receiver.post_json(1001, base + "/redirige", PAYLOAD, timedelta(seconds=5))
        assert moved.status == 302 and len(seen) == 2
    asyncio.run(_with_server(check))


def test_an_oversized_answer_is_cut_and_a_closed_port_is_an_answer_not_an_exception():
    async def check(receiver, base, seen):
        big = await receiver.post_json(1001, base + "/enorme", PAYLOAD, timedelta(seconds=5))
        assert big.status == 200 and len(big.body) == MAX_ANSWER_BYTES
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            closed = s.getsockname()[1]
        refused = await receiver.post_json(1001, f"http://127.0.0.1:{closed}/n", PAYLOAD, timedelta(seconds=5))
        assert refused.status is None and "conectar" in refused.error
    asyncio.run(_with_server(check))
