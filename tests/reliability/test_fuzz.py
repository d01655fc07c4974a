"""Issue 7: a bounded fuzz of every entry point of one simulator process: at least 10,000 generated
inputs (hypothesis) across the SOAP operations (structured and byte-mutated), the forms of every page,
the pages' query strings and the control API, sent with bounded concurrency. No 5xx except client SOAP
Faults, no traceback in any answer or in the log, no markup echoed unescaped, and the database still
consistent afterwards (integrity, foreign keys, attempts, legal states, unique references)."""
from __future__ import annotations

import asyncio
import contextlib
import json
import re
import threading
import time
from collections import Counter

import aiohttp
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from simulator.process import SimulatorProcess
from tests.portal_env import PORTAL_ENV
from tests.reliability.browser import TRACEBACK_MARKS, Browser
from tests.reliability.consistency import problems_in, row_counts
from tests.reliability.fuzz_inputs import MARK, Request, any_request
from tests.reliability.soap_answers import soap_problem
from tests.reliability.tour import tour

pytestmark = [pytest.mark.slow, pytest.mark.wire]
BATCH = 50
BATCHES = 200  # BATCH × BATCHES = 10,000 inputs
CONCURRENCY = 12


class Target:
    """The simulator under fuzz, the tour's browsers, and one event loop on a thread of its own."""

    def __init__(self, sim: SimulatorProcess):
        self.sim = sim
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, daemon=True)
        self.thread.start()
        self.stack = contextlib.AsyncExitStack()
        self.sent: Counter = Counter()
        self.statuses: Counter = Counter()
        self.problems: list[str] = []

    def run(self, coroutine):
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result()

    async def open(self) -> None:
        self.stops = await self.stack.enter_async_context(tour(self.sim.url))
        self.plain = await self.stack.enter_async_context(Browser(self.sim.url))
        self.semaphore = asyncio.Semaphore(CONCURRENCY)
        _, payments = await self.plain.json("GET", "/_sim/payments")
        _, transactions = await self.plain.json("GET", "/_sim/pse/transacciones")
        self.payments = [str(p["identificador"]) for p in payments]
        self.transactions = [str(t["cus"]) for t in transactions]

    async def close(self) -> None:
        await self.stack.aclose()

    async def send(self, request: Request) -> None:
        browser = self.stops[request.stop].browser if request.stop is not None else self.plain
        async with self.semaphore:
            try:
                async with browser.session.request(request.method, self.sim.url + request.path, data=request.body,
                                                   headers=request.headers, allow_redirects=False) as response:
                    status, headers, body = response.status, response.headers, await response.read()
            except (aiohttp.ClientError, asyncio.TimeoutError) as error:
                self.problems.append(f"{request.kind} {request.method} {request.path[:80]}: no answer ({error!r})")
                return
        self.sent[request.kind] += 1
        self.statuses[status] += 1
        problem = judge(request, status, headers.get("Content-Type", ""), body)
        if problem:
            self.problems.append(f"{request.kind} {request.method} {request.path[:80]} "
                                 f"{(request.body or b'')[:300]!r}: {problem}")

    async def send_all(self, batch: list[Request]) -> None:
        await asyncio.gather(*(self.send(r) for r in batch))


def judge(request: Request, status: int, content_type: str, body: bytes) -> str:
    """'' if the answer is acceptable for that entry point; else what is wrong."""
    if request.kind.startswith("soap"):
        return soap_problem(status, body)
    text = body.decode("utf-8", "replace")
    if status >= 500:
        return f"HTTP {status}: {text[:300]}"
    if any(mark in text for mark in TRACEBACK_MARKS):
        return f"traceback text in a {status} answer"
    if request.kind == "control":
        if status >= 400 and not content_type.startswith("application/problem+json"):
            return f"HTTP {status} as {content_type}, not a JSON problem: {text[:200]}"
        if content_type.startswith("application/") and "json" in content_type:
            try:
                json.loads(text)
            except ValueError:
                return "a JSON answer that is not JSON"
        return ""
    if MARK in text or "<script>alert(1)</script>" in text:
        return "markup echoed unescaped"
    return ""


def logged_errors(log: str) -> list[str]:
    """The log's error records and tracebacks. A request aiohttp's parser refuses (a URL over 8 KiB) is
    one WARNING line since issue 14 (simulator/serving.py), so no record is excused."""
    records = re.split(r"\n(?=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ )", log)
    return [r[:600] for r in records if " ERROR " in r or "Traceback" in r]


@pytest.fixture(scope="module")
def target(tmp_path_factory):
    sim = SimulatorProcess(tmp_path_factory.mktemp("fuzz") / "fuzz.sqlite3", env=PORTAL_ENV).start()
    target = Target(sim)
    target.run(target.open())
    yield target
    target.run(target.close())
    target.loop.call_soon_threadsafe(target.loop.stop)
    sim.stop()
    sim.kill()


def test_ten_thousand_generated_inputs_get_no_5xx_no_traceback_and_leave_the_database_consistent(target):
    started = time.monotonic()

    @settings(max_examples=BATCHES, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def batch(data) -> None:
        requests = data.draw(st.lists(any_request(target.stops, target.payments, target.transactions),
                                      min_size=BATCH, max_size=BATCH))
        target.run(target.send_all(requests))

    batch()
    elapsed = time.monotonic() - started
    tried = sum(target.sent.values())
    log = target.sim.output(since_start=True)
    errors = logged_errors(log)
    problems = problems_in(target.sim.db)
    print(f"\nfuzz: {tried} inputs in {elapsed:.1f} s ({dict(target.sent)}); statuses "
          f"{dict(sorted(target.statuses.items()))}; {len(target.problems)} bad answers, {len(errors)} errors "
          f"logged, database {row_counts(target.sim.db)}, {len(problems)} inconsistencies")
    assert target.problems == [], "\n".join(target.problems[:20])
    assert errors == [], "\n".join(errors[:20])
    assert problems == []
    assert tried >= 10_000
