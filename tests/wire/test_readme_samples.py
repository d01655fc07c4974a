"""README's curl samples work as written against a served simulator (only the host changes)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.wire
README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
SAMPLES = re.findall(r"```bash\n(curl -s http://127\.0\.0\.1:8000/.*?)\n```", README, re.S)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_the_start_and_verify_samples_start_a_payment_and_read_it_back(simulator):
    assert len(SAMPLES) >= 2
    answers = [subprocess.run(["bash", "-c", sample.replace("http://127.0.0.1:8000", simulator.url)],
                              capture_output=True, text=True, timeout=30).stdout for sample in SAMPLES[:2]]
    assert re.search(r"<inicio_pagoV2Result>\d+</inicio_pagoV2Result>", answers[0]) or \
        "ya existe para este comercio" in answers[0]  # the session's simulator may have run it already
    assert "<verificar_pago_v4Result>1</verificar_pago_v4Result>" in answers[1]
    assert re.search(r"<str_res_pago>\d+ \| \d+ \| 20000 \|", answers[1])
