"""The soak command (loadtests/soak.py) runs, checks every answer and reports RSS samples: a bounded run."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.wire]
ROOT = Path(__file__).resolve().parents[2]


def test_a_short_soak_reports_memory_samples_and_no_failed_request():
    done = subprocess.run([sys.executable, "-m", "loadtests.soak", "--minutes", "0.15", "--in-flight", "40",
                           "--delay-ms", "100", "--every", "3"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ") and "MiB" not in line]
    assert len(rows) >= 3 and "failed requests: 0" in done.stdout
