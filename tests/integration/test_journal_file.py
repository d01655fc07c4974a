"""The request journal in its own file: newest first, trimmed, cleared, and invisible to the main database."""
from __future__ import annotations

import sqlite3
import pytest

from adapters.storage.journal_sqlite import SqliteJournal, journal_path
from adapters.storage.sqlite import SqliteStore
from ports.sim_state import JournalEntry


def entry(n: int, operation: str = "verificar_pago_v4") -> JournalEntry:
    return JournalEntry(f"2026-11-23T10:00:{n:02d}", "soap", operation, "POST", "/x.asmx", 200, 1.5, "127.0.0.1",
                        f"<req>{n}</req>", f"<resp>{n}</resp>")


def test_entries_come_back_newest_first_filtered_and_trimmed_to_capacity(tmp_path):
    db = tmp_path / "sim.sqlite3"
    journal = SqliteJournal.beside(db, capacity=5)
    journal.append([entry(n) for n in range(4)])
    journal.append([entry(n, "inicio_pagoV2") for n in range(4, 8)])
    rows = journal.query()
    assert [e.request for _, e in rows] == [f"<req>{n}</req>" for n in (7, 6, 5, 4, 3)]  # the 5 newest
    assert [e.request for _, e in journal.query(operation="verificar_pago_v4")] == ["<req>3</req>"]
    newest = rows[0][0]
    assert journal.query(after_id=newest) == []
    journal.clear()
    assert journal.query() == []
    journal.close()
    assert journal_path(db).exists() and journal_path(db).name == "sim.sqlite3.journal.sqlite3"


def test_the_trim_runs_every_tenth_of_capacity_and_always_keeps_the_newest_capacity(tmp_path):
    journal = SqliteJournal.beside(tmp_path / "sim.sqlite3", capacity=50)
    counts = []
    for n in range(130):
        journal.append([entry(n % 60)])
        stored = journal.query(limit=1000)
        counts.append(len(stored))
        assert [e.request for _, e in stored[:50]] == [f"<req>{k % 60}</req>" for k in range(n, max(n - 50, -1), -1)]
    assert 50 < max(counts) < 55  # trimmed in bulk, never 10 % over
    assert 50 in counts[50:]  # and trimmed back to capacity
    journal.close()


def test_journal_writes_neither_touch_the_main_file_nor_invalidate_its_caches(tmp_path):
    db = tmp_path / "sim.sqlite3"
    store = SqliteStore(db)
    other = sqlite3.connect(str(db), isolation_level=None)
    before = other.execute("PRAGMA data_version").fetchone()[0], store.conn.total_changes
    journal = SqliteJournal.beside(db)
    journal.append([entry(n) for n in range(50)])
    assert (other.execute("PRAGMA data_version").fetchone()[0], store.conn.total_changes) == before
    assert "journal" not in {t for (t,) in store.conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert len(SqliteJournal.beside(db).query(limit=100)) == 50  # another connection (a worker) reads them
    journal.close()
    other.close()
    store.close()


def test_a_failed_batch_leaves_nothing_half_written(tmp_path):
    journal = SqliteJournal.beside(tmp_path / "sim.sqlite3")
    with pytest.raises(sqlite3.IntegrityError):  # NOT NULL: the whole batch is refused
        journal.append([entry(0), entry(1)._replace(at=None)])
    assert journal.query() == []
    journal.append([entry(2)])
    assert len(journal.query()) == 1
