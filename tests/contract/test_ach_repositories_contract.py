"""One contract per port, run against every store (memory, SQLite; later others): add a store to STORES and
every test runs on it.

ACH's repository (ports/ach_store.py PseRepository: PSE transactions, registered payers, the pages' secret) and
the simulator's inbox (ports/notifications.py Inbox).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from domain.ach.banks import TEST_BANK_CODE, find_bank
from domain.ach.transaction import AchEntity, BankConfirmation, CreateRequest, PseTransaction
from domain.shared.money import Money
from domain.shared.payment_states import PseState
from tests.conftest import T0
from tests.unit.simulator.test_pse_use_cases import FORM, NIT

ENTITY = AchEntity(NIT, "BANCO COOPERATIVO COOPCENTRAL", "2701")


def transaction(cus: str = "1468001", token: str = "tok-1", at=T0, amount: str = "10505011.50") -> PseTransaction:
    """A PENDING transaction as ACH creates it (createTransactionPayment at `at`)."""
    request = CreateRequest(
        bank_code=TEST_BANK_CODE, entity_code=NIT, service_code="2701", amount=Money.of(amount),
        vat=Money.of("1677222.62"), ticket_id="18092100031", entity_url="http://127.0.0.1:8000/t_demo/pago.asp",
        user_type="0", references=("1033370434", "", "127.0.0.1"), solicit_date=at, description="Pago de prueba",
        suggested_email="ana@example.com",
    )
    return PseTransaction.create(request, ENTITY, find_bank(TEST_BANK_CODE), cus, token, at)


def confirmed(t: PseTransaction, at) -> PseTransaction:
    """The bank confirmed it OK, the merchant read it twice and finalized it."""
    answer = t.confirm(BankConfirmation(t.cus, t.bank_code, t.entity_code, t.amount, t.vat, t.ticket_id,
                                        t.solicit_date, at, PseState.OK, "52031001"), at)
    assert answer.name == "SUCCESS"
    t.payer_email = "ana@example.com"
    t.read_by(NIT)
    t.read_by(NIT)
    assert t.finalize(NIT).name == "SUCCESS"
    return t


def payer(email: str = "ana@example.com", **changes):
    """The registration FORM's payer (tests/unit/simulator/test_pse_use_cases.py), kept under `email`."""
    return replace(FORM.to_payer("0123456789abcdef", T0), email=email, **changes)


# -- PSE transactions -------------------------------------------------------------------------------------

def test_a_transaction_is_read_back_by_its_cus_with_every_field_and_its_history(store):
    created = transaction()
    store.pse.add_transaction(created)
    loaded = store.pse.get_transaction("1468001")
    assert loaded == created
    assert loaded.amount == Money.of("10505011.50") and loaded.references == ("1033370434", "", "127.0.0.1")
    assert [(c.state, c.at) for c in loaded.history] == [(PseState.PENDING, T0)]
    assert store.pse.get_transaction("1468999") is None


def test_a_transaction_is_found_by_the_token_of_its_bank_url(store):
    store.pse.add_transaction(transaction("1468001", "tok-1"))
    store.pse.add_transaction(transaction("1468002", "tok-2"))
    assert store.pse.find_by_token("tok-2").cus == "1468002"
    assert store.pse.find_by_token("tok-3") is None
    assert store.pse.find_by_token("TOK-1") is None  # the token is compared exactly


def test_saving_a_transaction_keeps_its_confirmation_counters_and_history(store):
    store.pse.add_transaction(transaction())
    changed = confirmed(store.pse.get_transaction("1468001"), T0 + timedelta(minutes=2))
    store.pse.save_transaction(changed)
    loaded = store.pse.find_by_token("tok-1")
    assert loaded == changed
    assert (loaded.state, loaded.finalized, loaded.information_calls, loaded.finalize_calls) == (
        PseState.OK, True, 2, 1)
    assert loaded.authorization_id == "52031001" and loaded.bank_process_date == T0 + timedelta(minutes=2)
    assert [c.state for c in loaded.history] == [PseState.PENDING, PseState.OK]


