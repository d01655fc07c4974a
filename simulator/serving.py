"""How `pasarela serve` listens: every connection watched for slow clients, a cap on open connections, and
one log line for requests aiohttp's parser refuses.

aiohttp 3.x offers a keep-alive idle timeout (`keepalive_timeout`, 3,630 s by default) and line and field
size limits, but no header or body read timeout: 200 connections trickling their headers one byte at a time
stayed open for ever. So the listening socket gets a protocol of ours in front of aiohttp's (`Watched`, a
plain asyncio protocol that passes every call on), and aiohttp's `Server` gets a request handler of ours in
front of the application's (`Connections.guard`):

- **headers**: a connection must complete a request's headers within `header_timeout` seconds — of its
  opening for the first request, of the request's first byte for the next ones on a kept-alive connection.
  The clock stops when the headers' blank line arrives (seen in the bytes, not when the handler starts).
  Past it the connection gets `408` and is closed (never while a response is being written).
- **body**: a request's body must have arrived within `body_timeout` seconds of its headers (its end parsed,
  or Content-Length bytes received). Past it the handler is cancelled (it is still waiting for the body, so it
  has changed nothing) and the client gets `408`, and the connection is closed.
- **the server's delay is not the client's**: a deadline met while the client's bytes wait unread in the
  socket (FIONREAD: a busy event loop, or a handler that has not read its body yet) is looked at again a
  second later instead of cutting.
- **keep-alive**: an idle kept-alive connection is closed after `keepalive_timeout` seconds (aiohttp's own).
- **cap**: at most `max_connections` connections are served at once, per process. One more is still
  accepted, but its request is answered `503` (with `Retry-After`) without reaching the application, and
  it is closed; the header timeout bounds how long it may sit there.

Only asyncio's public protocol interface and aiohttp's public `Server` (a protocol factory with a
`request_handler`) and `TCPSite` are used.
"""
from __future__ import annotations

import asyncio
import fcntl
import html
import logging
import struct
import termios
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Awaitable, Callable

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

from simulator.control.problems import problem

if TYPE_CHECKING:
    from simulator.settings import Settings

SERVER_LOGGER = "aiohttp.server"
_Handler = Callable[[web.BaseRequest], Awaitable[web.StreamResponse]]


class RefusedRequestLog(logging.Filter):
    """aiohttp answers a request its parser refuses (a header over 8,190 bytes, a bad request line) with a
    correct 400, and logs it at ERROR with a full traceback of its parser. A client's mistake is not the
    simulator's error: the record becomes one WARNING line, without the traceback and without the bytes
    aiohttp quotes (they may be a header's secret). Other records pass unchanged."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, HttpProcessingError):
            record.levelno, record.levelname = logging.WARNING, "WARNING"
            remote = record.args[0] if isinstance(record.args, tuple) and record.args else "?"
            record.msg = "solicitud rechazada por el analizador HTTP (%s %s) de %s"
            record.args = (error.code, type(error).__name__, remote)
            record.exc_info, record.exc_text = None, None
        return True


def quiet_refused_requests() -> None:
    """Install RefusedRequestLog on aiohttp's server logger (once)."""
    logger = logging.getLogger(SERVER_LOGGER)
    if not any(isinstance(f, RefusedRequestLog) for f in logger.filters):
        logger.addFilter(RefusedRequestLog())


@dataclass(frozen=True)
class Limits:
    header_timeout: float = 15.0
    body_timeout: float = 60.0
    keepalive_timeout: float = 75.0
    max_connections: int = 1024

    @classmethod
    def of(cls, settings: Settings) -> Limits:
        return cls(settings.header_timeout, settings.body_timeout, settings.keepalive_timeout,
                   settings.max_connections)


REQUEST_TIMEOUT = ("Tiempo de espera agotado",
                   "La solicitud no llegó completa a tiempo ({what} en {seconds:g} s). Intente de nuevo.")
TOO_MANY = ("Servicio no disponible",
            "El simulador atiende ya el máximo de conexiones simultáneas ({limit}). Intente de nuevo en unos "
            "segundos.")
