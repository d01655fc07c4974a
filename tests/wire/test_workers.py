"""`pasarela serve --workers N`: several processes on one port and one SQLite file, one consistent world."""
from __future__ import annotations

import json
import urllib.request

import pytest

from simulator.process import SimulatorProcess
from tests.wire.soap_helpers import attempts_of, control, new_reference, start, verify

pytestmark = [pytest.mark.wire, pytest.mark.slow]


def test_two_workers_share_the_port_the_payments_and_the_clock(tmp_path):
    with SimulatorProcess(tmp_path / "w.sqlite3", extra_args=["--workers", "2"]) as sim:
        pids = set()
        for _ in range(60):
            with urllib.request.urlopen(f"{sim.url}/_sim/health", timeout=5) as response:
                pids.add(json.loads(response.read())["pid"])
        assert len(pids) == 2, "both workers answer"

        references = [new_reference() for _ in range(40)]
        identifiers = [start(sim.url, r).value("inicio_pagoV2Result") for r in references]
        assert all(i.isdigit() for i in identifiers)
        assert len(set(identifiers)) == len(identifiers), "sequences stay unique across processes"
        assert all(attempts_of(verify(sim.url, r))[0][1] == "888" for r in references)

        advanced = control(sim.url, "/_sim/clock/advance", {"segundos": 3600})[1]["ahora"]
        seen = {control(sim.url, "/_sim/clock")[1]["ahora"][:16] for _ in range(20)}
        assert seen == {advanced[:16]}, "every worker reads the same simulated time"
    assert sim.proc.returncode == 0
    assert "2 procesos de trabajo" in sim.output() and "detenido." in sim.output()
