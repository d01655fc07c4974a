"""The SQLite store on a real file: durable, migrated, and the same behaviour as the memory store."""
from __future__ import annotations

import sqlite3
from dataclasses import replace
from decimal import Decimal

import pytest

from adapters.storage.sqlite import MIGRATIONS, SqliteStore
from domain.shared.money import Money
from domain.gateway.payment import Payment
from domain.shared.payment_states import PaymentState
from domain.gateway.usecases.force import force_outcome
from domain.gateway.usecases.start import start_payment
from simulator.zonapagos.seed import seed_demo_data
from tests.unit.simulator.test_gateway_use_cases import COMMAND


@pytest.fixture
def store(tmp_path):
    s = SqliteStore(tmp_path / "p.sqlite3")
    seed_demo_data(s)
    yield s
    s.close()


def test_the_file_is_in_wal_mode_with_every_migration_applied(store):
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    recorded = [row[0] for row in store.conn.execute("SELECT name FROM schema_migrations ORDER BY name")]
    assert recorded == [name for name, _ in MIGRATIONS]


def test_a_migration_added_between_shipped_ones_is_applied_once(tmp_path, monkeypatch):
    import adapters.storage.sqlite as sqlite_module

    path = tmp_path / "m.sqlite3"
    first, *rest = MIGRATIONS
    monkeypatch.setattr(sqlite_module, "MIGRATIONS", [first, ("m9999_late", "CREATE TABLE late (x INTEGER)")])
    SqliteStore(path).close()
    between = ("m0001z_between", "CREATE TABLE between_table (x INTEGER)")
    monkeypatch.setattr(sqlite_module, "MIGRATIONS", [first, between, ("m9999_late", "CREATE TABLE late (x INTEGER)")])
    store = SqliteStore(path)  # would fail ("table late already exists") if counted by position
    names = {row[0] for row in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"between_table", "late"} <= names
    store.close()


def test_a_file_from_a_newer_version_is_refused(tmp_path, monkeypatch):
    import adapters.storage.sqlite as sqlite_module

    path = tmp_path / "n.sqlite3"
    SqliteStore(path).close()
    monkeypatch.setattr(sqlite_module, "MIGRATIONS", MIGRATIONS[:1])
    with pytest.raises(RuntimeError, match="does not know"):
        SqliteStore(path)


def test_a_file_from_before_m0015_keeps_its_attempts_and_keys_them_by_payment(tmp_path, clock, monkeypatch):
    import adapters.storage.sqlite as sqlite_module

    path = tmp_path / "old.sqlite3"
    monkeypatch.setattr(sqlite_module, "MIGRATIONS", [m for m in MIGRATIONS if not m[0].startswith("m0015")])
    old = SqliteStore(path)
    seed_demo_data(old)
    started = start_payment(COMMAND, old, clock)
    force_outcome(started.identifier, PaymentState.APPROVED, old, clock)
    before = old.payments.get(started.identifier)
    old.close()
    monkeypatch.setattr(sqlite_module, "MIGRATIONS", MIGRATIONS)
    store = SqliteStore(path)
    try:
        assert store.payments.get(started.identifier) == before
        assert store.payments.find_by_reference(started.merchant_id, started.reference) == before
        key = sorted((row[5], row[1]) for row in store.conn.execute("PRAGMA table_info(attempts)") if row[5])
        assert key == [(1, "identifier"), (2, "number")]
    finally:
        store.close()