_RAW_HEADER_TIMEOUT = ("HTTP/1.1 408 Request Timeout\r\nContent-Type: text/plain; charset=utf-8\r\n"
                       "Connection: close\r\nContent-Length: {length}\r\n\r\n")
RECHECK = 1.0  # seconds: a deadline met while the client's bytes wait unread is looked at again this much later


def body_arrived(request: web.BaseRequest) -> bool:
    """The request's body is all here: its end parsed, or as many bytes as Content-Length says received (a
    body aiohttp holds while its handler does not read it yet is complete before its end is parsed)."""
    content = request.content
    if content.is_eof():
        return True
    received = getattr(content, "total_raw_bytes", content.total_bytes)
    return request.content_length is not None and received >= request.content_length


def refusal(request: web.BaseRequest, status: int, title: str, detail: str) -> web.Response:
    """An answer given before the application runs: a JSON problem under /_sim/, else a Spanish page;
    the connection closes after it."""
    if request.path.startswith("/_sim/"):
        response = problem(status, title, detail)
    else:
        page = (f"<!doctype html><html lang='es'><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
                f"</head><body><h1>{html.escape(title)}</h1><p>{html.escape(detail)}</p></body></html>")
        response = web.Response(status=status, text=page, content_type="text/html")
        response.headers.update({"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
                                 "Cache-Control": "no-store"})
    if status == 503:
        response.headers["Retry-After"] = "1"
    response.force_close()
    return response


class Watched(asyncio.Protocol):
    """One connection: aiohttp's protocol behind it, and the header timer in front."""

    def __init__(self, inner: asyncio.Protocol, connections: Connections):
        self.inner = inner
        self.connections = connections
        self.transport: asyncio.Transport | None = None
        self.busy = False  # a request of this connection is being handled or answered
        self.close_after = False  # close once the current answer is written (a 408 or 503)
        self.over_capacity = False
        self._header_timer: asyncio.TimerHandle | None = None
        self._headers_in = False  # the current request's headers have all arrived (a blank line was seen)
        self._tail = b""  # the last bytes seen while looking for that blank line

    # -- asyncio's protocol interface, passed on ---------------------------------------------------------

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.over_capacity = not self.connections.opened(self)
        self.inner.connection_made(transport)
        self._arm()  # the first request's clock runs from the connection's opening

    def data_received(self, data: bytes) -> None:
        if data and not self.busy and not self._headers_in:
            if self._header_timer is None:
                self._arm()  # the next request on a kept-alive connection: its clock runs from its first byte
            # The headers end at a blank line. Seen here, as the bytes arrive, the clock stops even when the
            # handler starts late (a busy event loop): the client was on time.
            seen = self._tail + data
            if b"\n\r\n" in seen or b"\n\n" in seen:
                self._headers_in = True
                self._disarm()
            else:
                self._tail = seen[-2:]
        self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        self.connections.closed(self)
        self.transport = None
        self.inner.connection_lost(exc)

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    # -- the watch -------------------------------------------------------------------------------------

    def _arm(self) -> None:
        loop = asyncio.get_running_loop()
        self._header_timer = loop.call_later(self.connections.limits.header_timeout, self._headers_late)

    def _disarm(self) -> None:
        if self._header_timer is not None:
            self._header_timer.cancel()
            self._header_timer = None

    def unread(self) -> int:
        """Bytes the client sent that this process has not read yet (FIONREAD): the server is behind."""
        sock = self.transport.get_extra_info("socket") if self.transport is not None else None
        if sock is None:
            return 0
        try:
            return int(struct.unpack("i", fcntl.ioctl(sock.fileno(), termios.FIONREAD, b"\0" * 4))[0])
        except (OSError, ValueError):
            return 0

    def _headers_late(self) -> None:
        self._header_timer = None
        if self.busy or self._headers_in or self.transport is None or self.transport.is_closing():
            return
        if self.unread():  # the rest of the headers is here, the event loop has not read it yet: not the client
            self._header_timer = asyncio.get_running_loop().call_later(RECHECK, self._headers_late)
            return
        self.connections.cut["cabeceras"] += 1
        title, detail = REQUEST_TIMEOUT
        body = detail.format(what="cabeceras", seconds=self.connections.limits.header_timeout).encode()
        self.transport.write(_RAW_HEADER_TIMEOUT.format(length=len(body)).encode() + body)
        self.transport.close()

    def request_started(self, task: asyncio.Task[Any]) -> None:
        self._disarm()
        self.busy = True
        task.add_done_callback(self._request_done)

    def _request_done(self, task: asyncio.Task[Any]) -> None:
        self.busy = False  # the answer is written: aiohttp wrote it inside this task
        self._headers_in, self._tail = False, b""
        if self.close_after and self.transport is not None:
            self.transport.close()  # not aiohttp's lingering read of a body that trickles in


