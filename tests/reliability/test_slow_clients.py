"""Issue 14, item 6: slow clients are cut off. 200 connections trickling their headers (or a 1 MB body) for
60 s all stayed open; now a request's headers must arrive within --header-timeout, its body within
--body-timeout, an idle kept-alive connection closes after --keepalive-timeout, and past --max-connections
a connection gets a clear 503. Raw sockets on loopback against a real `pasarela serve`; bounded counts and
durations."""
from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass

import pytest

from simulator.process import SimulatorProcess
from tests.wire.soap_helpers import VERIFY_PATH, verify_body

pytestmark = pytest.mark.wire
HEADER_TIMEOUT, BODY_TIMEOUT, KEEPALIVE_TIMEOUT = 3.0, 5.0, 4.0
LIMITS = ["--header-timeout", str(HEADER_TIMEOUT), "--body-timeout", str(BODY_TIMEOUT),
          "--keepalive-timeout", str(KEEPALIVE_TIMEOUT)]
SLACK = 2.5  # seconds a cut may come after its limit (timer granularity, a loaded machine)
EARLY = 1.0  # seconds a cut may seem early: the client's clock starts after its connect returns, the server's at accept
TRICKLE_FOR = 40.0  # a trickler gives up after this long: the test is bounded even if nothing cuts it


@dataclass
class Trickle:
    kind: str
    head: bytes  # sent at once
    drip: bytes = b"a"  # then one of these every DRIP seconds
    cut_after: float | None = None  # seconds from connecting to the server closing it
    answer: bytes = b""


DRIP = 0.5


async def trickle(port: int, t: Trickle) -> Trickle:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    started = time.monotonic()

    async def read_until_closed() -> None:
        try:
            while chunk := await reader.read(65536):
                t.answer += chunk
        except (ConnectionError, OSError):
            pass
        t.cut_after = time.monotonic() - started

    closed = asyncio.create_task(read_until_closed())
    try:
        writer.write(t.head)
        while not closed.done() and time.monotonic() - started < TRICKLE_FOR:
            await asyncio.sleep(DRIP)
            if closed.done():
                break
            writer.write(t.drip)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    await asyncio.wait_for(asyncio.shield(closed), 5) if not closed.done() else None
    closed.cancel()
    writer.close()
    return t


def header_trickle(i: int) -> Trickle:
    return Trickle("cabeceras", f"GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lento-{i}: ".encode())


