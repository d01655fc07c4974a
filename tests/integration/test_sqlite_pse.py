"""ACH's data on a real SQLite file: transactions, registered payers, the inbox and the pages' secret
survive reopening the file, and a failed unit of work leaves nothing behind."""
from __future__ import annotations

from datetime import timedelta

import pytest

from adapters.storage.sqlite import SqliteStore
from domain.shared.money import Money
from domain.shared.payment_states import PseState
from simulator.control.notifications import StoredNotifier
from simulator.pse.network import AchNetwork
from domain.ach.usecases.payer_flow import BankAction, bank_decides, go_to_bank
from domain.ach.policy import AchPolicy
from domain.ach.usecases.registration import register
from simulator.pse.seed import DEMO_PAYER_EMAIL, DEMO_SECURITY_ANSWER, seed_pse_data
from simulator.zonapagos.seed import seed_demo_data
from tests.unit.simulator.test_pse_use_cases import FORM, request


@pytest.fixture
def path(tmp_path):
    return tmp_path / "p.sqlite3"


@pytest.fixture
def store(path):
    s = SqliteStore(path)
    seed_demo_data(s)
    seed_pse_data(s)
    yield s
    s.close()


def test_a_transaction_with_its_whole_life_survives_reopening(store, clock, path):
    ach = AchNetwork(store, clock, AchPolicy())
    answer = ach.create_transaction(request(clock, amount=Money.of("10505011.50"), vat=Money.of("1677222.62"),
                                            references=("a", "", "c"), payer_email="ana@example.com"))
    token = answer.bank_url.split("enc=")[1]
    go_to_bank(token, DEMO_PAYER_EMAIL, store, clock, AchPolicy())
    bank_decides(store.pse.get_transaction(answer.cus), BankAction.DEBUG_SONDA, store, clock, AchPolicy())
    clock.advance(8 * 60)
    assert ach.information("8902030889", answer.cus).state is PseState.OK
    assert ach.finalize("8902030889", answer.cus) == "SUCCESS"
    store.close()
    reopened = SqliteStore(path)
    t = reopened.pse.find_by_token(token)
    assert (t.cus, t.state, t.finalized, t.held_outcome) == (answer.cus, PseState.OK, True, PseState.OK)
    assert t.amount == Money.of("10505011.50") and t.vat == Money.of("1677222.62")
    assert t.references == ("a", "", "c") and t.payer_email == DEMO_PAYER_EMAIL
    assert t.suggested_email == "ana@example.com" and t.information_calls == 1 and t.finalize_calls == 1
    assert [c.state for c in t.history] == [PseState.PENDING, PseState.OK]
    assert t.created_at == clock.now() - timedelta(minutes=8)
    assert reopened.pse.list_transactions()[0].cus == answer.cus
    reopened.close()


def test_payers_are_found_by_email_in_any_case_and_keep_their_answer_hash(store, clock, path):
    register(FORM, store, clock, StoredNotifier(store, clock))
    store.close()
    reopened = SqliteStore(path)
    assert reopened.pse.get_payer("ANA@EXAMPLE.COM").document.number == "E12345"
    assert reopened.pse.get_payer(DEMO_PAYER_EMAIL).answers(DEMO_SECURITY_ANSWER)
    assert reopened.notifications.messages_for("Ana@Example.com")[0].subject == "PSE - Confirmación de su registro"
    reopened.pse.delete_payer("ana@example.com")
    assert reopened.pse.get_payer("ana@example.com") is None
    reopened.close()


def test_the_pages_secret_is_created_once_and_shared(store, path):
    with store.transaction():
        first = store.pse.page_secret("uno")
    with store.transaction():
        assert store.pse.page_secret("dos") == first == "uno"
    other = SqliteStore(path)  # another worker on the same file
    assert other.pse.page_secret("tres") == "uno"
    other.close()


def test_a_failed_unit_of_work_keeps_no_message_and_no_transaction(store, clock):
    ach = AchNetwork(store, clock, AchPolicy())
    with pytest.raises(RuntimeError):
        with store.transaction():
            StoredNotifier(store, clock).send("sms", "3107126048", "Código", "123456")
            ach.create_transaction(request(clock))
            raise RuntimeError("boom")
    assert store.notifications.recent() == [] and store.pse.list_transactions() == []