class Connections:
    """The process's open connections and their limits; what was cut, by cause."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.count = 0
        self.cut: Counter[str] = Counter()
        self._by_inner: dict[asyncio.Protocol, Watched] = {}

    def opened(self, watched: Watched) -> bool:
        """Count a new connection; False when it is over the cap."""
        self.count += 1
        self._by_inner[watched.inner] = watched
        return self.count <= self.limits.max_connections

    def closed(self, watched: Watched) -> None:
        if self._by_inner.pop(watched.inner, None) is not None:
            self.count -= 1

    def protocol_factory(self, server: web.Server) -> Callable[[], Watched]:
        return lambda: Watched(server(), self)

    def guard(self, handler: _Handler) -> _Handler:
        """The application's handler behind the cap and the body timeout."""
        limits = self.limits

        async def guarded(request: web.BaseRequest) -> web.StreamResponse:
            watched = self._by_inner.get(request.protocol)
            task = asyncio.current_task()
            if watched is None or task is None:
                return await handler(request)
            watched.request_started(task)
            if watched.over_capacity:
                self.cut["capacidad"] += 1
                watched.close_after = True
                title, detail = TOO_MANY
                return refusal(request, 503, title, detail.format(limit=limits.max_connections))
            if body_arrived(request):
                return await handler(request)
            late = False
            loop = asyncio.get_running_loop()

            def body_late() -> None:
                nonlocal late, timer
                if body_arrived(request):
                    return
                if watched.unread():  # the body is here, unread (a busy loop, or the handler not reading yet)
                    timer = loop.call_later(RECHECK, body_late)
                    return
                late = True
                task.cancel()

            timer = loop.call_later(limits.body_timeout, body_late)
            try:
                return await handler(request)
            except asyncio.CancelledError:
                if not late or task.uncancel() > 0:
                    raise  # not ours (the client left, or the server stops)
                self.cut["cuerpo"] += 1
                watched.close_after = True
                title, detail = REQUEST_TIMEOUT
                return refusal(request, 408, title, detail.format(what="cuerpo", seconds=limits.body_timeout))
            finally:
                timer.cancel()

        return guarded


class GuardedSite(web.TCPSite):
    """A TCPSite whose connections are watched by `connections`."""

    def __init__(self, runner: web.BaseRunner, host: str, port: int, connections: Connections, **kwargs: Any):
        super().__init__(runner, host, port, **kwargs)
        self.connections = connections

    async def start(self) -> None:
        await web.BaseSite.start(self)  # registers the site with its runner (TCPSite.start would listen too)
        server = self._runner.server
        assert server is not None
        server.request_handler = self.connections.guard(server.request_handler)
        self._server = await asyncio.get_running_loop().create_server(
            self.connections.protocol_factory(server), self._host, self._port, backlog=self._backlog,
            reuse_address=self._reuse_address, reuse_port=self._reuse_port)
        self._bound_port = self._server.sockets[0].getsockname()[1] if self._server.sockets else self._port


def app_runner(app: web.Application, limits: Limits) -> web.AppRunner:
    """The runner every `pasarela` command uses: no access log, signals handled by the command, aiohttp's
    keep-alive idle timeout set to the limit."""
    return web.AppRunner(app, handle_signals=False, access_log=None, keepalive_timeout=limits.keepalive_timeout)