def test_a_transaction_read_back_is_a_copy_changes_are_kept_only_by_save(store):
    store.pse.add_transaction(transaction())
    loaded = store.pse.get_transaction("1468001")
    loaded.hold_for_monitor(PseState.OK)
    loaded.information_calls = 7
    assert store.pse.get_transaction("1468001") == transaction()


@pytest.mark.parametrize(("cus", "token"), [("1468001", "tok-2"), ("1468002", "tok-1")], ids=["same-cus", "same-token"])
def test_a_second_transaction_with_a_cus_or_token_in_use_is_refused_and_the_first_is_kept(store, cus, token):
    store.pse.add_transaction(transaction("1468001", "tok-1"))
    with pytest.raises(Exception) as refused:  # memory: ValueError, SQLite: sqlite3.IntegrityError
        store.pse.add_transaction(transaction(cus, token, amount="1000"))
    assert not isinstance(refused.value, AssertionError)
    assert store.pse.list_transactions() == [transaction("1468001", "tok-1")]


def test_transactions_are_listed_newest_first_and_at_most_the_limit(store):
    for n in (2, 1, 3):  # added out of order: the creation time decides
        store.pse.add_transaction(transaction(f"146800{n}", f"tok-{n}", at=T0 + timedelta(minutes=n)))
    assert [t.cus for t in store.pse.list_transactions()] == ["1468003", "1468002", "1468001"]
    assert [t.cus for t in store.pse.list_transactions(limit=2)] == ["1468003", "1468002"]
    assert store.pse.list_transactions(limit=1) == [transaction("1468003", "tok-3", at=T0 + timedelta(minutes=3))]


def test_transactions_created_in_the_same_instant_are_listed_last_added_first(store):
    for n in (1, 2, 3):
        store.pse.add_transaction(transaction(f"146800{n}", f"tok-{n}"))
    assert [t.cus for t in store.pse.list_transactions()] == ["1468003", "1468002", "1468001"]


def test_saving_a_transaction_does_not_move_it_in_the_list(store):
    for n in (1, 2, 3):
        store.pse.add_transaction(transaction(f"146800{n}", f"tok-{n}"))
    before = [t.cus for t in store.pse.list_transactions()]
    oldest = store.pse.get_transaction("1468001")
    oldest.information_calls += 1
    store.pse.save_transaction(oldest)
    assert [t.cus for t in store.pse.list_transactions()] == before


def test_transactions_are_listed_in_pages_from_a_start_key_without_losing_or_repeating_one(store):
    for n in range(1, 6):
        store.pse.add_transaction(transaction(f"146800{n}", f"tok-{n}", at=T0 + timedelta(minutes=n % 3)))
    every = [t.cus for t in store.pse.list_transactions()]
    first = store.pse.list_transactions(limit=3)
    rest = store.pse.list_transactions(limit=10, start=(first[-1].created_at.isoformat(), first[-1].cus))
    assert [t.cus for t in first] + [t.cus for t in rest[1:]] == every and rest[0].cus == first[-1].cus


# -- registered payers ------------------------------------------------------------------------------------

def test_a_payer_is_read_back_by_email_in_any_case_and_keeps_the_answer_hash(store):
    registered = payer("Ana.Gomez@Example.com")
    store.pse.save_payer(registered)
    for typed in ("Ana.Gomez@Example.com", "ana.gomez@example.com", "ANA.GOMEZ@EXAMPLE.COM", " ana.gomez@example.com "):
        assert store.pse.get_payer(typed) == registered, typed
    loaded = store.pse.get_payer("ana.gomez@example.com")
    assert loaded.answers("firulais") and not loaded.answers("otra")
    assert loaded.document.number == "E12345" and loaded.full_name == "Ana Gómez"
    assert store.pse.get_payer("otra@example.com") is None


def test_a_payer_with_a_non_ascii_email_is_found_in_any_case(store):
    registered = payer("JOSÉ.NÚÑEZ@example.com")
    store.pse.save_payer(registered)
    assert store.pse.get_payer("josé.núñez@example.com") == registered
    store.pse.delete_payer("josé.núñez@EXAMPLE.com")
    assert store.pse.get_payer("JOSÉ.NÚÑEZ@example.com") is None


