"""The REST generation on the simulator's journal and fault injection: what a merchant sent is kept with its
secrets masked, and a path-prefix rule breaks the REST API as IIS would."""
from __future__ import annotations

import time

import pytest
import requests

from tests.wire.rest_helpers import inicio, start_body, verificacion

pytestmark = pytest.mark.wire


@pytest.fixture
def sim(simulator):
    return simulator  # the session's simulator: entries are found by this test's own reference


def journal_entry(sim, operation: str, reference: str) -> dict:
    """The journal's entry of `operation` that carries `reference` (the writer batches every 0.25 s: asked again
    for up to 5 s)."""
    deadline = time.monotonic() + 5
    while True:
        entries = requests.get(f"{sim.url}/_sim/journal", params={"operacion": operation, "limite": 50},
                               timeout=10).json()
        found = [e for e in entries if reference in e["solicitud"]]
        if found or time.monotonic() > deadline:
            assert len(found) == 1, entries[:3]
            return found[0]
        time.sleep(0.1)


def test_the_journal_keeps_the_rest_request_with_its_password_masked(sim):
    # a Luhn-valid number none of the session's other tests uses: tests/wire/test_tokens_wire.py searches the shared
    # database for its own cards, and a description is kept as the merchant sent it (only the journal masks)
    body = start_body(str_descripcion_pago="Tarjeta 4012888888881881")
    inicio(sim.url, body)
    reference = body["InformacionPago"]["str_id_pago"]
    verificacion(sim.url, reference)
    started = journal_entry(sim, "InicioPago", reference)  # the operation name, not the path
    assert '"str_clave":"****"' in started["solicitud"] and "clave-v4" not in started["solicitud"]
    assert "4012888888881881" not in started["solicitud"] and "************1881" in started["solicitud"]
    assert started["estado_http"] == 200 and '"int_codigo": 1' in started["respuesta"]
    verified = journal_entry(sim, "VerificacionPago", reference)
    assert "clave-v4" not in verified["solicitud"] and '"str_pwd_Comercio":"****"' in verified["solicitud"]


def test_a_path_prefix_fault_breaks_the_rest_api_and_then_it_answers_again(sim):
    rule = requests.post(f"{sim.url}/_sim/faults", json={"operacion": "/Apis_CicloPago/", "tipo": "http_503",
                                                         "cantidad": 1}, timeout=10)
    assert rule.status_code in (200, 201)
    try:
        assert inicio(sim.url, start_body()).status_code == 503
        assert inicio(sim.url, start_body()).json()["int_codigo"] == 1
    finally:
        requests.delete(f"{sim.url}/_sim/faults", timeout=10)
