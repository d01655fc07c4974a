"""Run `pasarela serve` as a child process on a free loopback port: for tests, load tests, benchmarks."""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path


READY_LINE = "pasarela-sim escuchando en"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class SimulatorProcess:
    def __init__(self, db: Path | str, port: int | None = None, extra_args: list[str] | None = None,
                 env: dict[str, str] | None = None, log: Path | None = None):
        """`db`: an SQLite file, or a PostgreSQL URL (then `log` says where the output goes)."""
        self.db: Path | str = db if isinstance(db, str) and "://" in db else Path(db)
        self.port = port or free_port()
        self.extra_args = extra_args or []
        self.env = env or {}
        self.proc: subprocess.Popen | None = None
        if log is None and isinstance(self.db, str):
            raise ValueError("a simulator on a database URL needs the path of its log")
        self.output_path = log or Path(self.db).with_suffix(".log")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 20.0) -> SimulatorProcess:
        self._log = open(self.output_path, "ab")
        self._output_start = self._log.tell()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "simulator.cli", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--db", str(self.db), *self.extra_args],
            stdout=self._log, stderr=subprocess.STDOUT, env={**os.environ, **self.env},
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the simulator exited with {self.proc.returncode}: {self.output()}")
            try:
                # healthy, and the URLs printed: with --workers N that happens once every worker listens
                with urllib.request.urlopen(f"{self.url}/_sim/health", timeout=1) as response:
                    if response.status == 200 and READY_LINE in self.output(since_start=True):
                        return self
            except OSError:
                pass
            time.sleep(0.05)
        self.kill()
        raise RuntimeError(f"the simulator did not become healthy in {timeout} s: {self.output()}")

    def output(self, since_start: bool = False) -> str:
        """What the process printed (this run only with `since_start`; the log file is appended to)."""
        if not self.output_path.exists():
            return ""
        with open(self.output_path, "rb") as log:
            log.seek(self._output_start if since_start else 0)
            return log.read().decode(errors="replace")

    def stop(self, timeout: float = 10.0) -> int:
        """SIGTERM and wait: the clean stop. Returns the exit code."""
        if self.proc is None or self.proc.poll() is not None:
            return self.proc.returncode if self.proc else 0
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout)
        finally:
            self._log.close()

    def kill(self) -> None:
        """SIGKILL: the crash."""
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def __enter__(self) -> SimulatorProcess:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        self.kill()
