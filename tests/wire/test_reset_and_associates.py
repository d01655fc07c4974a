"""POST /_sim/reset empties the world and seeds the demo data again; associates are readable."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from simulator.process import SimulatorProcess
from tests.wire.soap_helpers import attempts_of, control, new_reference, start, verify

pytestmark = pytest.mark.wire


def get_json(url: str) -> tuple[int, object]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_reset_removes_payments_and_restores_the_demo_world(tmp_path):
    with SimulatorProcess(tmp_path / "r.sqlite3") as sim:
        reference = new_reference()
        start(sim.url, reference)
        control(sim.url, "/_sim/clock/advance", {"segundos": 3600})
        control(sim.url, "/_sim/faults", {"operacion": "*", "tipo": "retraso", "retraso_ms": 1})
        status, answer = control(sim.url, "/_sim/reset", {})
        assert status == 200 and "payments" in answer["tablas_vaciadas"]
        assert attempts_of(verify(sim.url, reference)) == []
        assert control(sim.url, "/_sim/payments")[1] == []
        assert get_json(f"{sim.url}/_sim/faults")[1] == []
        assert start(sim.url, new_reference()).value("inicio_pagoV2Result").isdigit()  # demo merchant is back
        status, nick = get_json(f"{sim.url}/_sim/associates/CC/1033370434")
        assert status == 200 and nick["nombre"] == "NICK RIVERA CAMINERO"


def test_associates_are_listed_with_their_products(simulator):
    status, associates = get_json(f"{simulator.url}/_sim/associates?limite=5")
    assert status == 200 and 1 <= len(associates) <= 5
    nick = get_json(f"{simulator.url}/_sim/associates/CC/1033370434")[1]
    names = [p["nombre"] for p in nick["productos"]]
    assert "Ahorros a la Vista(****7756)" in names
    assert any(p["activo"] is False for p in nick["productos"])


@pytest.mark.parametrize("path", ["/_sim/associates/XX/1", "/_sim/associates?limite=0", "/_sim/associates?limite=x",
                                  "/_sim/associates?limite=" + "9" * 5000])
def test_bad_associate_queries_are_json_problems(simulator, path):
    assert get_json(simulator.url + path)[0] == 400


def test_an_unknown_associate_is_404(simulator):
    assert get_json(f"{simulator.url}/_sim/associates/CC/99999999")[0] == 404


def test_the_simulated_clock_is_kept_across_a_restart_until_reset(tmp_path):
    from datetime import datetime

    def now(url: str) -> datetime:
        return datetime.fromisoformat(control(url, "/_sim/clock")[1]["ahora"])

    db = tmp_path / "reloj.sqlite3"
    with SimulatorProcess(db) as sim:
        advanced = datetime.fromisoformat(control(sim.url, "/_sim/clock/advance", {"segundos": 86400})[1]["ahora"])
    with SimulatorProcess(db) as again:  # a restart on the same file
        restarted = now(again.url)
        assert (restarted - advanced).total_seconds() >= 0 and (restarted - advanced).total_seconds() < 120
        real = datetime.fromisoformat(control(again.url, "/_sim/clock/reset", {})[1]["ahora"])
        assert abs((restarted - real).total_seconds() - 86400) < 120
