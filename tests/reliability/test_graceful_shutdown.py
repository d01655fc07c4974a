"""Issue 7: SIGTERM is a clean stop. Requests in flight (held 1 s by an injected delay) get their whole
answer, the background tasks (the portal's sonda, the journal writer) stop and flush, the database is
closed: SQLite checkpoints the WAL and removes the -wal and -shm files, and a restart finds everything."""
from __future__ import annotations

import asyncio
import json
import time
import urllib.error
import urllib.request

import aiohttp
import pytest

from simulator.process import SimulatorProcess
from tests.reliability.consistency import problems_in
from tests.wire.soap_helpers import VERIFY_PATH, new_reference, start, verify_body

pytestmark = [pytest.mark.wire, pytest.mark.slow]
IN_FLIGHT = 8
DELAY_MS = 1000


def control(url: str, method: str, path: str, payload: dict | None = None):
    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        return json.loads(response.read())


async def in_flight_then_sigterm(sim: SimulatorProcess, reference: str) -> tuple[list[tuple[int, bytes, float]], int, float]:
    async with aiohttp.ClientSession() as session:
        async def verify() -> tuple[int, bytes, float]:
            started = time.monotonic()
            async with session.post(sim.url + VERIFY_PATH, data=verify_body(reference).encode(),
                                    headers={"Content-Type": "text/xml"}) as response:
                return response.status, await response.read(), time.monotonic() - started

        calls = asyncio.gather(*(verify() for _ in range(IN_FLIGHT)))
        await asyncio.sleep(0.3)  # every call is now held by the 1 s delay
        signalled = time.monotonic()
        exit_code = await asyncio.to_thread(sim.stop)
        stop_seconds = time.monotonic() - signalled
        return await calls, exit_code, stop_seconds


@pytest.mark.parametrize("workers", [1, 2])
def test_sigterm_lets_requests_in_flight_finish_and_closes_the_database(tmp_path, workers):
    db = tmp_path / "shutdown.sqlite3"
    args = ["--workers", str(workers)] if workers > 1 else []
    sim = SimulatorProcess(db, extra_args=args, env={"PASARELA_SONDA_TICK": "0.1"}).start()  # the sonda's task runs
    try:
        reference = new_reference()
        assert start(sim.url, reference).status == 200
        control(sim.url, "DELETE", "/_sim/journal")
        control(sim.url, "POST", "/_sim/faults", {"operacion": "verificar_pago_v4", "tipo": "retraso",
                                                   "retraso_ms": DELAY_MS})
        answers, exit_code, stop_seconds = asyncio.run(in_flight_then_sigterm(sim, reference))
    finally:
        sim.kill()
    assert exit_code == 0 and "detenido." in sim.output(since_start=True)
    assert [status for status, _, _ in answers] == [200] * IN_FLIGHT
    assert all(b"<verificar_pago_v4Result>1</verificar_pago_v4Result>" in body
               and b"<int_cantidad_pagos>1</int_cantidad_pagos>" in body for _, body, _ in answers)  # whole answers
    assert all(seconds >= DELAY_MS / 1000 for _, _, seconds in answers)  # they were in flight when it stopped
    assert stop_seconds < 5  # the sonda's background task did not hold the stop
    with pytest.raises(urllib.error.URLError):  # nothing listens any more
        urllib.request.urlopen(sim.url + "/_sim/health", timeout=2)
    wal, shm = db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")
    assert not wal.exists() and not shm.exists()  # the last connection closed: WAL checkpointed and removed
    assert problems_in(db) == []
    again = SimulatorProcess(db).start()
    try:
        journal = control(again.url, "GET", "/_sim/journal?operacion=verificar_pago_v4")
        assert len(journal) == IN_FLIGHT and {e["estado_http"] for e in journal} == {200}  # the writer flushed them
    finally:
        again.stop()
    print(f"\n--workers {workers}: SIGTERM con {IN_FLIGHT} solicitudes retenidas {DELAY_MS} ms: {IN_FLIGHT} × 200, "
          f"salida {exit_code} en {stop_seconds:.2f} s; -wal y -shm eliminados; {len(journal)} en el diario")
