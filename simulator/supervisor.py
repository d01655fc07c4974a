"""`pasarela serve --workers N`: the supervisor of N worker processes sharing one port.

- **The port is claimed first.** Workers listen with SO_REUSEPORT, which lets any process of the same user
  bind the port again: a second `--workers 2` start used to add its listeners beside the first one's. The
  supervisor holds a lock file for host:port (`<tmp>/pasarela-sim-<uid>/<host>-<port>.lock`, flock: the kernel
  releases it when the supervisor dies, even by SIGKILL), then binds the port once *without* SO_REUSEPORT and
  lets it go: that bind fails while anything listens there (a `pasarela serve`, orphaned workers, another
  program). Either failure is one Spanish line and exit 1.
- **Workers are replaced.** A worker that exits while the supervisor runs is started again after a back-off
  (0.1 s, doubling up to 5 s); when workers end `CRASH_LIMIT` (5) times within `CRASH_WINDOW` (30 s) the
  supervisor stops the rest and exits 1 rather than crash-looping.
- **Workers die with the supervisor.** Each worker asks Linux for SIGTERM when its parent dies
  (prctl(PR_SET_PDEATHSIG) through ctypes) and then checks that its parent is still the supervisor (the pid in
  `PASARELA_SUPERVISOR_PID`): a supervisor killed before the prctl is caught too. SIGTERM is the clean stop
  (requests in flight finish, the journal flushes, SQLite checkpoints). Where prctl does not exist the worker
  polls its parent pid every second instead. The parent-death signal fires when the *thread* that forked the
  worker ends, so workers are always started from the supervisor's main thread (its event loop).
- **The control token travels in the environment** (`PASARELA_CONTROL_TOKEN`, readable only by the same user
  in /proc/<pid>/environ), never in argv, which `ps` shows to everyone.
- SIGTERM or SIGINT to the supervisor: no more replacements, SIGTERM to every worker, wait, exit 0.
"""
from __future__ import annotations

import asyncio
import contextlib
import ctypes
import errno
import fcntl
import os
import signal
import socket
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from simulator.settings import Settings

WORKER_READY = "pasarela-worker-listo"
SUPERVISOR_PID_ENV = "PASARELA_SUPERVISOR_PID"
CRASH_LIMIT = 5
CRASH_WINDOW = 30.0
FIRST_DELAY, MAX_DELAY = 0.1, 5.0
READY_TIMEOUT = 60.0  # a worker that has not said it listens by then is stopped and counts as a crash
STOP_TIMEOUT = 75.0  # after SIGTERM (aiohttp lets requests in flight finish for up to 60 s), then SIGKILL
PR_SET_PDEATHSIG = 1


class PortInUse(OSError):
    """The port is served already; the message is Spanish and says by what."""


class CrashLoop:
    """How long to wait before replacing a worker that ended, or None once they end too often."""

    def __init__(self, limit: int = CRASH_LIMIT, window: float = CRASH_WINDOW, first: float = FIRST_DELAY,
                 most: float = MAX_DELAY):
        self.limit, self.window, self.first, self.most = limit, window, first, most
        self._ends: deque[float] = deque()

    def ended(self, at: float) -> float | None:
        self._ends.append(at)
        while self._ends and at - self._ends[0] > self.window:
            self._ends.popleft()
        if len(self._ends) >= self.limit:
            return None
        return min(self.first * 2 ** (len(self._ends) - 1), self.most)


# -- the port ---------------------------------------------------------------------------------------------

def _lock_directory() -> Path | None:
    """This user's directory of port locks, or None when it cannot be trusted (made by someone else)."""
    directory = Path(tempfile.gettempdir()) / f"pasarela-sim-{os.getuid()}"
    with contextlib.suppress(FileExistsError):
        directory.mkdir(mode=0o700)
    info = directory.lstat()
    if not directory.is_dir() or directory.is_symlink() or info.st_uid != os.getuid():
        return None
    return directory


