"""The certification assistant grades a REST merchant too: the Apis_CicloPago starts and verifications the journal
keeps (JSON bodies, passwords masked) are read by their REST field names (zonapagos-ws.md §8), over real HTTP."""
from __future__ import annotations

import pytest
import requests

from simulator.zonapagos.seed import DEMO_MERCHANT_ID
from tests.wire.rest_helpers import inicio, new_reference, start_body, verificacion

pytestmark = pytest.mark.wire


def newest_entry(base: str) -> int:
    rows = requests.get(base + "/_sim/journal?limite=1", timeout=10).json()
    return rows[0]["id"] if rows else 0


def graded(base: str, since: int) -> dict[str, dict]:
    answer = requests.get(f"{base}/_sim/certificacion?comercio={DEMO_MERCHANT_ID}&desde={since}", timeout=10)
    assert answer.status_code == 200, answer.text
    return {rule["codigo"]: rule for rule in answer.json()["reglas"]}


def test_a_rest_start_without_payer_data_is_graded_no_cumple_with_its_journal_entry(simulator):
    since = newest_entry(simulator.url)
    careless = new_reference()
    body = start_body(careless)
    del body["InformacionPago"]["str_id_cliente"], body["InformacionPago"]["str_tipo_id"]
    assert inicio(simulator.url, body).json()["int_codigo"] == 1
    rule = graded(simulator.url, since)["datos_pagador"]
    assert rule["resultado"] == "no_cumple", rule
    [evidence] = rule["evidencia"]
    assert careless in evidence["nota"] and "str_id_cliente" in evidence["nota"] and "str_tipo_id" in evidence["nota"]
    assert len(evidence["entradas"]) == 1


def test_a_rest_merchant_that_sends_payer_data_and_verifies_meets_payer_data(simulator):
    since = newest_entry(simulator.url)
    reference = new_reference()
    assert inicio(simulator.url, start_body(reference)).json()["int_codigo"] == 1
    assert verificacion(simulator.url, reference).json()["int_estado"] == 1
    found = graded(simulator.url, since)
    assert found["datos_pagador"]["resultado"] == "cumple", found["datos_pagador"]
    assert found["credenciales"]["resultado"] != "no_cumple"
