"""A soak: many requests in flight for a long time, the simulator's memory sampled as it goes.

    .venv/bin/python -m loadtests.soak [--minutes 10] [--in-flight 400] [--delay-ms 1000] [--every 30]

Starts `pasarela serve` on a loopback port with a temporary database, injects a delay on verificar_pago_v4
(`POST /_sim/faults`), and keeps `--in-flight` verifications of a started payment in flight for `--minutes`,
each one checked (HTTP 200 and the answer's result `1`). Every `--every` seconds it prints the simulator's RSS
(VmRSS from /proc), the requests completed and any failure; at the end, a table for docs/reliability.md and
whether RSS stayed flat after the warm-up (the first third).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path

import aiohttp

from loadtests.soap_bodies import inicio_pago_v2, verificar_pago_v4
from simulator.process import SimulatorProcess

VERIFY_PATH = "/WsVerificarPagoV4/VerificarPagos.asmx"
START_PATH = "/ws_inicio_pagov2/Zpagos.asmx"


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def post_json(url: str, body: dict) -> None:
    request = urllib.request.Request(url, data=json.dumps(body).encode(), method="POST",
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        answer.read()


async def soak(url: str, pid: int, minutes: float, in_flight: int, every: float) -> list[tuple[float, float, int, int]]:
    reference = f"soak-{uuid.uuid4().hex[:10]}"
    headers = {"Content-Type": "text/xml; charset=utf-8"}
    samples: list[tuple[float, float, int, int]] = []
    done = failed = 0
    deadline = time.monotonic() + minutes * 60
    connector = aiohttp.TCPConnector(limit=in_flight)
    async with aiohttp.ClientSession(connector=connector, timeout=aiohttp.ClientTimeout(total=60)) as session:
        async with session.post(url + START_PATH, data=inicio_pago_v2(id_tienda=1001, clave="clave-inicio",
                                                                       total_con_iva="20000", valor_iva="0",
                                                                       id_pago=reference), headers=headers) as r:
            assert r.status == 200, await r.text()
        body = verificar_pago_v4(int_id_comercio=1001, str_usr_comercio="usuario-v4", str_pwd_Comercio="clave-v4",
                                 str_id_pago=reference)

        async def one_client() -> None:
            nonlocal done, failed
            while time.monotonic() < deadline:
                try:
                    async with session.post(url + VERIFY_PATH, data=body, headers=headers) as answer:
                        text = await answer.text()
                        ok = answer.status == 200 and "<verificar_pago_v4Result>1<" in text
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    ok = False
                done += ok
                failed += not ok

        async def sampler() -> None:
            started = time.monotonic()
            while time.monotonic() < deadline:
                await asyncio.sleep(min(every, max(deadline - time.monotonic(), 0.01)))
                samples.append((time.monotonic() - started, rss_mib(pid), done, failed))
                elapsed, rss, ok, bad = samples[-1]
                print(f"{elapsed:7.0f} s  RSS {rss:7.1f} MiB  completed {ok:8d}  failed {bad}", flush=True)

        await asyncio.gather(sampler(), *(one_client() for _ in range(in_flight)))
    return samples


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtests.soak", description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--in-flight", type=int, default=400)
    parser.add_argument("--delay-ms", type=int, default=1000)
    parser.add_argument("--every", type=float, default=30)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="pasarela-soak-") as folder:
        with SimulatorProcess(Path(folder) / "soak.sqlite3") as sim:
            post_json(f"{sim.url}/_sim/faults", {"operacion": "verificar_pago_v4", "tipo": "retraso",
                                                 "retraso_ms": args.delay_ms})
            assert sim.proc is not None
            print(f"soak: {args.in_flight} in flight, {args.delay_ms} ms delay, {args.minutes} min, RSS every "
                  f"{args.every} s (pid {sim.proc.pid}); RSS at start {rss_mib(sim.proc.pid):.1f} MiB", flush=True)
            samples = asyncio.run(soak(sim.url, sim.proc.pid, args.minutes, args.in_flight, args.every))
    print("\n| time (s) | RSS (MiB) | completed | failed |\n|---:|---:|---:|---:|")
    for elapsed, rss, ok, bad in samples:
        print(f"| {elapsed:.0f} | {rss:.1f} | {ok} | {bad} |")
    after_warm_up = [rss for elapsed, rss, _, _ in samples if elapsed >= samples[-1][0] / 3] if samples else []
    if after_warm_up:
        growth = max(after_warm_up) - min(after_warm_up)
        print(f"\nafter the warm-up: RSS {min(after_warm_up):.1f}–{max(after_warm_up):.1f} MiB (spread {growth:.1f} MiB); "
              f"failed requests: {samples[-1][3]}")
    return 0 if samples and samples[-1][3] == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
