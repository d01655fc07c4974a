"""The request journal: every call the simulated world receives, with masked request and response bodies.

Recording is cheap on the request path (an append to a list); bodies are masked and written in batches
by a background task every quarter second, so integrators can assert what their code sent moments later.
"""
from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from decimal import Decimal

from aiohttp import web

from ports.clock import Clock
from ports.sim_state import Journal, JournalEntry
from simulator.control.journal_view import NO_SECRETS, form_view, json_view, opaque_view, soap_view
from simulator.control.masking import mask_response
from simulator.soap.envelope import SoapFault, parse_request
from simulator.web.forms import read_form
from simulator.web.iis_router import path_under

MAX_BODY_CHARS = 64 * 1024
log = logging.getLogger("pasarela.journal")
access = logging.getLogger("pasarela.acceso")


def _text(body: bytes | str | None) -> str:
    if body is None:
        return ""
    text = body if isinstance(body, str) else body[:MAX_BODY_CHARS].decode("utf-8", errors="replace")
    return text[:MAX_BODY_CHARS]


RequestView = Callable[[], str]  # renders the request body as the journal keeps it (journal_view.py)
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")
_XML = ("text/xml", "application/soap+xml", "application/xml")


async def request_view(request: web.Request, body: bytes) -> RequestView | str:
    """How the journal keeps a request body no endpoint described: a form as the page decoded it, an XML body
    as the hardened parser reads it, anything else (or anything undecodable) as metadata only."""
    if not body:
        return ""
    content_type = request.headers.get("Content-Type", "")
    try:
        return await _decoded_view(request, body) or opaque_view(body, content_type[:100])
    except Exception:  # an odd charset or a broken multipart body: what it was, never what it said
        return opaque_view(body, content_type[:100])


async def _decoded_view(request: web.Request, body: bytes) -> RequestView | None:
    if request.content_type in _FORMS:
        form = await read_form(request)  # aiohttp's decoding, cached: what the handler read
        if form is not None:
            fields = list(form.items())
            return lambda: form_view(fields)
    elif request.content_type == "application/json":  # the REST generation: its properties, secrets masked
        try:
            data = json.loads(body.decode(request.charset or "utf-8"), parse_float=Decimal)
        except (ValueError, RecursionError):
            return None
        return lambda: json_view(data)
    elif request.content_type in _XML or body.lstrip()[:1] == b"<":
        try:
            root = parse_request(body, request.charset).operation.getroottree().getroot()
        except SoapFault:
            pass
        else:
            return lambda: soap_view(root, NO_SECRETS)
    return None


def _view_text(view: RequestView | str | None) -> str:
    """The request's journal text; a view that cannot render is kept as a note, never as the body."""
    if view is None:
        return ""
    if isinstance(view, str):
        return view[:MAX_BODY_CHARS]
    try:
        return view()[:MAX_BODY_CHARS]
    except Exception:  # a view that fails must not cost the entry, nor leak what it was rendering
        log.warning("a request body could not be rendered for the journal", exc_info=True)
        return "[cuerpo no registrado]"


class JournalRecorder:
    def __init__(self, journal: Journal, clock: Clock, mode: str = "full", interval: float = 0.25):
        self.journal = journal
        self.clock = clock
        self.mode = mode  # off | metadata | full
        self.interval = interval
        self._pending: list[tuple] = []

    def record(self, channel: str, operation: str, request: web.Request, status: int, started: float,
               request_body: RequestView | str | None, response_body: bytes | str | None) -> None:
        """Keep one exchange; `request_body` is the journal's view of the request (never its raw bytes)."""
        if self.mode == "off":
            return
        keep = self.mode == "full"
        self._pending.append((
            self.clock.now().isoformat(), channel, operation, request.method, request.path_qs[:500], status,
            round((time.perf_counter() - started) * 1000, 3), request.remote or "",
            request_body if keep else None, response_body if keep else None, request.get("request_id", ""),
        ))

    def record_outbound(self, operation: str, url: str, status: int, started: float,
                        request_body: RequestView | str | None, response_body: str | None) -> None:
        """Keep one exchange the simulator started (a notification to a merchant's server): channel `saliente`,
        the URL as the path, the merchant's answer as the response (0: no answer)."""
        if self.mode == "off":
            return
        keep = self.mode == "full"
        self._pending.append((
            self.clock.now().isoformat(), "saliente", operation, "POST", url[:500], status,
            round((time.perf_counter() - started) * 1000, 3), "", request_body if keep else None,
            response_body if keep else None, "",
        ))

    def flush(self, limit: int | None = None) -> None:
        """Mask and write what is pending (at most `limit` entries, oldest first)."""
        if limit is None or limit >= len(self._pending):
            pending, self._pending = self._pending, []
        else:
            pending, self._pending = self._pending[:limit], self._pending[limit:]
        try:  # the journal must never take a request, or its own writer, down with it
            self.journal.append([
                JournalEntry(at, channel, op, method, path, status, ms, remote, _view_text(req),
                             mask_response(_text(resp)), rid)
                for at, channel, op, method, path, status, ms, remote, req, resp, rid in pending])
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
    """Run `handler` and record the exchange; SOAP and REST endpoints name the operation in request['operation']
    (REST ones also set request['channel'] to `http`, SOAP's is `soap`)."""
    started = time.perf_counter()
    body = await request.read() if request.can_read_body else b""
    status, response_body = 500, None
    view: RequestView | str | None = None
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
        channel = request.get("channel") or ("soap" if "operation" in request else "http")
        if access.isEnabledFor(logging.INFO):  # --log-level info: one line a request, with its request id
            access.info("%s %s %s %s %d %.1f ms", channel, request.get("operation", "-"), request.method,
                        request.path, status, (time.perf_counter() - started) * 1000)
        if recorder.mode == "full":
            view = request.get("journal_view") or await request_view(request, body)
        recorder.record(channel, request.get("operation", request.path), request, status, started, view,
                        response_body)


def journal_middleware(recorder: JournalRecorder):
    """Record every request outside /_sim/ (the SOAP endpoints are recorded by the app's front layer)."""
    @web.middleware
    async def middleware(request: web.Request, handler):
        if path_under(request.path, "/_sim/") or recorder.mode == "off":
            return await handler(request)
        return await journaled(recorder, request, handler)
    return middleware
