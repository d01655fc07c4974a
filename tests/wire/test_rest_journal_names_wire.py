"""Each REST endpoint is journaled under one operation name, channel `http`, whatever its answer (200, 400,
415): InicioPago, VerificacionPago, PagoAPTC, and the legacy pair under names apart from the SOAP operations'.
(An answer a path-prefix fault rule gives instead of the endpoint is journaled under its path, as for any page.)"""
from __future__ import annotations

import pytest
import requests

from tests.wire.rest_helpers import LEGACY_START, LEGACY_VERIFY, START, VERIFY, start_body
from tests.wire.soap_helpers import control

pytestmark = pytest.mark.wire

APTC = "/ApisToken/api/PagoAPTC"
CASES = [(START, "InicioPago", "json"), (VERIFY, "VerificacionPago", "json"), (APTC, "PagoAPTC", "json"),
         (LEGACY_START, "REST inicio_pagoV2", "form"), (LEGACY_VERIFY, "REST verificar_pago_v3", "form")]


@pytest.mark.parametrize("path, name, wire", CASES)
def test_every_answer_of_a_rest_endpoint_is_journaled_under_its_one_name(simulator, path, name, wire):
    url = simulator.url + path
    _, newest = control(simulator.url, "/_sim/journal?limite=1")
    before = newest[0]["id"] if newest else 0  # the session's simulator: only this test's entries count
    good = requests.post(url, json=start_body(), timeout=10) if wire == "json" else \
        requests.post(url, data={"id_tienda": "1001"}, timeout=10)
    assert good.status_code == 200
    assert requests.post(url, data="x", headers={"Content-Type": "text/plain"}, timeout=10).status_code == 415
    if wire == "json":
        assert requests.post(url, data="{", headers={"Content-Type": "application/json"},
                             timeout=10).status_code == 400
    status, entries = control(simulator.url, "/_sim/journal?limite=200")
    assert status == 200
    mine = [e for e in entries if e["ruta"].lower() == path.lower() and e["id"] > before]
    assert len(mine) >= (3 if wire == "json" else 2), mine
    assert {(e["operacion"], e["canal"]) for e in mine} == {(name, "http")}
