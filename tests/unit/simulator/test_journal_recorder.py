"""The journal recorder: entries are masked and written in batches, and a failure never escapes it."""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from aiohttp.test_utils import make_mocked_request

from adapters.clock import FixedClock
from simulator.control import journal as journal_module
from simulator.control.journal import JournalRecorder

AT = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


class ListJournal:
    def __init__(self, fail: bool = False):
        self.entries, self.fail = [], fail

    def append(self, entries):
        if self.fail:
            raise OSError("disco lleno")
        self.entries.extend(entries)


def record(recorder: JournalRecorder, body: bytes) -> None:
    request = make_mocked_request("POST", "/WsVerificarPagoV4/VerificarPagos.asmx")
    recorder.record("soap", "verificar_pago_v4", request, 200, 0.0, body, b"<ok/>")


def test_entries_are_written_masked():
    journal = ListJournal()
    recorder = JournalRecorder(journal, FixedClock(AT))
    record(recorder, b"<str_pwd_Comercio>clave-v4</str_pwd_Comercio>")
    recorder.flush()
    assert [e.request for e in journal.entries] == ["<str_pwd_Comercio>****</str_pwd_Comercio>"]


def test_a_failed_write_or_mask_is_logged_and_the_writer_keeps_running(monkeypatch, caplog):
    recorder = JournalRecorder(ListJournal(fail=True), FixedClock(AT), interval=0.001)
    record(recorder, b"<a/>")
    recorder.flush()  # the storage fails: logged, not raised
    assert "could not write 1 journal entries" in caplog.text
    good = ListJournal()
    recorder.journal = good

    def broken_mask(text):
        raise ValueError("máscara rota")
    monkeypatch.setattr(journal_module, "mask", broken_mask)
    record(recorder, b"<b/>")

    async def run_a_while():
        task = asyncio.create_task(recorder.run())
        await asyncio.sleep(0.02)  # several intervals: the failing batch must not end the task
        assert not task.done()
        monkeypatch.setattr(journal_module, "mask", lambda text: text)
        record(recorder, b"<c/>")
        await asyncio.sleep(0.02)
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    asyncio.run(run_a_while())
    assert [e.request for e in good.entries] == ["<c/>"]
