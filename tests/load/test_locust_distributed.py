"""Locust in distributed mode on loopback: a headless master and two workers share one run against one simulator.

Three child processes (`python -m locust`), each bounded by a timeout and killed in a `finally`. The master waits
for both workers (`--expect-workers 2`), spreads the users over them and alone applies the gates.
"""
from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from simulator.process import SimulatorProcess, free_port
from tests.load.locust_helpers import LOCUSTFILE, NAME_OF_CLASS, REPO, PaymentLog, hermetic_env, stats_rows

pytestmark = [pytest.mark.slow, pytest.mark.wire]

WORKERS = 2
MASTER_TIMEOUT = 45  # seconds: start-up, waiting for the workers, the run, the last CSV write
WORKER_TIMEOUT = 15  # after the master exited


@dataclass
class Finished:
    name: str
    returncode: int | None
    output: str
    log: Path | None = None


def explain(*processes: Finished) -> str:
    return "\n".join(f"--- {p.name}: exit {p.returncode}\n{p.output[-3000:]}" for p in processes)


def run_distributed(url: str, out: Path, *, run_time: str,
                    gate: tuple[str, ...] = ()) -> tuple[Finished, list[Finished]]:
    """A headless master with `-u 6 -r 6` and two workers; each worker logs its payments to its own file."""
    port = free_port()
    locust = [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE)]
    master_command = [
        *locust, "--master", "--master-bind-host", "127.0.0.1", "--master-bind-port", str(port),
        "--expect-workers", str(WORKERS), "--headless", "-u", "6", "-r", "6", "--run-time", run_time,
        "--host", url, "--csv", str(out / "dist"), "--only-summary", *gate,
    ]
    # The workers get the same gate options: they must ignore them (their stats go to the master).
    worker_command = [*locust, "--worker", "--master-host", "127.0.0.1", "--master-port", str(port), *gate]
    started: list[tuple[str, subprocess.Popen, Path, Path | None]] = []
    try:
        def spawn(name: str, command: list[str], log: Path | None) -> subprocess.Popen:
            output = out / f"{name}.out"
            env = hermetic_env({"ZP_LOG_PAYMENTS": str(log)} if log else None)
            with open(output, "wb") as sink:
                process = subprocess.Popen(command, cwd=REPO, env=env, stdout=sink, stderr=subprocess.STDOUT)
            started.append((name, process, output, log))
            return process

        master = spawn("master", master_command, None)
        for index in range(WORKERS):
            spawn(f"worker{index}", worker_command, out / f"worker{index}-payments.log")
        master.wait(timeout=MASTER_TIMEOUT)
        for _, process, _, _ in started[1:]:
            process.wait(timeout=WORKER_TIMEOUT)
    finally:
        for _, process, _, _ in started:
            if process.poll() is None:
                process.kill()
                process.wait(timeout=10)
    finished = [Finished(name, process.returncode, output.read_text(errors="replace"), log)
                for name, process, output, log in started]
    return finished[0], finished[1:]


@pytest.fixture
def own_simulator(tmp_path):
    with SimulatorProcess(tmp_path / "dist.sqlite3", extra_args=["--journal", "metadata"]) as simulator:
        yield simulator


def test_a_master_and_two_workers_run_every_user_class_and_the_master_applies_the_gates(own_simulator, tmp_path):
    passing = tmp_path / "passing"
    passing.mkdir()
    master, workers = run_distributed(own_simulator.url, passing, run_time="5s")

    assert master.returncode == 0, explain(master, *workers)
    assert f"{WORKERS} workers connected" in master.output, explain(master)
    for index in range(WORKERS):
        assert f"(index {index}) reported as ready" in master.output, explain(master)
    assert all(w.returncode == 0 and "Got quit message from master" in w.output for w in workers), explain(*workers)
    rows = stats_rows(passing / "dist")
    total = rows["Aggregated"]
    assert int(total["Request Count"]) > 0 and int(total["Failure Count"]) == 0, explain(master, *workers)
    ran = {cls for cls, name in NAME_OF_CLASS.items() if int(rows.get(name, {}).get("Request Count", 0)) > 0}
    assert ran == set(NAME_OF_CLASS), f"user classes that made no request: {set(NAME_OF_CLASS) - ran}"
    logs = [PaymentLog.read(w.log) for w in workers]
    assert all(log.lines > 0 for log in logs), "each worker ran users of its own"
    assert not set(logs[0].started) & set(logs[1].started), "the workers were handed different identificadores"
    print(f"\nlocust distributed: {total['Request Count']} requests on the master, "
          f"{[log.lines for log in logs]} payment events per worker")

    failing = tmp_path / "failing"
    failing.mkdir()
    master, workers = run_distributed(own_simulator.url, failing, run_time="1s", gate=("--max-p95-ms", "0.001"))

    assert master.returncode == 1, explain(master, *workers)
    assert "GATE FAILED: p95" in master.output, explain(master)
    assert int(stats_rows(failing / "dist")["Aggregated"]["Failure Count"]) == 0, "the gate failed the run"
    for worker in workers:
        assert worker.returncode == 0 and "GATE" not in worker.output, explain(worker)
