"""Locust smoke: the load test runs headless against its own simulator, fails nothing and loses no payment.

Locust runs as a child process (`python -m locust`): importing it here would monkey-patch this
process with gevent. So the request names below repeat the ones set in loadtests/locustfile.py.
"""
from __future__ import annotations

import csv
import http.client
import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from simulator.process import SimulatorProcess

pytestmark = [pytest.mark.slow, pytest.mark.wire]

REPO = Path(__file__).resolve().parents[2]
LOCUSTFILE = REPO / "loadtests" / "locustfile.py"
NAME_INICIO = "inicio_pagoV2"  # the name= of the start request in the locustfile
LEGAL_STATES = {1, 777, 888, 999, 1000, 1001, 4000, 4001, 4003}
LIST_LIMIT = 100  # GET /_sim/payments answers the newest 100


@pytest.fixture
def own_simulator(tmp_path):
    with SimulatorProcess(tmp_path / "load.sqlite3") as simulator:
        yield simulator


def run_locust(url: str, out: Path, *extra: str, run_time: str = "4s",
               env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    # Hermetic: no ZP_* / LOCUST_* settings leak in from the caller's environment.
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("ZP_", "LOCUST_"))}
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "-u", "5", "-r", "5",
        "--run-time", run_time, "--host", url, "--csv", str(out / "smoke"), "--html", str(out / "smoke.html"),
        "--only-summary", *extra,
    ]
    return subprocess.run(command, cwd=REPO, env={**clean, **(env or {})}, capture_output=True, text=True,
                          timeout=60)


def stats_rows(out: Path) -> dict[str, dict[str, str]]:
    with open(out / "smoke_stats.csv", newline="") as f:
        return {row["Name"]: row for row in csv.DictReader(f)}


def explain(result: subprocess.CompletedProcess) -> str:
    return f"exit {result.returncode}\n--- stdout\n{result.stdout[-4000:]}\n--- stderr\n{result.stderr[-4000:]}"


class Control:
    """The control API over one keep-alive connection (hundreds of GETs)."""

    def __init__(self, url: str):
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)

    def get(self, path: str) -> tuple[int, object]:
        self.connection.request("GET", path)
        response = self.connection.getresponse()
        return response.status, json.loads(response.read())

    def close(self) -> None:
        self.connection.close()


def test_smoke_run_fails_nothing_and_the_simulator_loses_no_payment(own_simulator, tmp_path):
    log = tmp_path / "payments.log"
    result = run_locust(own_simulator.url, tmp_path, env={"ZP_LOG_PAYMENTS": str(log)})

    assert result.returncode == 0, explain(result)
    assert (tmp_path / "smoke.html").stat().st_size > 0
    rows = stats_rows(tmp_path)
    total = rows["Aggregated"]
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    assert requests > 0, explain(result)
    assert failures == 0, explain(result)
    assert all(int(row["Failure Count"]) == 0 for row in rows.values())
    started_ok = int(rows[NAME_INICIO]["Request Count"])  # no failures, so every one answered an identificador
    assert started_ok > 0
    print(f"\nlocust smoke: {requests} requests, {float(total['Requests/s']):.1f} req/s, "
          f"{started_ok} payments started, p95 {total['95%']} ms")

    # The locustfile writes a line per successful start, in the same greenlet step that counts it.
    started: dict[int, str] = {}
    approved: set[int] = set()
    for line in log.read_text().splitlines():
        kind, identificador, *rest = line.split()
        if kind == "inicio":
            started[int(identificador)] = rest[0]
        elif kind == "aprobado":
            approved.add(int(identificador))
    assert len(started) == started_ok, "every start Locust counted as successful left a distinct identificador"
    assert approved <= set(started)

    control = Control(own_simulator.url)
    try:
        status, listing = control.get("/_sim/payments")
        assert status == 200
        # Locust may be stopped after the simulator recorded a start but before it counted the answer,
        # so the simulator can hold more payments than Locust reported, never fewer.
        assert len(listing) >= min(started_ok, LIST_LIMIT)
        for payment in listing:
            assert payment["intentos"], payment
            assert {a["estado"] for a in payment["intentos"]} <= LEGAL_STATES, payment

        # The listing stops at 100; check every identificador Locust got, one by one.
        for identificador, reference in started.items():
            status, payment = control.get(f"/_sim/payments/{identificador}")
            assert status == 200, (identificador, payment)
            assert payment["id_pago"] == reference
            assert payment["id_comercio"] == 1001
            states = [a["estado"] for a in payment["intentos"]]
            assert states and set(states) <= LEGAL_STATES, payment
            if identificador in approved:
                assert states[-1] == 1, payment
    finally:
        control.close()


def test_the_p95_gate_fails_a_run_that_had_no_failed_request(own_simulator, tmp_path):
    result = run_locust(own_simulator.url, tmp_path, "--max-p95-ms", "0.001", run_time="2s")

    assert result.returncode != 0, explain(result)
    assert "GATE FAILED: p95" in result.stderr, explain(result)
    total = stats_rows(tmp_path)["Aggregated"]
    assert int(total["Request Count"]) > 0
    assert int(total["Failure Count"]) == 0, "the non-zero exit must come from the gate, not from failures"


def test_the_error_ratio_gate_tolerates_failures_up_to_the_given_ratio(own_simulator, tmp_path):
    env = {"ZP_CLAVE_INICIO": "clave-equivocada"}  # every start answers "-1 Credenciales inválidas"

    result = run_locust(own_simulator.url, tmp_path, "--max-error-ratio", "1.0", run_time="2s", env=env)

    assert result.returncode == 0, explain(result)
    total = stats_rows(tmp_path)["Aggregated"]
    assert int(total["Failure Count"]) == int(total["Request Count"]) > 0
    with open(tmp_path / "smoke_failures.csv", newline="") as f:
        errors = [row["Error"] for row in csv.DictReader(f)]
    assert errors and all("-1 Credenciales inválidas" in error for error in errors), errors
    assert "failures tolerated by --max-error-ratio" in result.stderr
