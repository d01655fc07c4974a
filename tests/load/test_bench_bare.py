"""The benchmark's bare paths (loadtests/bench/bare.py): the verify looks seeded payments up in the
simulator's file, the start commits a row per request."""
from __future__ import annotations

import re
import sqlite3

import pytest
from aiohttp.test_utils import TestClient, TestServer

from loadtests.bench import bare
from loadtests.bench.__main__ import MERCHANT, VERIFY_CREDENTIALS, reference, seed
from loadtests.soap_bodies import inicio_pago_v2, verificar_pago_v4


@pytest.fixture(scope="module")
def seeded(simulator):
    seed(simulator.url, 3)  # bench-0000… even: approved at once; odd: pending
    return simulator.db


async def _post(db, body: str) -> tuple[int, str]:
    async with TestClient(TestServer(bare.create_app(db))) as client:
        answer = await client.post("/WsVerificarPagoV4/VerificarPagos.asmx", data=body.encode(),
                                   headers={"Content-Type": "text/xml; charset=utf-8"})
        return answer.status, await answer.text()


async def test_a_seeded_reference_is_looked_up_and_listed(seeded):
    status, text = await _post(seeded, verificar_pago_v4(**VERIFY_CREDENTIALS, str_id_pago=reference(0)))
    assert status == 200
    assert "<int_error>0</int_error>" in text and "<int_cantidad_pagos>1</int_cantidad_pagos>" in text
    assert re.search(r"<str_res_pago>\d+ ; 1</str_res_pago>", text)  # attempt number ; approved (,01)


async def test_an_unknown_reference_and_a_doctype_are_answered_without_a_lookup_result(seeded):
    status, text = await _post(seeded, verificar_pago_v4(**VERIFY_CREDENTIALS, str_id_pago="no-existe"))
    assert status == 200 and "<int_error>-1</int_error>" in text
    status, _ = await _post(seeded, '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>')
    assert status == 500


async def test_the_bare_start_commits_one_row_per_start_and_refuses_a_repeated_id_pago(tmp_path):
    db = tmp_path / "bare-start.sqlite3"
    body = inicio_pago_v2(**MERCHANT, total_con_iva="20000", valor_iva="0", id_pago="bare-1")
    async with TestClient(TestServer(bare.create_start_app(db))) as client:
        first = await (await client.post("/ws_inicio_pagov2/Zpagos.asmx", data=body.encode())).text()
        again = await (await client.post("/ws_inicio_pagov2/Zpagos.asmx", data=body.encode())).text()
    assert re.search(r"<inicio_pagoV2Result>1</inicio_pagoV2Result>", first)
    assert "<inicio_pagoV2Result>-1 id_pago repetido</inicio_pagoV2Result>" in again
    with sqlite3.connect(db) as conn:  # committed: another connection reads it
        assert conn.execute("SELECT merchant, reference, total FROM bare_payments").fetchall() == [
            (1001, "bare-1", "20000")]
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
