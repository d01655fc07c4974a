"""Locust smoke of the REST generation: RestMerchantUser runs headless against its own simulator and fails
nothing; every payment it started is verified through the REST API."""
from __future__ import annotations

import subprocess
import sys

import pytest

from simulator.process import SimulatorProcess
from tests.load.locust_helpers import REPO, explain, hermetic_env, stats_rows

pytestmark = [pytest.mark.slow, pytest.mark.wire]

LOCUSTFILE = REPO / "loadtests" / "locustfile_rest.py"


def test_the_rest_merchants_start_and_verify_without_a_failure(tmp_path):
    with SimulatorProcess(tmp_path / "load.sqlite3") as simulator:
        result = subprocess.run(
            [sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "-u", "4", "-r", "4",
             "--run-time", "3s", "--host", simulator.url, "--csv", str(tmp_path / "rest"), "--only-summary"],
            capture_output=True, text=True, timeout=120, cwd=REPO, env=hermetic_env())
    assert result.returncode == 0, explain(result)
    rows = stats_rows(tmp_path / "rest")
    starts, verifications = rows["InicioPago (REST)"], rows["VerificacionPago (REST)"]
    assert int(starts["Request Count"]) > 0 and int(verifications["Request Count"]) > 0
    assert int(rows["Aggregated"]["Failure Count"]) == 0