def test_saving_a_payer_again_replaces_the_registration_of_that_email_in_any_case(store):
    store.pse.save_payer(payer("ana@example.com"))
    updated = payer("ANA@example.com", mobile="3109998877", updated_at=T0 + timedelta(days=1))
    store.pse.save_payer(updated)
    assert store.pse.get_payer("ana@example.com") == updated
    store.pse.delete_payer("ana@example.com")
    assert store.pse.get_payer("ANA@example.com") is None  # one registration, not two


def test_deleting_a_payer_in_any_case_forgets_only_that_payer(store):
    store.pse.save_payer(payer("ana@example.com"))
    store.pse.save_payer(payer("luis@example.com", first_names="Luis"))
    store.pse.delete_payer(" ANA@Example.COM ")
    store.pse.delete_payer("nadie@example.com")  # unknown: harmless
    assert store.pse.get_payer("ana@example.com") is None
    assert store.pse.get_payer("luis@example.com").first_names == "Luis"


def test_the_pages_secret_is_the_first_candidate_ever_offered(store):
    assert store.pse.page_secret("uno") == "uno"
    assert store.pse.page_secret("dos") == "uno"
    with store.transaction():
        assert store.pse.page_secret("tres") == "uno"


def test_a_pages_secret_chosen_in_a_failed_unit_of_work_is_not_kept(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            assert store.pse.page_secret("perdido") == "perdido"
            raise RuntimeError("boom")
    assert store.pse.page_secret("dos") == "dos"


# -- the inbox ----------------------------------------------------------------------------------------------

def test_a_kept_message_comes_back_with_its_fields_and_an_id(store):
    sent = store.notifications.add("email", " ana@example.com ", "PSE - Confirmación de su registro", "Hola Ana",
                                   T0)
    assert (sent.channel, sent.to, sent.subject, sent.body, sent.sent_at) == (
        "email", "ana@example.com", "PSE - Confirmación de su registro", "Hola Ana", T0)
    assert store.notifications.recent() == [sent]
    assert store.notifications.messages_for("ana@example.com") == [sent]


def test_messages_get_distinct_growing_ids(store):
    ids = [store.notifications.add("sms", "3107126048", "Código", str(n), T0).id for n in range(3)]
    assert ids == sorted(ids) and len(set(ids)) == 3


def test_messages_for_an_address_are_its_own_in_any_case_newest_first(store):
    store.notifications.add("email", "Ana@Example.com", "uno", "", T0)
    store.notifications.add("sms", "3107126048", "código", "", T0 + timedelta(seconds=1))
    store.notifications.add("email", "ana@example.com", "dos", "", T0 + timedelta(seconds=2))
    store.notifications.add("email", "ANA@EXAMPLE.COM", "tres", "", T0 + timedelta(seconds=3))
    assert [m.subject for m in store.notifications.messages_for("ana@EXAMPLE.com")] == ["tres", "dos", "uno"]
    assert [m.subject for m in store.notifications.messages_for(" ana@example.com ", limit=2)] == ["tres", "dos"]
    assert [m.subject for m in store.notifications.messages_for("3107126048")] == ["código"]
    assert store.notifications.messages_for("nadie@example.com") == []


def test_messages_to_a_non_ascii_address_are_found_in_any_case(store):
    store.notifications.add("email", "JOSÉ@example.com", "Hola", "", T0)
    assert [m.subject for m in store.notifications.messages_for("josé@example.com")] == ["Hola"]


def test_recent_messages_to_anyone_come_newest_first_and_at_most_the_limit(store):
    for n in range(4):
        store.notifications.add("email", f"p{n}@example.com", f"m{n}", "", T0 + timedelta(seconds=n))
    assert [m.subject for m in store.notifications.recent()] == ["m3", "m2", "m1", "m0"]
    assert [m.subject for m in store.notifications.recent(limit=2)] == ["m3", "m2"]


def test_messages_continue_below_an_id_for_the_next_page(store):
    ids = [store.notifications.add("email", "ana@example.com", str(n), "", T0).id for n in range(4)]
    store.notifications.add("sms", "3107126048", "otro", "", T0)
    assert [m.subject for m in store.notifications.recent(2, before=ids[3])] == ["2", "1"]
    assert [m.subject for m in store.notifications.messages_for("ana@example.com", 10, before=ids[1])] == ["0"]