def test_a_file_from_before_m0016_finds_its_payers_and_messages_in_any_case(tmp_path, monkeypatch):
    import adapters.storage.sqlite as sqlite_module
    from adapters.storage.pse_records import PAYER_COLUMNS, payer_row
    from tests.contract.test_ach_repositories_contract import payer

    path = tmp_path / "old.sqlite3"
    monkeypatch.setattr(sqlite_module, "MIGRATIONS", [m for m in MIGRATIONS if not m[0].startswith("m0016")])
    old = SqliteStore(path)
    registered = payer("Ana.Gomez@example.com")
    old.conn.execute(f"INSERT INTO pse_payers ({', '.join(PAYER_COLUMNS)}) VALUES "
                     f"({', '.join('?' for _ in PAYER_COLUMNS)})", payer_row(registered))
    old.conn.execute("INSERT INTO notifications (channel, recipient, subject, body, sent_at) "
                     "VALUES ('email', 'Ana.Gomez@example.com', 'Hola', '', '2026-11-23T10:00:00')")
    old.close()
    monkeypatch.setattr(sqlite_module, "MIGRATIONS", MIGRATIONS)
    store = SqliteStore(path)
    try:
        assert store.pse.get_payer("ana.gomez@EXAMPLE.com") == registered
        assert [m.subject for m in store.notifications.messages_for("ANA.GOMEZ@example.com")] == ["Hola"]
    finally:
        store.close()


def test_a_payment_and_its_history_survive_reopening_the_file(store, clock, tmp_path):
    payment = start_payment(replace(COMMAND, total=Decimal("10505011.50")), store, clock)
    clock.advance(60)
    force_outcome(payment.identifier, PaymentState.APPROVED, store, clock)
    store.close()
    reopened = SqliteStore(tmp_path / "p.sqlite3")
    loaded = reopened.payments.get(payment.identifier)
    assert loaded.total.amount == Decimal("10505011.50")
    assert [c.state for c in loaded.current_attempt.history] == [PaymentState.PENDING_START, PaymentState.APPROVED]
    assert loaded.current_attempt.pse.bank_name == "BANCO UNION COLOMBIANO"
    assert loaded.payer == COMMAND.payer
    reopened.close()


def test_sequences_continue_after_reopening(store, clock, tmp_path):
    first = start_payment(COMMAND, store, clock)
    store.close()
    reopened = SqliteStore(tmp_path / "p.sqlite3")
    second = start_payment(replace(COMMAND, reference="R-2"), reopened, clock)
    assert second.identifier == first.identifier + 1
    reopened.close()


def test_a_failed_unit_of_work_leaves_nothing(store, clock):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.payments.add(Payment(
                identifier=1, merchant_id=1001, reference="X", total=Money.of("1"), vat=Money.zero(),
                description="d", payer=COMMAND.payer, optional_fields=("", "", ""), service_code="2701",
                created_at=clock.now(),
            ))
            raise RuntimeError("boom")
    assert store.payments.get(1) is None


def test_the_database_refuses_two_payments_with_one_reference(store, clock):
    start_payment(COMMAND, store, clock)
    conn = sqlite3.connect(store.path)
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO payments (identifier, merchant_id, reference, total, vat, description, "
                     "payer_document, payer_document_type, payer_first_names, payer_last_names, payer_phone, "
                     "payer_email, optional1, optional2, optional3, service_code, created_at) "
                     "SELECT identifier + 1000, merchant_id, reference, total, vat, description, payer_document, "
                     "payer_document_type, payer_first_names, payer_last_names, payer_phone, payer_email, "
                     "optional1, optional2, optional3, service_code, created_at FROM payments")
    conn.close()


def test_the_checkpointer_keeps_the_wal_small_and_a_clean_close_empties_it(tmp_path, clock):
    import time

    store = SqliteStore(tmp_path / "c.sqlite3")
    seed_demo_data(store)
    store.start_checkpointer(interval=0.05)
    for n in range(300):
        start_payment(replace(COMMAND, reference=f"R-{n}"), store, clock)
    time.sleep(0.3)
    wal = tmp_path / "c.sqlite3-wal"
    frames_in_wal = wal.stat().st_size // 4096
    store.close()
    assert frames_in_wal < 2000  # checkpointed while running (the WAL file is reused, not grown)
    assert not wal.exists() or wal.stat().st_size == 0
    reopened = SqliteStore(tmp_path / "c.sqlite3")
    assert reopened.payments.find_by_reference(1001, "R-299") is not None
    reopened.close()
