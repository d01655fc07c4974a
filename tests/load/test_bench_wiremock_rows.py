"""The benchmark's WireMock rows (issue 15): the stub is byte-exact, rows are medians of rounds, and the targets
are ratios of server CPU per request to WireMock's. No server is started here."""
from __future__ import annotations

import base64

from loadtests.bench.__main__ import median_result
from loadtests.bench.report import Row, WrkResult, table
from loadtests.bench.wiremock import FLAGS, stub_mapping


def result(rps: float, us: float, p99: float = 9.0, bad: int = 0) -> WrkResult:
    return WrkResult(requests=int(rps * 10), duration_s=10.0, rps=rps, percentiles_ms={50: 1.0, 99: p99},
                     extras={"sent": int(rps * 10), "bad": bad}, server_cpu=0.99, other_cpu=0.1,
                     server_us_per_request=us)


def test_the_stub_answers_the_exact_bytes_and_wiremock_keeps_no_journal():
    body = '<?xml version="1.0" encoding="utf-8"?><x>ñ &amp; é</x>'.encode()
    mapping = stub_mapping("/WsVerificarPagoV4/VerificarPagos.asmx", body, "text/xml; charset=utf-8")
    assert base64.b64decode(mapping["response"]["base64Body"]) == body
    assert mapping["request"] == {"method": "POST", "urlPath": "/WsVerificarPagoV4/VerificarPagos.asmx"}
    assert {"--disable-request-logging", "--no-request-journal"} <= set(FLAGS)


def test_a_row_is_the_median_of_its_rounds_and_errors_add_up():
    rows = [result(1000, 300, 20), result(3000, 100, 10, bad=1), result(2000, 200, 30)]
    median = median_result(rows)
    assert (median.rps, median.server_us_per_request, median.p99_ms) == (2000, 200, 20)
    assert median.extras["bad"] == 1 and median.extras["sent"] == 60000


def test_the_targets_are_cpu_per_request_against_wiremock():
    peer = result(8000, 100)
    met = Row("verificar_pago_v4 (fast)", result(5000, 80), peer=peer, target_peer_cpu=0.8)
    missed = Row("inicio_pagoV2 (fast)", result(900, 500), peer=peer, target_peer_cpu=1.2)
    scaled = Row("2 processes", result(1700, 90), scale=1.72, target_scale=1.7)
    assert met.peer_cpu_ratio == 0.8 and met.verdicts == [("CPU ≤ 0.8 × WireMock", True)]
    assert missed.verdicts == [("CPU ≤ 1.2 × WireMock", False)]
    assert scaled.verdicts == [("≥ 1.7 × 1 process", True)]
    printed = table([Row("WireMock 3.13", peer, peer=peer), met, missed])
    assert "CPU ÷ WireMock" in printed and "0.80" in printed and "MISSED" in printed
