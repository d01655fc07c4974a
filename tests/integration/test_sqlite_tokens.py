"""Card tokens on a real SQLite file: they survive reopening, behave like the memory fake, keep no card."""
from __future__ import annotations

from dataclasses import replace

import pytest

from adapters.storage.memory import MemoryStore
from adapters.storage.sqlite import SqliteStore
from domain.gateway.card_outcomes import CardOutcome
from domain.gateway.usecases.tokens import charge_token, tokenize_card
from simulator.zonapagos.seed import seed_demo_data
from tests.unit.simulator.test_token_use_cases import TOKENIZE, TOKENIZE_ONLY, charge_command


@pytest.fixture
def store(tmp_path):
    s = SqliteStore(tmp_path / "p.sqlite3")
    seed_demo_data(s)
    yield s
    s.close()


def test_a_token_survives_reopening_the_file_and_is_charged_by_token_and_by_no_pago(store, clock, tmp_path):
    first = tokenize_card(TOKENIZE, store, clock)
    store.close()
    reopened = SqliteStore(tmp_path / "p.sqlite3")
    try:
        loaded = reopened.tokens.get(first.token.value)
        assert loaded == first.token
        assert reopened.tokens.find_by_initial_payment(1001, first.charge.attempt.number) == first.token
        assert reopened.tokens.find_by_initial_payment(1002, first.charge.attempt.number) is None
        assert charge_token(charge_command(first.token.value, 1), reopened, clock).payment.reference == "1"
        by_number = charge_command(str(first.charge.attempt.number), 2, identifier_type=2)
        assert charge_token(by_number, reopened, clock).attempt.card.last_four == "1111"
    finally:
        reopened.close()


def test_the_issuer_outcome_and_a_missing_first_charge_round_trip(store, clock):
    token = tokenize_card(replace(TOKENIZE_ONLY, card_number="4000000000009995"), store, clock).token
    loaded = store.tokens.get(token.value)
    assert loaded.issuer_outcome is CardOutcome.INSUFFICIENT_FUNDS and loaded.initial_payment_number is None


def test_sqlite_and_memory_stores_tokenize_alike(store, clock):
    memory = MemoryStore()
    seed_demo_data(memory)
    on_disk, in_memory = (tokenize_card(TOKENIZE, s, clock) for s in (store, memory))
    assert on_disk.charge.state == in_memory.charge.state
    assert (on_disk.token.last_four, on_disk.token.brand, on_disk.token.expiry) == (
        in_memory.token.last_four, in_memory.token.brand, in_memory.token.expiry)


def test_a_failed_unit_of_work_keeps_neither_token_nor_charge(store, clock, monkeypatch):
    def broken_add(token):
        raise RuntimeError("disco lleno")

    monkeypatch.setattr(store.tokens, "add", broken_add)
    with pytest.raises(RuntimeError):
        tokenize_card(TOKENIZE, store, clock)
    assert store.payments.find_by_reference(1001, TOKENIZE.reference) is None


def test_the_table_holds_no_card_number(store, clock):
    tokenize_card(TOKENIZE, store, clock)
    columns = [row[1] for row in store.conn.execute("PRAGMA table_info(card_tokens)")]
    assert not {"number", "card_number", "cvv", "security_code"} & set(columns)
    for row in store.conn.execute("SELECT * FROM card_tokens"):
        assert TOKENIZE.card_number not in " ".join(map(str, row))
