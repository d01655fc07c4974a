"""Locust smoke: the load test runs headless against its own simulator, fails nothing and loses no payment.

Locust runs as a child process (`python -m locust`, see tests/load/locust_helpers.py): importing it here would
monkey-patch this process with gevent.
"""
from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from simulator.process import SimulatorProcess
from tests.load.locust_helpers import (
    BANK_OUTCOME, CARD, FINAL_STATES, LEGAL_STATES, LOCUSTFILE, NAME_INICIO, NAME_OF_CLASS, PSE, REPO, Control,
    PaymentLog, explain, hermetic_env, stats_rows,
)

pytestmark = [pytest.mark.slow, pytest.mark.wire]

LIST_LIMIT = 100  # GET /_sim/payments answers the newest 100
CARD_NUMBER = "4111111111111111"  # the card TokenUser tokenizes (loadtests/users/tokens.py)


@pytest.fixture
def own_simulator(tmp_path):
    with SimulatorProcess(tmp_path / "load.sqlite3") as simulator:
        yield simulator


def run_locust(url: str, out: Path, *extra: str, run_time: str = "4s", env: dict[str, str] | None = None,
               classes: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    """One headless run; `classes` names the user classes to run (all of them when empty)."""
    command = [
        sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "-u", "5", "-r", "5",
        "--run-time", run_time, "--host", url, "--csv", str(out / "smoke"), "--html", str(out / "smoke.html"),
        "--only-summary", *extra, *classes,
    ]
    return subprocess.run(command, cwd=REPO, env=hermetic_env(env), capture_output=True, text=True, timeout=60)


def test_smoke_run_of_every_user_class_fails_nothing_and_the_simulator_loses_no_payment(own_simulator, tmp_path):
    log_path = tmp_path / "payments.log"
    result = run_locust(own_simulator.url, tmp_path, env={"ZP_LOG_PAYMENTS": str(log_path)})

    assert result.returncode == 0, explain(result)
    assert (tmp_path / "smoke.html").stat().st_size > 0
    rows = stats_rows(tmp_path / "smoke")
    total = rows["Aggregated"]
    requests, failures = int(total["Request Count"]), int(total["Failure Count"])
    assert requests > 0, explain(result)
    assert failures == 0, explain(result)
    assert all(int(row["Failure Count"]) == 0 for row in rows.values())
    ran = {cls for cls, name in NAME_OF_CLASS.items() if int(rows.get(name, {}).get("Request Count", 0)) > 0}
    assert ran == set(NAME_OF_CLASS), f"user classes that made no request: {set(NAME_OF_CLASS) - ran}"
    started_ok = int(rows[NAME_INICIO]["Request Count"])  # no failures, so every one answered an identificador
    assert started_ok > 0
    print(f"\nlocust smoke: {requests} requests, {float(total['Requests/s']):.1f} req/s, "
          f"{started_ok} payments started, p95 {total['95%']} ms")

    # The users write a line per successful start, in the same greenlet step that counts it.
    log = PaymentLog.read(log_path)
    assert len(log.started) == started_ok, "every start Locust counted as successful left a distinct identificador"
    assert log.approved <= set(log.started)
    assert set(log.at_bank) <= set(log.started) and set(log.returned) <= set(log.at_bank)
    assert log.returned, "no page walk came back from the bank to the merchant"
    assert log.card_charges, "no approved card charge of the token services"
    reports = [p.read_text(errors="replace") for p in tmp_path.iterdir() if p.suffix in (".csv", ".html", ".log")]
    for text in (result.stdout, result.stderr, own_simulator.output(), *reports):
        assert CARD_NUMBER not in text, "the card number was written to a report, a log or the output"

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
        for identificador, reference in log.started.items():
            status, payment = control.get(f"/_sim/payments/{identificador}")
            assert status == 200, (identificador, payment)
            assert payment["id_pago"] == reference
            assert payment["id_comercio"] == 1001
            states = [a["estado"] for a in payment["intentos"]]
            assert states and set(states) <= LEGAL_STATES, payment
            if identificador in log.approved:
                assert states[-1] == 1, payment

        # Every walk the bank answered ended final at the gateway, as its button says. A walk cut off by the end
        # of the run between the bank and the receipt is settled by the merchant's verification, as in real life.
        for identificador, action in log.at_bank.items():
            if identificador not in log.returned:
                control.verify(log.started[identificador])
            status, payment = control.get(f"/_sim/payments/{identificador}")
            last = payment["intentos"][-1]
            assert (last["estado"], last["forma_pago"]) == (BANK_OUTCOME[action], PSE), payment
            assert last["estado"] in FINAL_STATES
            if identificador in log.returned:
                assert log.returned[identificador] == last["estado"]

        # Each approved charge of the token services is a card payment the merchant's verification finds approved.
        for reference in log.card_charges:
            attempts = control.verify(reference)
            assert attempts and (attempts[-1][1], attempts[-1][14]) == ("1", str(CARD)), (reference, attempts)
    finally:
        control.close()


def test_the_p95_gate_fails_a_run_that_had_no_failed_request(own_simulator, tmp_path):
    result = run_locust(own_simulator.url, tmp_path, "--max-p95-ms", "0.001", run_time="2s",
                        classes=("MerchantUser",))

    assert result.returncode != 0, explain(result)
    assert "GATE FAILED: p95" in result.stderr, explain(result)
    rows = stats_rows(tmp_path / "smoke")
    total = rows["Aggregated"]
    assert int(total["Request Count"]) > 0
    assert int(total["Failure Count"]) == 0, "the non-zero exit must come from the gate, not from failures"
    others = {name for cls, name in NAME_OF_CLASS.items() if cls != "MerchantUser"}
    assert not others & set(rows), "only the user class named on the command line ran"


def test_the_error_ratio_gate_tolerates_failures_up_to_the_given_ratio(own_simulator, tmp_path):
    env = {"ZP_CLAVE_INICIO": "clave-equivocada"}  # every start answers "-1 Credenciales inválidas"

    result = run_locust(own_simulator.url, tmp_path, "--max-error-ratio", "1.0", run_time="2s", env=env,
                        classes=("MerchantUser", "PayerUser"))

    assert result.returncode == 0, explain(result)
    total = stats_rows(tmp_path / "smoke")["Aggregated"]
    assert int(total["Failure Count"]) == int(total["Request Count"]) > 0
    with open(tmp_path / "smoke_failures.csv", newline="") as f:
        errors = [row["Error"] for row in csv.DictReader(f)]
    assert errors and all("-1 Credenciales inválidas" in error for error in errors), errors
    assert "failures tolerated by --max-error-ratio" in result.stderr