def body_trickle(path: str, content_type: str) -> Trickle:
    head = (f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: 1000000\r\n\r\n").encode()
    return Trickle(f"cuerpo {path}", head, drip=b"x")


BODIES = [("/_sim/clock/advance", "application/json"), (VERIFY_PATH, "text/xml; charset=utf-8"),
          ("/t_demo/pago.asp", "application/x-www-form-urlencoded"),
          ("/PSEUserRegister/Registro", "application/x-www-form-urlencoded"),
          ("/recaudo/identificar", "application/x-www-form-urlencoded")]


async def normal_requests(url: str, until: asyncio.Event) -> list[tuple[int, float]]:
    """A well-behaved client meanwhile: a health check and a SOAP verification every 0.5 s."""
    import aiohttp

    answers = []
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as session:
        while not until.is_set():
            for method, path, body in (("GET", "/_sim/health", None),
                                       ("POST", VERIFY_PATH, verify_body("lento").encode())):
                started = time.monotonic()
                async with session.request(method, url + path, data=body,
                                           headers={"Content-Type": "text/xml"} if body else {}) as response:
                    await response.read()
                    answers.append((response.status, time.monotonic() - started))
            await asyncio.sleep(0.5)
    return answers


@pytest.mark.slow
def test_fifty_connections_trickling_headers_and_a_few_trickling_bodies_are_all_cut(tmp_path):
    async def run(sim: SimulatorProcess) -> tuple[list[Trickle], list[tuple[int, float]], float]:
        done = asyncio.Event()
        meanwhile = asyncio.create_task(normal_requests(sim.url, done))
        started = time.monotonic()
        slow = [header_trickle(i) for i in range(50)] + [body_trickle(p, c) for p, c in BODIES]
        finished = await asyncio.gather(*(trickle(sim.port, t) for t in slow))
        elapsed = time.monotonic() - started
        done.set()
        return finished, await meanwhile, elapsed

    with SimulatorProcess(tmp_path / "lentos.sqlite3", extra_args=LIMITS) as sim:
        finished, normal, elapsed = asyncio.run(run(sim))
        log = sim.output(since_start=True)
    headers = [t for t in finished if t.kind == "cabeceras"]
    bodies = [t for t in finished if t.kind != "cabeceras"]
    cut = [t for t in finished if t.cut_after is not None and t.cut_after < TRICKLE_FOR]
    header_times = [t.cut_after for t in headers if t.cut_after is not None]
    body_times = [t.cut_after for t in bodies if t.cut_after is not None]
    print(f"\n{len(cut)} of {len(finished)} slow connections cut in {elapsed:.1f} s: headers "
          f"(limit {HEADER_TIMEOUT:g} s) median {statistics.median(header_times):.2f} s, max {max(header_times):.2f} s; "
          f"bodies (limit {BODY_TIMEOUT:g} s) median {statistics.median(body_times):.2f} s, "
          f"max {max(body_times):.2f} s; meanwhile {len(normal)} normal requests, "
          f"{sum(1 for s, _ in normal if s == 200)} × 200, slowest {max(d for _, d in normal):.2f} s")
    assert len(cut) == len(finished) == 55
    assert all(HEADER_TIMEOUT - EARLY <= t <= HEADER_TIMEOUT + SLACK for t in header_times), header_times
    assert all(BODY_TIMEOUT - EARLY <= t <= BODY_TIMEOUT + SLACK for t in body_times), body_times
    assert all(t.answer.startswith(b"HTTP/1.1 408 ") for t in finished), [t.answer[:40] for t in finished]
    assert len(normal) >= 10 and all(status == 200 for status, _ in normal), normal
    assert "Traceback" not in log and " ERROR " not in log, log[-3000:]


def test_a_client_slower_than_usual_but_within_the_limits_is_served(tmp_path):
    async def run(port: int) -> list[bytes]:
        answers = []
        for head, drip, count in (
                (b"GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Lento: ", b"a", 4),  # headers in ≈ 2 s
                (b"POST /_sim/clock/advance HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                 b"Content-Length: 16\r\n\r\n{\"segundos\": ", b"1", 2)):  # a body in ≈ 1 s
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(head)
            for _ in range(count):
                await asyncio.sleep(DRIP)
                writer.write(drip)
            writer.write(b"\r\n\r\n" if head.startswith(b"GET") else b"}")
            answers.append(await asyncio.wait_for(reader.read(65536), 10))
            writer.close()
        return answers

    with SimulatorProcess(tmp_path / "paciente.sqlite3", extra_args=LIMITS) as sim:
        answers = asyncio.run(run(sim.port))
    assert [a.split(b"\r\n")[0] for a in answers] == [b"HTTP/1.1 200 OK"] * 2, answers


def test_an_idle_kept_alive_connection_is_closed_after_the_keepalive_timeout(tmp_path):
    async def run(port: int) -> tuple[bytes, float]:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        answer = await asyncio.wait_for(reader.read(65536), 10)
        started = time.monotonic()
        rest = await asyncio.wait_for(reader.read(65536), KEEPALIVE_TIMEOUT + 10)
        writer.close()
        assert rest == b""
        return answer, time.monotonic() - started

    with SimulatorProcess(tmp_path / "inactiva.sqlite3", extra_args=LIMITS) as sim:
        answer, idle = asyncio.run(run(sim.port))
    assert answer.startswith(b"HTTP/1.1 200 OK")
    assert KEEPALIVE_TIMEOUT - EARLY <= idle <= KEEPALIVE_TIMEOUT + SLACK, idle


def test_past_the_connection_cap_a_client_gets_a_clear_503_and_is_served_again_once_connections_close(tmp_path):
    cap = 20

    async def run(url: str, port: int) -> tuple[list[bytes], bytes, bytes]:
        held = [await asyncio.open_connection("127.0.0.1", port) for _ in range(cap)]
        await asyncio.sleep(0.3)
        over = []
        for path in ("/_sim/health", "/t_demo/pago.asp?estado_pago=iniciar_pago&identificador=1"):
            reader, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
            over.append(await asyncio.wait_for(reader.read(65536), 10))
            assert await asyncio.wait_for(reader.read(65536), 5) == b""  # and closed
            writer.close()
        for _, writer in held:
            writer.close()
        await asyncio.sleep(0.3)
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        again = await asyncio.wait_for(reader.read(65536), 10)
        writer.close()
        return over, again

    with SimulatorProcess(tmp_path / "tope.sqlite3", extra_args=[*LIMITS, "--max-connections", str(cap)]) as sim:
        over, again = asyncio.run(run(sim.url, sim.port))
    for answer in over:
        head, _, body = answer.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 503 ") and b"Retry-After: 1" in head, answer[:300]
        assert "máximo de conexiones simultáneas (20)" in body.decode(), body
    assert b"application/problem+json" in over[0] and b"text/html" in over[1]
    assert again.startswith(b"HTTP/1.1 200 OK"), again[:200]


def test_a_client_on_time_is_not_cut_when_the_server_itself_is_late(tmp_path):
    """The header clock stops when the headers' blank line arrives, not when the handler starts: a busy event
    loop (here: the whole process stopped with SIGSTOP for twice the limit while a request arrives) is the
    server's delay, not the client's. Under the 10,000-connection load test this cut thousands with 408."""
    import os
    import signal

    async def run(sim: SimulatorProcess) -> list[bytes]:
        connections = [await asyncio.open_connection("127.0.0.1", sim.port) for _ in range(5)]
        await asyncio.sleep(0.3)  # accepted: each one's header clock (1 s) is running
        os.kill(sim.proc.pid, signal.SIGSTOP)
        try:
            for _, writer in connections:
                writer.write(b"GET /_sim/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
                await writer.drain()
            await asyncio.sleep(2.5)
        finally:
            os.kill(sim.proc.pid, signal.SIGCONT)
        answers = [await asyncio.wait_for(reader.read(65536), 10) for reader, _ in connections]
        for _, writer in connections:
            writer.close()
        return answers

    with SimulatorProcess(tmp_path / "atrasado.sqlite3", extra_args=["--header-timeout", "1"]) as sim:
        answers = asyncio.run(run(sim))
    assert [a.split(b"\r\n")[0] for a in answers] == [b"HTTP/1.1 200 OK"] * 5, answers


def test_a_body_sent_on_time_but_read_late_by_its_handler_is_not_cut(tmp_path):
    """A 1 MB form body sent at once to a page held 3 s by an injected delay, with --body-timeout 1: part of it
    waits in aiohttp's buffer and the rest unread in the socket (flow control) because the handler has not
    read it yet, which is the server's delay, not the client's; the answer is the page's own, never 408."""
    import json
    import urllib.request

    async def run(sim: SimulatorProcess) -> bytes:
        body = b"identificador=1&relleno=" + b"x" * 1_000_000
        reader, writer = await asyncio.open_connection("127.0.0.1", sim.port)
        writer.write(b"POST /t_demo/pago.asp HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                     b"Content-Type: application/x-www-form-urlencoded\r\n"
                     + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
        await writer.drain()
        answer = await asyncio.wait_for(reader.read(65536), 20)
        writer.close()
        return answer

    # --journal off: the journal would read the body before the delay
    with SimulatorProcess(tmp_path / "retenido.sqlite3", extra_args=["--body-timeout", "1", "--journal", "off"]) as sim:
        rule = json.dumps({"operacion": "/t_demo/", "tipo": "retraso", "retraso_ms": 3000}).encode()
        urllib.request.urlopen(urllib.request.Request(f"{sim.url}/_sim/faults", data=rule, method="POST",
                                                      headers={"Content-Type": "application/json"}), timeout=5)
        started = time.monotonic()
        answer = asyncio.run(run(sim))
        held = time.monotonic() - started
    status = answer.split(b"\r\n")[0]
    assert held >= 3 and status.startswith(b"HTTP/1.1 ") and b" 408 " not in status and b" 5" not in status[8:10], \
        answer[:300]
