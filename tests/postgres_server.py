"""A real PostgreSQL server for the tests, started by the tests themselves (marker `postgres`).

`initdb` into a temporary folder, `pg_ctl start` on a free loopback port with its unix socket inside that
folder, stopped and removed at the end. PostgreSQL refuses to run as root: as root, the folder is handed to
`nobody` and the server runs as that user (runuser); otherwise as the current user. Durability settings are
off (fsync, full-page writes): the tests kill simulator instances, never the server or the machine.
"""
from __future__ import annotations

import atexit
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import psycopg
import pytest

UNPRIVILEGED = "nobody"
SUPERUSER = "pasarela"


def postgres_bin(name: str) -> str | None:
    """`initdb`/`pg_ctl` on PATH, else in Debian's versioned folder (the postgresql package puts them there)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PostgresServer:
    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="pasarela-pg-"))
        self.data = self.folder / "data"
        self.sockets = self.folder / "sockets"
        self.port = _free_port()
        self._as: list[str] = []
        self._databases = 0

    def _run(self, *command: str) -> None:
        subprocess.run([*self._as, *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                       timeout=120)

    def start(self) -> PostgresServer:
        initdb, pg_ctl = postgres_bin("initdb"), postgres_bin("pg_ctl")
        if not initdb or not pg_ctl:
            raise RuntimeError("PostgreSQL is not installed (Debian: postgresql)")
        self.sockets.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.folder, UNPRIVILEGED)
            shutil.chown(self.sockets, UNPRIVILEGED)
            self._as = ["runuser", "-u", UNPRIVILEGED, "--"]
        self._run(initdb, "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-locale",
                  "--no-sync")
        options = (f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
                   "-c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB")
        self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l", str(self.folder / "server.log"), "-w",
                  "-t", "60", "start")
        atexit.register(self.stop)  # a run that ends without its session's finish (a crash, the benchmark)
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self, prefix: str = "pasarela") -> str:
        """A new empty database; its URL."""
        self._databases += 1
        name = f"{prefix}_{self._databases}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self) -> None:
        """Stop the server and remove its folder; stopping twice is harmless."""
        pg_ctl = postgres_bin("pg_ctl")
        if pg_ctl and self.data.exists():
            try:
                self._run(pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except subprocess.SubprocessError:
                pass
        shutil.rmtree(self.folder, ignore_errors=True)


_shared: list[PostgresServer] = []


def shared_server() -> PostgresServer:
    """The session's one server, started on first use (the `postgres_server` fixture and the contract suite's
    store makers share it); `stop_shared_server()` at the session's end stops it."""
    if not _shared:
        _shared.append(PostgresServer().start())
    return _shared[0]


def stop_shared_server() -> None:
    while _shared:
        _shared.pop().stop()


POSTGRES_MISSING = postgres_bin("initdb") is None
needs_postgres = [pytest.mark.postgres, pytest.mark.skipif(POSTGRES_MISSING, reason="PostgreSQL not installed")]
