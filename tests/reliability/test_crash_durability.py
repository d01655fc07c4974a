"""Issue 7: kill -9 under load, again and again; every acknowledged write is still there afterwards."""
from __future__ import annotations

import asyncio
import json
import random
import time

import aiohttp
import pytest

from simulator.process import SimulatorProcess
from tests.wire.soap_helpers import (
    START_PATH, VERIFY_PATH, Answer, attempts_of, inicio_body, new_reference, verify_body,
)

pytestmark = [pytest.mark.slow, pytest.mark.wire]
ROUNDS = 20
FINAL = {1: "1", 1000: "1000", 1001: "1001"}


async def load(url: str, seconds: float, acknowledged: dict[str, tuple[str, str]]) -> None:
    """Start payments and force outcomes until killed; remember only what the simulator acknowledged."""
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        async def worker() -> None:
            while time.monotonic() < deadline:
                reference = new_reference()
                try:
                    async with session.post(url + START_PATH, data=inicio_body(reference).encode(),
                                            headers={"Content-Type": "text/xml"}) as response:
                        text = await response.text()
                    if response.status != 200 or "<inicio_pagoV2Result>-1" in text:
                        continue
                    identifier = text.split("<inicio_pagoV2Result>")[1].split("<")[0]
                    acknowledged[reference] = (identifier, "888")
                    if random.random() < 0.5:
                        state = random.choice(list(FINAL))
                        async with session.post(f"{url}/_sim/payments/{identifier}/outcome",
                                                data=json.dumps({"estado": state})) as forced:
                            if forced.status == 200:
                                acknowledged[reference] = (identifier, FINAL[state])
                except (aiohttp.ClientError, asyncio.TimeoutError, IndexError):
                    return  # the process died under us: what it acknowledged is recorded
        await asyncio.gather(*(worker() for _ in range(8)))


async def verified_states(url: str, references: list[str]) -> dict[str, str | None]:
    """The last attempt's state of each reference, through verificar_pago_v4 (None: not found)."""
    semaphore = asyncio.Semaphore(16)
    async with aiohttp.ClientSession() as session:
        async def one(reference: str) -> tuple[str, str | None]:
            async with semaphore, session.post(url + VERIFY_PATH, data=verify_body(reference).encode(),
                                               headers={"Content-Type": "text/xml"}) as response:
                groups = attempts_of(Answer(response.status, "", await response.read()))
            return reference, groups[-1][1] if groups else None
        return dict(await asyncio.gather(*(one(r) for r in references)))


def test_acknowledged_payments_survive_repeated_sigkill(tmp_path):
    db = tmp_path / "crash.sqlite3"
    acknowledged: dict[str, tuple[str, str]] = {}
    started = time.monotonic()
    for _ in range(ROUNDS):
        sim = SimulatorProcess(db).start()
        asyncio.run(load(sim.url, random.uniform(0.3, 0.8), acknowledged))
        sim.kill()  # SIGKILL, mid-flight
    sim = SimulatorProcess(db).start()
    try:
        states = asyncio.run(verified_states(sim.url, list(acknowledged)))
    finally:
        sim.stop()
    lost = [r for r, found in states.items() if found is None]
    wrong = [(r, acknowledged[r][1], found) for r, found in states.items() if found not in (None, acknowledged[r][1])]
    print(f"\n{ROUNDS} SIGKILLs in {time.monotonic() - started:.1f} s: {len(acknowledged)} acknowledged payments, "
          f"{sum(1 for _, s in acknowledged.values() if s != '888')} acknowledged outcomes, "
          f"{len(lost)} lost, {len(wrong)} in another state")
    assert len(acknowledged) > 100
    assert lost == [] and wrong == []
