"""The simulator's CPU per complete browser PSE payment, under Locust (issue 15).

    .venv/bin/python -m loadtests.bench.payment_cpu [--users 4] [--run-time 60] [--server-cpu 0] [--client-cpu 1]

Starts `pasarela serve` on a fresh file (journal at its default), pinned to one core like the wrk benchmark,
and runs Locust's `PayerUser` (loadtests/users/payer.py) headless on the other core: the merchant's start
(`inicio_pagoV2`), the gateway's payment page, PSE's pages, the test bank 1022 (pay, or cancel 15 %), the
gateway's receipt and the merchant's return with its `verificar_pago_v4`: pages and SOAP, every answer checked
by Locust. A complete payment is a walk that reached the merchant's return (a `retorno` line of the payment log,
loadtests/payment_log.py); walks closed on PSE's page (5 %) cost CPU too and count in the total only.
Reports the server's CPU seconds (/proc/<pid>/stat, user + system, all threads) ÷ complete payments and
÷ requests. Exit code: Locust's (1 when a request failed), 2 when the set-up failed.
"""
from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from loadtests.bench.__main__ import ROOT, place, process_seconds
from simulator.process import SimulatorProcess


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m loadtests.bench.payment_cpu", description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=4, help="Locust PayerUsers (4)")
    parser.add_argument("--run-time", type=int, default=60, help="seconds (60)")
    parser.add_argument("--server-cpu", type=int, default=0)
    parser.add_argument("--client-cpu", type=int, default=1)
    parser.add_argument("--work-dir", type=Path)
    args = parser.parse_args(argv)
    os.chdir(ROOT)
    priority = os.geteuid() == 0
    work = args.work_dir or Path(tempfile.mkdtemp(prefix="pasarela-payment-cpu-"))
    work.mkdir(parents=True, exist_ok=True)
    db, log, csv_prefix = work / "payments.sqlite3", work / "payments.log", work / "locust"
    cpus = sorted(os.sched_getaffinity(0))
    pinned = len(cpus) >= 2 and args.server_cpu in cpus and args.client_cpu in cpus
    try:
        sim = SimulatorProcess(db).start()
    except RuntimeError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    try:
        place(sim.proc.pid, args.server_cpu if pinned else None, priority)
        locust = [sys.executable, "-m", "locust", "-f", "loadtests/locustfile.py", "--headless", "-u", str(args.users),
                  "-r", str(args.users), "--run-time", f"{args.run_time}s", "--host", sim.url, "--csv", str(csv_prefix),
                  "--only-summary", "PayerUser"]
        shown = (f"taskset -c {args.client_cpu} " if pinned else "") + f"ZP_LOG_PAYMENTS={log} " + " ".join(locust)
        print(f"$ {shown}", flush=True)
        client = args.client_cpu

        def prepare() -> None:
            if pinned:
                os.sched_setaffinity(0, {client})
        before, t0 = process_seconds(sim.proc.pid), time.monotonic()
        done = subprocess.run(locust, env={**os.environ, "ZP_LOG_PAYMENTS": str(log)}, preexec_fn=prepare,
                              capture_output=True, text=True, timeout=args.run_time + 120)
        cpu, elapsed = process_seconds(sim.proc.pid) - before, time.monotonic() - t0
    finally:
        sim.stop()
    lines = log.read_text().splitlines() if log.exists() else []
    complete = sum(1 for line in lines if line.startswith("retorno "))
    paid = sum(1 for line in lines if line.startswith("retorno ") and line.split()[2] == "1")
    started = sum(1 for line in lines if line.startswith("inicio "))
    requests = failures = 0
    with open(f"{csv_prefix}_stats.csv", newline="") as stats:
        for row in csv.DictReader(stats):
            if row["Name"] == "Aggregated":
                requests, failures = int(row["Request Count"]), int(row["Failure Count"])
    print(done.stderr[-3000:])
    print(f"{args.users} PayerUsers, {args.run_time} s, server on CPU {args.server_cpu if pinned else '?'} "
          f"(journal: {os.environ.get('PASARELA_JOURNAL', 'full')}); work dir {work}")
    print(f"payments started {started}, complete (reached the merchant's return) {complete}, of which approved {paid}; "
          f"{requests} requests, {failures} failed")
    print(f"server CPU {cpu:.2f} s in {elapsed:.0f} s ({cpu / elapsed:.0%} of a core)")
    if complete:
        print(f"server CPU per complete payment: {cpu / complete * 1e3:.2f} ms "
              f"({requests / complete:.1f} requests per payment, {cpu / max(requests, 1) * 1e6:.0f} µs per request)")
    return done.returncode


if __name__ == "__main__":
    raise SystemExit(main())
