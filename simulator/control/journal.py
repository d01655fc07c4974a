"""The request journal: every call the simulated world receives, with masked request and response bodies.

Recording is cheap on the request path (an append to a list); bodies are masked and written in batches
by a background task every quarter second, so integrators can assert what their code sent moments later.
"""
from __future__ import annotations

import asyncio
import logging
import time

from aiohttp import web

from ports.clock import Clock
from ports.sim_state import Journal, JournalEntry
from simulator.control.masking import mask, mask_response
from simulator.web.iis_router import path_under

MAX_BODY_CHARS = 64 * 1024
log = logging.getLogger("pasarela.journal")


def _text(body: bytes | str | None) -> str:
    if body is None:
        return ""
    text = body if isinstance(body, str) else body[:MAX_BODY_CHARS].decode("utf-8", errors="replace")
    return text[:MAX_BODY_CHARS]


class JournalRecorder:
    def __init__(self, journal: Journal, clock: Clock, mode: str = "full", interval: float = 0.25):
        self.journal = journal
        self.clock = clock
        self.mode = mode  # off | metadata | full
        self.interval = interval
        self._pending: list[tuple] = []

    def record(self, channel: str, operation: str, request: web.Request, status: int, started: float,
               request_body: bytes | None, response_body: bytes | str | None) -> None:
        if self.mode == "off":
            return
        keep = self.mode == "full"
        self._pending.append((
            self.clock.now().isoformat(), channel, operation, request.method, request.path_qs[:500], status,
            round((time.perf_counter() - started) * 1000, 3), request.remote or "",
            request_body if keep else None, response_body if keep else None,
        ))

    def flush(self, limit: int | None = None) -> None:
        """Mask and write what is pending (at most `limit` entries, oldest first)."""
        if limit is None or limit >= len(self._pending):
            pending, self._pending = self._pending, []
        else:
            pending, self._pending = self._pending[:limit], self._pending[limit:]
        try:  # the journal must never take a request, or its own writer, down with it
            self.journal.append([
                JournalEntry(at, channel, op, method, path, status, ms, remote, mask(_text(req)),
                             mask_response(_text(resp)))
                for at, channel, op, method, path, status, ms, remote, req, resp in pending])
        except Exception:
            log.exception("could not write %d journal entries", len(pending))

    async def run(self, slice_size: int = 64) -> None:
        """Write pending entries every `interval`, in slices that let requests run in between."""
        try:
            while True:
                await asyncio.sleep(self.interval)
                while self._pending:
                    self.flush(slice_size)
                    await asyncio.sleep(0)
        finally:
            self.flush()


async def journaled(recorder: JournalRecorder, request: web.Request, handler) -> web.StreamResponse:
    """Run `handler` and record the exchange; SOAP endpoints name the operation in request['operation']."""
    started = time.perf_counter()
    body = await request.read() if request.can_read_body else b""
    status, response_body = 500, None
    try:
        response = await handler(request)
        status = response.status
        response_body = getattr(response, "body", None) if recorder.mode == "full" else None
        if response_body is not None and not isinstance(response_body, (bytes, str)):
            response_body = None
        return response
    except web.HTTPException as error:
        status = error.status
        raise
    except asyncio.CancelledError:
        status = 0  # dropped on purpose (fault injection) or by the client
        raise
    finally:
        channel = "soap" if "operation" in request else "http"
        recorder.record(channel, request.get("operation", request.path), request, status, started, body,
                        response_body)


def journal_middleware(recorder: JournalRecorder):
    """Record every request outside /_sim/ (the SOAP endpoints are recorded by the app's front layer)."""
    @web.middleware
    async def middleware(request: web.Request, handler):
        if path_under(request.path, "/_sim/") or recorder.mode == "off":
            return await handler(request)
        return await journaled(recorder, request, handler)
    return middleware