def _probe(host: str, port: int) -> None:
    """Bind host:port once without SO_REUSEPORT: it fails while anything listens there."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a closed connection's TIME_WAIT is no owner
        try:
            probe.bind((host, port))
        except OSError as error:
            if error.errno == errno.EADDRINUSE:
                raise PortInUse(f"el puerto {port} de {host} ya está en uso (otro simulador u otro programa "
                                "escucha en él)") from None
            raise


@contextlib.contextmanager
def claimed_port(host: str, port: int) -> Iterator[None]:
    """Hold host:port for this supervisor (see the module's docstring), or raise PortInUse."""
    directory = _lock_directory()
    lock = None
    if directory is not None:
        path = directory / f"{host.replace(':', '_').replace('/', '_')}-{port}.lock"
        lock = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            owner = os.pread(lock, 20, 0).decode(errors="replace").strip() or "?"
            os.close(lock)
            raise PortInUse(f"el puerto {port} de {host} ya lo sirve otro `pasarela serve --workers` "
                            f"(proceso {owner})") from None
        os.ftruncate(lock, 0)
        os.pwrite(lock, str(os.getpid()).encode(), 0)
    try:
        _probe(host, port)
        yield
    finally:
        if lock is not None:
            os.close(lock)  # releases the flock


# -- a worker's side --------------------------------------------------------------------------------------

def die_with_supervisor() -> bool:
    """In a worker, first thing: SIGTERM when the supervisor dies. False when it is already gone (the worker
    should not start); True otherwise. Without prctl (not Linux) `watch_supervisor` polls instead."""
    expected = os.environ.get(SUPERVISOR_PID_ENV, "")
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    return not (expected.isdigit() and os.getppid() != int(expected))


async def watch_supervisor(stop: asyncio.Event, every: float = 1.0) -> None:
    """Set `stop` once the supervisor is gone (this process's parent changed): the portable fallback."""
    expected = os.environ.get(SUPERVISOR_PID_ENV, "")
    if not expected.isdigit():
        return
    while os.getppid() == int(expected):
        await asyncio.sleep(every)
    stop.set()


# -- the supervisor -------------------------------------------------------------------------------------

def worker_argv(settings: Settings, port: int) -> list[str]:
    """A worker's command line: every setting it needs except the control token and the database (see
    worker_env: a PostgreSQL URL may carry a password, which a command line shows to every user of the host)."""
    return [sys.executable, "-m", "simulator.cli", "serve", "--worker", "--workers", "1", "--host", settings.host,
            "--port", str(port), "--seed", str(settings.seed),
            "--journal", settings.journal, "--log-level", settings.log_level, "--log-format", settings.log_format,
            "--header-timeout", str(settings.header_timeout), "--body-timeout", str(settings.body_timeout),
            "--keepalive-timeout", str(settings.keepalive_timeout),
            "--max-connections", str(settings.max_connections)]


def worker_env(settings: Settings) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "PASARELA_CONTROL_TOKEN"}
    if settings.control_token:
        env["PASARELA_CONTROL_TOKEN"] = settings.control_token
    env["PASARELA_DB"] = settings.db
    env[SUPERVISOR_PID_ENV] = str(os.getpid())
    return env


def _how_it_ended(code: int) -> str:
    if code < 0:
        with contextlib.suppress(ValueError):
            return f"señal {signal.Signals(-code).name}"
        return f"señal {-code}"
    return f"código {code}"


