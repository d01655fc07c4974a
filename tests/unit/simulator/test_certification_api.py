"""/_sim/certificacion on the composition root in process (memory store, a list journal, aiohttp's test client):
what the journal recorded is graded; without the full journal, or for an unknown merchant, a JSON problem."""
from __future__ import annotations

from aiohttp.test_utils import TestClient, TestServer

from adapters.storage.memory import MemoryStore
from ports.sim_state import JournalEntry
from simulator.bootstrap import bootstrap
from simulator.control.journal import JournalRecorder
from tests.wire.soap_helpers import START_PATH, VERIFY_PATH, inicio_body, verify_body


class ListJournal:
    def __init__(self):
        self.entries: list[JournalEntry] = []

    def append(self, entries):
        self.entries.extend(entries)

    def query(self, operation=None, channel=None, after_id=0, limit=100):
        rows = [(i, e) for i, e in enumerate(self.entries, start=1) if i > after_id]
        return list(reversed(rows))[:limit]

    def clear(self):
        self.entries.clear()

    def close(self):
        pass


def _client(clock, journal_mode: str | None = "full") -> TestClient:
    journal = JournalRecorder(ListJournal(), clock, journal_mode) if journal_mode else None
    simulator = bootstrap(store=MemoryStore(), clock=clock, journal=journal, seed=True)
    return TestClient(TestServer(simulator.app()))


async def test_a_start_without_payer_document_is_graded_from_the_journal(clock):
    async with _client(clock) as client:
        soap = {"Content-Type": "text/xml; charset=utf-8"}
        started = await client.post(START_PATH, data=inicio_body("R-1", id_cliente="", tipo_id=""), headers=soap)
        assert started.status == 200
        await client.post(VERIFY_PATH, data=verify_body("R-1"), headers=soap)
        answer = await client.get("/_sim/certificacion?comercio=1001")
        assert answer.status == 200
        report = await answer.json()
    found = {rule["codigo"]: rule for rule in report["reglas"]}
    assert report["comercio"] == 1001 and report["aprobada"] is False
    assert found["datos_pagador"]["resultado"] == "no_cumple"
    assert "R-1" in found["datos_pagador"]["evidencia"][0]["nota"]
    assert found["credenciales"]["resultado"] == "cumple"


async def test_without_the_full_journal_the_report_is_a_409_problem(clock):
    for mode in (None, "metadata"):
        async with _client(clock, mode) as client:
            answer = await client.get("/_sim/certificacion?comercio=1001")
            assert answer.status == 409 and answer.content_type == "application/problem+json"
            assert "--journal full" in (await answer.json())["detail"]


async def test_the_rehearsal_page_ignores_a_merchant_that_is_not_a_number(clock):
    async with _client(clock) as client:
        answer = await client.get("/_sim/certificacion/?comercio=%3Cb%3E")
        page = await answer.text()
    assert answer.status == 200 and "<b>" not in page
    assert 'id="comercio" name="comercio" inputmode="numeric" value=""' in page


async def test_a_relative_return_url_is_fetched_from_this_server_whatever_host_the_client_named(clock):
    async with _client(clock) as client:
        soap = {"Content-Type": "text/xml; charset=utf-8"}
        await client.post(START_PATH, data=inicio_body("R-2"), headers=soap)
        answer = await client.get("/_sim/certificacion?comercio=1001&paginas=1", headers={"Host": "evil.example"})
        report = await answer.json()
    [page_rule] = [rule for rule in report["reglas"] if rule["codigo"] == "pagina_resultado"]
    # the demo merchant's return URL is /recaudo/retorno; no portal is mounted on this world, so it is a 404 here
    assert page_rule["resultado"] == "no_cumple"
    assert "R-2" in page_rule["evidencia"][0]["nota"] and "respondió 404" in page_rule["evidencia"][0]["nota"]
