"""The journal recorder: entries are masked and written in batches, and a failure never escapes it."""
from __future__ import annotations

import asyncio
from functools import partial
from datetime import datetime, timezone

from aiohttp.test_utils import make_mocked_request

from adapters.clock import FixedClock
from simulator.control import journal as journal_module
from simulator.control.journal import JournalRecorder
from simulator.control.journal_view import soap_view
from simulator.soap.contract import Secret
from simulator.soap.envelope import parse_request

AT = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


class ListJournal:
    def __init__(self, fail: bool = False):
        self.entries, self.fail = [], fail

    def append(self, entries):
        if self.fail:
            raise OSError("disco lleno")
        self.entries.extend(entries)


def record(recorder: JournalRecorder, view) -> None:
    request = make_mocked_request("POST", "/WsVerificarPagoV4/VerificarPagos.asmx")
    recorder.record("soap", "verificar_pago_v4", request, 200, 0.0, view, b"<ok/>")


ENVELOPE = ('<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><verificar_pago_v4 xmlns="v4">'
            "<str_pwd_Comercio>clave-v4</str_pwd_Comercio><str_id_pago>R1</str_id_pago></verificar_pago_v4>"
            "</s:Body></s:Envelope>")


def test_entries_keep_the_view_rendered_when_written_with_the_secrets_masked():
    journal = ListJournal()
    recorder = JournalRecorder(journal, FixedClock(AT))
    root = parse_request(ENVELOPE.encode()).operation.getroottree().getroot()
    record(recorder, partial(soap_view, root, {"str_pwd_Comercio": Secret.WHOLE}))
    recorder.flush()
    [entry] = journal.entries
    assert "clave-v4" not in entry.request and "<str_pwd_Comercio>****</str_pwd_Comercio>" in entry.request
    assert "<str_id_pago>R1</str_id_pago>" in entry.request


def test_a_view_that_cannot_render_leaves_a_note_and_never_the_body(caplog):
    journal = ListJournal()
    recorder = JournalRecorder(journal, FixedClock(AT))

    def broken_view() -> str:
        raise ValueError("vista rota")
    record(recorder, broken_view)
    recorder.flush()
    assert [e.request for e in journal.entries] == ["[cuerpo no registrado]"]
    assert "could not be rendered" in caplog.text


def test_a_failed_write_or_mask_is_logged_and_the_writer_keeps_running(monkeypatch, caplog):
    recorder = JournalRecorder(ListJournal(fail=True), FixedClock(AT), interval=0.001)
    record(recorder, "<a/>")
    recorder.flush()  # the storage fails: logged, not raised
    assert "could not write 1 journal entries" in caplog.text
    good = ListJournal()
    recorder.journal = good

    def broken_mask(text):
        raise ValueError("máscara rota")
    monkeypatch.setattr(journal_module, "mask_response", broken_mask)
    record(recorder, "<b/>")

    async def run_a_while():
        task = asyncio.create_task(recorder.run())
        await asyncio.sleep(0.02)  # several intervals: the failing batch must not end the task
        assert not task.done()
        monkeypatch.setattr(journal_module, "mask_response", lambda text: text)
        record(recorder, "<c/>")
        await asyncio.sleep(0.02)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    asyncio.run(run_a_while())
    assert [e.request for e in good.entries] == ["<c/>"]
