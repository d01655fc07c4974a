"""Issue 8: 10,000 concurrent in-flight requests with 1 s injected delay complete, with < 1 GiB RSS."""
from __future__ import annotations

import asyncio
import json
import time
import urllib.request

import aiohttp
import pytest

from simulator.process import SimulatorProcess
from tests.wire.soap_helpers import VERIFY_PATH, verify_body

pytestmark = [pytest.mark.slow, pytest.mark.wire]
CONCURRENT = 10_000


def peak_rss_mib(pid: int) -> float:
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise AssertionError("no VmHWM")


async def flood(url: str) -> list[int]:
    body = verify_body("latencia").encode()
    connector = aiohttp.TCPConnector(limit=0, force_close=True)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:
        async def one() -> int:
            async with session.post(url + VERIFY_PATH, data=body, headers={"Content-Type": "text/xml"}) as r:
                await r.read()
                return r.status
        return await asyncio.gather(*(one() for _ in range(CONCURRENT)))


def test_ten_thousand_delayed_requests_complete_in_little_memory(tmp_path):
    # 10,000 connections at once from one client process: over the default cap of 1,024 connections per process
    # (issue 14), raised here; and on a busy 2-core machine that client's own event loop may send a request more
    # than the default 15 s after its connection opened, which the server rightly cuts: the header limit is
    # raised to the client's own timeout. This test measures the delayed path's capacity, not slow clients.
    with SimulatorProcess(tmp_path / "l.sqlite3", extra_args=["--journal", "metadata",
                                                                "--max-connections", str(CONCURRENT + 500),
                                                                "--header-timeout", "120"]) as sim:
        rule = json.dumps({"operacion": "verificar_pago_v4", "tipo": "retraso", "retraso_ms": 1000}).encode()
        urllib.request.urlopen(urllib.request.Request(f"{sim.url}/_sim/faults", data=rule, method="POST"), timeout=5)
        started = time.monotonic()
        statuses = asyncio.run(flood(sim.url))
        elapsed = time.monotonic() - started
        rss = peak_rss_mib(sim.proc.pid)
    print(f"\n{CONCURRENT} requests with 1 s injected delay: {elapsed:.1f} s wall, "
          f"{statuses.count(200)} × 200, peak RSS of the simulator {rss:.0f} MiB")
    assert statuses.count(200) == CONCURRENT
    assert rss < 1024
    assert elapsed >= 1.0  # the delay was applied