class Supervisor:
    def __init__(self, settings: Settings, port: int, out: TextIO = sys.stdout, err: TextIO = sys.stderr):
        self.settings = settings
        self.port = port
        self.out, self.err = out, err
        self.crashes = CrashLoop()
        self.procs: dict[int, asyncio.subprocess.Process] = {}
        self.replaced = 0
        self.gave_up = False
        self.ending = asyncio.Event()  # a stop was asked for, or the workers crash-loop: start no more

    def say(self, text: str, error: bool = False) -> None:
        print(text, file=self.err if error else self.out, flush=True)

    async def run(self, on_ready: Callable[[], None]) -> int:
        """Start the workers, call `on_ready()` once all of them listen, replace those that end; 0 after a
        clean stop (SIGTERM, SIGINT), 1 after a crash loop."""
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.ending.set)
        ready = [asyncio.Event() for _ in range(self.settings.workers)]
        slots = [asyncio.create_task(self._slot(i, ready[i])) for i in range(self.settings.workers)]
        everyone = asyncio.ensure_future(asyncio.gather(*(e.wait() for e in ready)))
        ending = asyncio.ensure_future(self.ending.wait())
        await asyncio.wait([everyone, ending], return_when=asyncio.FIRST_COMPLETED)
        if not self.ending.is_set():
            on_ready()
            await ending
        everyone.cancel()
        if not self.gave_up:
            self.say("deteniendo…")
        for proc in list(self.procs.values()):
            _terminate(proc)
        try:
            async with asyncio.timeout(STOP_TIMEOUT):
                await asyncio.gather(*slots)
        except TimeoutError:
            for proc in list(self.procs.values()):
                with contextlib.suppress(ProcessLookupError):
                    proc.kill()
            await asyncio.gather(*slots)
        return 1 if self.gave_up else 0

    async def _slot(self, index: int, ready: asyncio.Event) -> None:
        """One worker's place: start it, wait for it to end, start another after the back-off."""
        loop = asyncio.get_running_loop()
        argv, env = worker_argv(self.settings, self.port), worker_env(self.settings)
        replacing: int | None = None
        while not self.ending.is_set():
            proc = await asyncio.create_subprocess_exec(*argv, stdin=asyncio.subprocess.DEVNULL,
                                                        stdout=asyncio.subprocess.PIPE, env=env)
            self.procs[index] = proc
            if self.ending.is_set():  # the stop began while it was being started
                _terminate(proc)
            relay = None
            if await self._listening(proc):
                ready.set()
                if replacing is not None:
                    self.replaced += 1
                    self.say(f"el proceso de trabajo {proc.pid} reemplaza al {replacing}")
                relay = asyncio.create_task(self._relay(proc))
            code = await proc.wait()
            if relay is not None:
                await asyncio.gather(relay, return_exceptions=True)
            self.procs.pop(index, None)
            if self.ending.is_set():
                return
            delay = self.crashes.ended(loop.time())
            if delay is None:
                self.say(f"los procesos de trabajo terminan una y otra vez ({CRASH_LIMIT} veces en "
                         f"{CRASH_WINDOW:g} s): se detiene el simulador", error=True)
                self.gave_up = True
                self.ending.set()
                return
            self.say(f"el proceso de trabajo {proc.pid} terminó ({_how_it_ended(code)}); se inicia otro en "
                     f"{delay:g} s")
            replacing = proc.pid
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.ending.wait(), delay)

    async def _listening(self, proc: asyncio.subprocess.Process) -> bool:
        """Wait for the worker's ready line; a worker silent for READY_TIMEOUT is killed."""
        assert proc.stdout is not None
        try:
            async with asyncio.timeout(READY_TIMEOUT):
                while line := await proc.stdout.readline():
                    if line.strip() == WORKER_READY.encode():
                        return True
                    self.out.write(line.decode(errors="replace"))
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                proc.kill()
        return False

    async def _relay(self, proc: asyncio.subprocess.Process) -> None:
        assert proc.stdout is not None
        while line := await proc.stdout.readline():
            self.out.write(line.decode(errors="replace"))
            self.out.flush()


def _terminate(proc: asyncio.subprocess.Process) -> None:
    with contextlib.suppress(ProcessLookupError):
        proc.send_signal(signal.SIGTERM)
