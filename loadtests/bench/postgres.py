"""Two instances on PostgreSQL against one on SQLite: requests per second and CPU per request (issue 19).

    .venv/bin/python -m loadtests.bench.postgres [--requests 2000] [--concurrency 16] [--db-url postgresql://…]

Starts one `pasarela serve` on a fresh SQLite file, then two on one fresh PostgreSQL database (a server of its
own, initdb + pg_ctl in a temporary folder as tests/postgres_server.py starts it, unless --db-url names one),
and drives each set over loopback with an aiohttp client, requests spread round-robin over the instances:
`inicio_pagoV2` with a unique `id_pago` each (a durable write), then `verificar_pago_v4` over the started
references (reads). Bounded counts, no time limit; every answer is checked (a start answers digits, a verify
finds its payment). Prints, per configuration and operation: requests per second, and CPU milliseconds per
request of the simulator processes (user + system, /proc) and, for PostgreSQL, of the database server's
processes. The client shares the machine's cores with the servers: compare rows, do not read them as capacity.
Exit code: 0 measured and correct, 1 an answer was wrong, 2 the set-up failed.
"""
from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import sys
import tempfile
import time
from pathlib import Path

import aiohttp

from loadtests.bench.__main__ import process_seconds
from loadtests.soap_bodies import START_PATH, VERIFY_PATH, inicio_pago_v2, verificar_pago_v4
from simulator.process import SimulatorProcess
from tests.postgres_server import PostgresServer



def start_body(reference: str) -> str:
    return inicio_pago_v2(id_tienda=1001, clave="clave-inicio", total_con_iva="20000", valor_iva="0", id_pago=reference)


def verify_body(reference: str) -> str:
    return verificar_pago_v4(int_id_comercio=1001, str_usr_comercio="usuario-v4", str_pwd_Comercio="clave-v4",
                             str_id_pago=reference)


def postgres_pids(data: Path) -> list[int]:
    """The postmaster (first line of postmaster.pid) and its children: every backend of the server."""
    master = int((data / "postmaster.pid").read_text().split()[0])
    pids = [master]
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1]) == master:
                    pids.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return pids


def cpu(pids: list[int]) -> float:
    total = 0.0
    for pid in pids:
        try:
            total += process_seconds(pid)
        except OSError:
            pass
    return total


async def drive(urls: list[str], path: str, bodies: list[str], concurrency: int, check: str) -> tuple[float, int]:
    """POST every body (round-robin over `urls`); seconds taken and wrong answers."""
    jobs = iter(zip(itertools.cycle(urls), bodies))
    wrong = 0
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:
        async def worker() -> None:
            nonlocal wrong
            for url, body in jobs:
                async with session.post(url + path, data=body.encode(),
                                        headers={"Content-Type": "text/xml; charset=utf-8"}) as response:
                    text = await response.text()
                if response.status != 200 or check not in text:
                    wrong += 1
        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return time.perf_counter() - started, wrong


def measure(name: str, instances: list[SimulatorProcess], server_pids: list[int], requests: int,
            concurrency: int) -> int:
    urls = [i.url for i in instances]
    prefix = f"{int(time.time() * 1000) % 10**9}"
    references = [f"{prefix}{n:07d}" for n in range(requests)]
    asyncio.run(drive(urls, START_PATH, [start_body(f"w{prefix}{n}") for n in range(50)], concurrency,
                      "<inicio_pagoV2Result>"))  # warm-up: connections, statement caches
    wrong_total = 0
    for operation, path, bodies, check in (
            ("inicio_pagoV2", START_PATH, [start_body(r) for r in references], "<inicio_pagoV2Result>4"),
            ("verificar_pago_v4", VERIFY_PATH, [verify_body(r) for r in references], "<int_cantidad_pagos>1<")):
        sims = [i.proc.pid for i in instances]
        before_sim, before_db = cpu(sims), cpu(server_pids)
        seconds, wrong = asyncio.run(drive(urls, path, bodies, concurrency, check))
        sim_ms = (cpu(sims) - before_sim) * 1000 / requests
        db_ms = (cpu(server_pids) - before_db) * 1000 / requests if server_pids else 0.0
        wrong_total += wrong
        database = f"{db_ms:6.2f}" if server_pids else "     -"
        print(f"{name:<28} {operation:<18} {requests / seconds:8.0f} req/s   simulator {sim_ms:6.2f} ms/req   "
              f"database {database} ms/req   wrong {wrong}", flush=True)
    return wrong_total


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtests.bench.postgres", description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000, help="requests per operation and configuration")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--db-url", help="an existing, empty PostgreSQL database (default: a server of its own)")
    parser.add_argument("--journal", choices=("off", "metadata", "full"), default="metadata")
    parser.add_argument("--only-postgres", action="store_true", help="skip the SQLite rows")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="pasarela-bench-pg-"))
    env = {"PASARELA_JOURNAL": args.journal, "PASARELA_SONDA_TICK": "0"}
    server = None
    wrong = 0
    print(f"{args.requests} requests per row, {args.concurrency} concurrent, journal {args.journal}, loopback, "
          f"{os.cpu_count()} cores shared by clients and servers", flush=True)
    try:
        if not args.only_postgres:
            with SimulatorProcess(work / "bench.sqlite3", env=env) as one:
                wrong += measure("1 instance, SQLite", [one], [], args.requests, args.concurrency)
        if args.db_url:
            url, server_pids = args.db_url, []
        else:
            server = PostgresServer().start()
            url, server_pids = server.create_database("bench"), postgres_pids(server.data)
        first = SimulatorProcess(url, log=work / "a.log", env=env).start(timeout=60)
        second = SimulatorProcess(url, log=work / "b.log", env=env).start(timeout=60)
        try:
            server_pids = postgres_pids(server.data) if server else []  # with the instances' backends
            wrong += measure("2 instances, PostgreSQL", [first, second], server_pids, args.requests, args.concurrency)
        finally:
            first.stop()
            second.stop()
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    finally:
        if server is not None:
            server.stop()
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main())
