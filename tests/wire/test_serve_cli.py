"""`pasarela serve` as users and scripts run it: URLs printed, health, clean stops, restarts, settings."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request

import pytest

from simulator.process import SimulatorProcess, free_port
from tests.wire.soap_helpers import attempts_of, control, new_reference, start, verify

pytestmark = pytest.mark.wire


def test_serve_prints_its_urls_and_answers_health(tmp_path):
    with SimulatorProcess(tmp_path / "a.sqlite3") as sim:
        with urllib.request.urlopen(f"{sim.url}/_sim/health") as response:
            assert response.status == 200
        output = sim.output()
    assert f"{sim.url}/ws_inicio_pagov2/Zpagos.asmx?wsdl" in output
    assert f"{sim.url}/WsVerificarPagoV4/VerificarPagos.asmx?wsdl" in output
    assert "Comercio demo 1001" in output


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["sigterm", "ctrl-c"])
def test_a_signal_stops_it_cleanly(tmp_path, sig):
    sim = SimulatorProcess(tmp_path / "b.sqlite3").start()
    sim.proc.send_signal(sig)
    assert sim.proc.wait(10) == 0
    sim._log.close()
    assert "detenido." in sim.output() and "Traceback" not in sim.output()


def test_a_restart_on_the_same_database_keeps_every_payment(tmp_path):
    db = tmp_path / "c.sqlite3"
    references = [new_reference() for _ in range(3)]
    with SimulatorProcess(db) as sim:
        identifiers = [start(sim.url, r).value("inicio_pagoV2Result") for r in references]
        control(sim.url, f"/_sim/payments/{identifiers[0]}/outcome", {"estado": 1})
    with SimulatorProcess(db) as sim:
        states = [attempts_of(verify(sim.url, r))[0][1] for r in references]
        new_identifier = start(sim.url, new_reference()).value("inicio_pagoV2Result")
    assert states == ["1", "888", "888"]
    assert int(new_identifier) == int(identifiers[-1]) + 1


def test_settings_come_from_environment_variables(tmp_path):
    port = free_port()
    env = {**os.environ, "PASARELA_PORT": str(port), "PASARELA_DB": str(tmp_path / "env.sqlite3"),
           "PASARELA_HOST": "127.0.0.1"}
    proc = subprocess.Popen([sys.executable, "-m", "simulator.cli", "serve"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_sim/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.05)
        assert (tmp_path / "env.sqlite3").exists()
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0


def test_invalid_options_are_refused_without_a_traceback(tmp_path):
    result = subprocess.run([sys.executable, "-m", "simulator.cli", "serve", "--port", "70000",
                             "--db", str(tmp_path / "x.sqlite3")], capture_output=True, text=True, timeout=20)
    assert result.returncode == 2
    assert "port" in result.stderr and "Traceback" not in result.stderr


def test_serve_prints_every_entry_point(tmp_path):
    with SimulatorProcess(tmp_path / "u.sqlite3") as sim:
        output = sim.output()
    for path in ("/PSEWebServices3/MainServices.asmx?wsdl", "/recaudo/", "/_sim/", "/_sim/buzon",
                 "/_sim/openapi.json", "/t_demo/pago.asp"):
        assert f"{sim.url}{path}" in output, path
