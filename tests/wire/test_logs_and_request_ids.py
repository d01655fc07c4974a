"""`--log-level` and `--log-format json`: one JSON line per event; each request's lines carry a request id that the
journal keeps for the same request and the answer returns as X-Request-Id."""
from __future__ import annotations

import json
import urllib.request

import pytest

from simulator.process import SimulatorProcess
from tests.wire.soap_helpers import VERIFY_PATH, control, verify_body

pytestmark = pytest.mark.wire


def post(url: str, body: str, request_id: str | None = None) -> tuple[str, bytes]:
    headers = {"Content-Type": "text/xml; charset=utf-8", **({"X-Request-Id": request_id} if request_id else {})}
    request = urllib.request.Request(url, data=body.encode(), headers=headers)
    with urllib.request.urlopen(request, timeout=10) as answer:
        return answer.headers["X-Request-Id"], answer.read()


def test_json_log_lines_and_the_journal_share_each_request_id(tmp_path):
    with SimulatorProcess(tmp_path / "logs.sqlite3", extra_args=["--log-format", "json", "--log-level", "info"]) as sim:
        sent_id, _ = post(sim.url + VERIFY_PATH, verify_body("ref-logs"), "prueba-123")
        made_id, _ = post(sim.url + VERIFY_PATH, verify_body("ref-logs-2"))
        journal = control(sim.url, "/_sim/journal?operacion=verificar_pago_v4")[1]
        output = sim.output(since_start=True)
    assert sent_id == "prueba-123" and made_id and made_id != sent_id
    assert {entry["id_solicitud"] for entry in journal} == {"prueba-123", made_id}
    lines = [json.loads(line) for line in output.splitlines() if line.startswith("{")]
    by_id = {line["request_id"]: line for line in lines if line.get("request_id")}
    for request_id in ("prueba-123", made_id):
        line = by_id[request_id]
        assert line["nivel"] == "INFO" and line["origen"] == "pasarela.acceso" and "verificar_pago_v4" in line["mensaje"]
        assert set(line) >= {"ts", "nivel", "origen", "mensaje", "request_id"}


def test_the_default_level_writes_no_line_per_request(tmp_path):
    with SimulatorProcess(tmp_path / "quiet.sqlite3") as sim:
        post(sim.url + VERIFY_PATH, verify_body("ref-quiet"))
        assert "pasarela.acceso" not in sim.output(since_start=True)
