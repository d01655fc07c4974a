"""One contract per port, run against every store (memory, SQLite; later others): add a store to STORES and
every test runs on it.

The gateway's repositories (ports/gateway_store.py): payments, merchants, card tokens, scheduled outcomes.
"""
from __future__ import annotations

import dataclasses
from dataclasses import replace
from datetime import timedelta

import pytest

from domain.gateway.card_outcomes import CardOutcome
from domain.gateway.card_token import CardToken
from domain.gateway.cards import CardBrand, CardExpiry
from domain.gateway.payment import Attempt, Payment, StateChange
from domain.gateway.usecases.tokens import tokenize_card
from domain.shared.gateway_records import CardTrace, PseTrace
from domain.shared.money import Money
from domain.shared.payment_states import PaymentMethod, PaymentState
from simulator.zonapagos.seed import DEMO_MERCHANT_ID, demo_merchant
from tests.conftest import T0
from tests.unit.simulator.test_gateway_use_cases import COMMAND
from tests.unit.simulator.test_token_use_cases import TOKENIZE, VISA_OK

MERCHANT = demo_merchant("0123456789012345")
OTHER_MERCHANT = replace(MERCHANT, id=1002, name="OTRO COMERCIO", route="t_otro")


def with_merchants(store) -> None:
    """Payments and tokens belong to a merchant the store knows (SQLite enforces it with a foreign key)."""
    with store.transaction():
        store.merchants.add(MERCHANT)
        store.merchants.add(OTHER_MERCHANT)


def attempt(number: int, at=T0) -> Attempt:
    """A fresh attempt, as a start records it: pending to start, with that first change in its history."""
    return Attempt(number=number, started_at=at, history=[StateChange(PaymentState.PENDING_START, at, "inicio_pagoV2")])


def payment(identifier: int, reference: str = "R-1", merchant_id: int = DEMO_MERCHANT_ID, at=T0,
            attempts: list[Attempt] | None = None) -> Payment:
    """A payment started with COMMAND's data; its attempt numbers are unique across payments, as the domain
    draws them from the store's one `attempt` sequence."""
    return Payment(
        identifier=identifier, merchant_id=merchant_id, reference=reference, total=Money.of("10505011.50"),
        vat=Money.of("1677222.62"), description=COMMAND.description, payer=COMMAND.payer,
        optional_fields=("uno", "", "tres"), service_code=COMMAND.service_code, created_at=at,
        attempts=[attempt(identifier * 10, at)] if attempts is None else attempts,
    )


def a_paid_payment(identifier: int = 42750001) -> Payment:
    """A payment whose PSE attempt was rejected and whose card attempt was approved, each with its trace."""
    paid = payment(identifier)
    first = paid.attempts[0]
    first.method = PaymentMethod.PSE
    first.pse = PseTrace("18092100031", "2701", "1022", "BANCO UNION COLOMBIANO", "1468001", "4")
    first.move_to(PaymentState.PENDING_FINISH, T0 + timedelta(minutes=1), "el pagador fue al banco")
    first.move_to(PaymentState.REJECTED, T0 + timedelta(minutes=2), "rechazada por el banco")
    second = attempt(identifier * 10 + 1, T0 + timedelta(minutes=3))
    second.method = PaymentMethod.CARD
    second.card = CardTrace("18092100032", "1111", "VISA", "123456", "000001")
    second.move_to(PaymentState.APPROVED, T0 + timedelta(minutes=4), "aprobada por el emisor")
    paid.attempts.append(second)
    paid.verifications = 2
    return paid


def token(value: str = "1842154537000000001169", merchant_id: int = DEMO_MERCHANT_ID,
          initial_payment_number: int | None = 3701, issuer_outcome: CardOutcome | None = None) -> CardToken:
    return CardToken(value=value, merchant_id=merchant_id, customer_id="C-77", last_four="1111",
                     brand=CardBrand.from_zonapagos(1), expiry=CardExpiry.parse("122030"), created_at=T0,
                     initial_payment_number=initial_payment_number, issuer_outcome=issuer_outcome)


# -- payments ---------------------------------------------------------------------------------------------

def test_a_payment_is_read_back_by_identifier_with_its_attempts_traces_and_history(store):
    with_merchants(store)
    paid = a_paid_payment()
    with store.transaction():
        store.payments.add(paid)
    assert store.payments.get(paid.identifier) == paid
    loaded = store.payments.get(paid.identifier)
    assert [a.state for a in loaded.attempts] == [PaymentState.REJECTED, PaymentState.APPROVED]
    assert [(c.state, c.reason) for c in loaded.attempts[0].history] == [
        (PaymentState.PENDING_START, "inicio_pagoV2"), (PaymentState.PENDING_FINISH, "el pagador fue al banco"),
        (PaymentState.REJECTED, "rechazada por el banco")]
    assert loaded.total == Money.of("10505011.50") and loaded.vat == Money.of("1677222.62")


def test_an_unknown_payment_is_none(store):
    assert store.payments.get(42750001) is None
    assert store.payments.find_by_reference(DEMO_MERCHANT_ID, "R-1") is None


def test_a_payment_is_found_by_its_merchant_and_reference_only(store):
    with_merchants(store)
    store.payments.add(payment(1, "R-1"))
    store.payments.add(payment(2, "R-1", merchant_id=OTHER_MERCHANT.id))
    assert store.payments.find_by_reference(DEMO_MERCHANT_ID, "R-1").identifier == 1
    assert store.payments.find_by_reference(OTHER_MERCHANT.id, "R-1").identifier == 2
    assert store.payments.find_by_reference(DEMO_MERCHANT_ID, "R-2") is None
    assert store.payments.find_by_reference(DEMO_MERCHANT_ID, "r-1") is None  # id_pago is compared exactly


def test_a_payment_without_attempts_is_found_by_its_reference_as_by_its_identifier(store):
    with_merchants(store)
    store.payments.add(payment(1, "R-1", attempts=[]))
    assert store.payments.get(1) is not None
    found = store.payments.find_by_reference(DEMO_MERCHANT_ID, "R-1")
    assert found is not None and found.identifier == 1 and found.attempts == []


def test_a_second_payment_with_the_same_reference_is_refused_and_the_first_is_kept(store):
    with_merchants(store)
    store.payments.add(payment(1, "R-1"))
    # memory raises ValueError, SQLite sqlite3.IntegrityError: Exception is all they share
    with pytest.raises(Exception) as refused:
        store.payments.add(payment(2, "R-1", at=T0 + timedelta(seconds=1)))
    assert not isinstance(refused.value, AssertionError)
    assert store.payments.get(2) is None
    assert store.payments.find_by_reference(DEMO_MERCHANT_ID, "R-1") == payment(1, "R-1")


def test_saving_a_payment_keeps_its_new_attempt_state_changes_and_verifications(store):
    with_merchants(store)
    started = payment(1, "R-1")
    store.payments.add(started)
    changed = store.payments.get(1)
    changed.current_attempt.move_to(PaymentState.REJECTED, T0 + timedelta(minutes=1), "rechazada")
    second = attempt(11, T0 + timedelta(minutes=2))
    second.method = PaymentMethod.CARD
    second.card = CardTrace("t", "4242", "VISA", "", "")
    changed.attempts.append(second)
    changed.verifications = 3
    store.payments.save(changed)
    loaded = store.payments.get(1)
    assert loaded == changed
    assert [a.number for a in loaded.attempts] == [10, 11]
    assert [c.state for c in loaded.attempts[0].history] == [PaymentState.PENDING_START, PaymentState.REJECTED]
    assert store.payments.find_by_reference(DEMO_MERCHANT_ID, "R-1").verifications == 3


def test_a_payment_read_back_is_a_copy_changes_are_kept_only_by_save(store):
    with_merchants(store)
    store.payments.add(payment(1, "R-1"))
    loaded = store.payments.get(1)
    loaded.current_attempt.move_to(PaymentState.APPROVED, T0, "")
    loaded.verifications = 9
    assert store.payments.get(1) == payment(1, "R-1")


def test_adding_a_payment_never_changes_another_payment(store):
    with_merchants(store)
    store.payments.add(payment(1, "R-1", attempts=[attempt(5)]))
    try:
        store.payments.add(payment(2, "R-2", attempts=[attempt(5)]))
    except Exception:  # refusing the second payment would also keep the first one whole
        pass
    assert store.payments.get(1) == payment(1, "R-1", attempts=[attempt(5)])
    second = store.payments.get(2)
    assert second is None or second == payment(2, "R-2", attempts=[attempt(5)])


def test_recent_payments_come_newest_first_and_at_most_the_limit(store):
    with_merchants(store)
    for n in range(1, 5):
        store.payments.add(payment(42750000 + n, f"R-{n}", at=T0 + timedelta(minutes=n)))
    assert [p.reference for p in store.payments.list_recent()] == ["R-4", "R-3", "R-2", "R-1"]
    assert [p.reference for p in store.payments.list_recent(limit=2)] == ["R-4", "R-3"]
    assert store.payments.list_recent(limit=2)[0] == payment(42750004, "R-4", at=T0 + timedelta(minutes=4))


def test_there_are_no_recent_payments_in_an_empty_store(store):
    assert store.payments.list_recent() == []


# -- merchants --------------------------------------------------------------------------------------------

def test_a_merchant_is_read_back_with_its_settings_and_password_hashes(store):
    special = replace(OTHER_MERCHANT, compact_separators=True, enabled=False, support_phone="(601) 555 0199",
                      support_email="ayuda@otro.test")
    store.merchants.add(special)
    loaded = store.merchants.get(special.id)
    assert loaded == special
    assert loaded.accepts_verify_credentials("usuario-v4", "clave-v4") is False  # disabled
    assert replace(loaded, enabled=True).accepts_verify_credentials("usuario-v4", "clave-v4")
    assert store.merchants.get(9999) is None


def test_merchants_are_listed_by_id(store):
    store.merchants.add(OTHER_MERCHANT)
    store.merchants.add(MERCHANT)
    assert store.merchants.list() == [MERCHANT, OTHER_MERCHANT]


def test_adding_a_merchant_again_replaces_its_settings(store):
    with_merchants(store)
    store.payments.add(payment(1, "R-1"))  # a merchant with payments may still change its settings
    store.merchants.add(replace(MERCHANT, enabled=False, return_url="https://comercio.test/vuelta"))
    assert store.merchants.get(MERCHANT.id).return_url == "https://comercio.test/vuelta"
    assert store.merchants.get(MERCHANT.id).enabled is False
    assert len(store.merchants.list()) == 2
    assert store.payments.get(1) == payment(1, "R-1")


def test_a_merchant_added_in_a_failed_unit_of_work_is_not_found_after_it(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.merchants.add(OTHER_MERCHANT)
            assert store.merchants.get(OTHER_MERCHANT.id) == OTHER_MERCHANT  # reads its own write
            raise RuntimeError("boom")
    assert store.merchants.list() == []
    assert store.merchants.get(OTHER_MERCHANT.id) is None


# -- card tokens ------------------------------------------------------------------------------------------

def test_a_token_is_read_back_by_value_whichever_merchant_owns_it(store):
    with_merchants(store)
    mine = token(issuer_outcome=CardOutcome.INSUFFICIENT_FUNDS)
    theirs = token("9999999999000000000001", merchant_id=OTHER_MERCHANT.id, initial_payment_number=None)
    store.tokens.add(mine)
    store.tokens.add(theirs)
    assert store.tokens.get(mine.value) == mine
    assert store.tokens.get(theirs.value) == theirs
    assert store.tokens.get("0000000000000000000000") is None


def test_a_token_is_found_by_its_merchant_and_the_no_pago_of_its_first_charge(store):
    with_merchants(store)
    first = token(initial_payment_number=3701)
    without_charge = token("1842154537000000001170", initial_payment_number=None)
    store.tokens.add(first)
    store.tokens.add(without_charge)
    assert store.tokens.find_by_initial_payment(DEMO_MERCHANT_ID, 3701) == first
    assert store.tokens.find_by_initial_payment(OTHER_MERCHANT.id, 3701) is None
    assert store.tokens.find_by_initial_payment(DEMO_MERCHANT_ID, 3702) is None


def test_a_second_token_with_the_same_value_is_refused_and_the_first_is_kept(store):
    with_merchants(store)
    store.tokens.add(token())
    with pytest.raises(Exception) as refused:  # memory: ValueError, SQLite: sqlite3.IntegrityError
        store.tokens.add(token(merchant_id=OTHER_MERCHANT.id, initial_payment_number=None))
    assert not isinstance(refused.value, AssertionError)
    assert store.tokens.get(token().value) == token()


def test_two_tokens_for_one_first_charge_of_a_merchant_are_refused(store):
    with_merchants(store)
    store.tokens.add(token())
    with pytest.raises(Exception) as refused:  # memory: ValueError, SQLite: sqlite3.IntegrityError
        store.tokens.add(token("1842154537000000001171", initial_payment_number=3701))
    assert not isinstance(refused.value, AssertionError)
    assert store.tokens.get("1842154537000000001171") is None
    assert store.tokens.find_by_initial_payment(DEMO_MERCHANT_ID, 3701) == token()


def test_tokenizing_a_card_keeps_its_last_four_digits_and_never_its_number_or_cvv(store, store_kind, clock):
    store.merchants.add(MERCHANT)  # the merchant TOKENIZE authenticates against (usuario-v4 / clave-v4)
    result = tokenize_card(TOKENIZE, store, clock)
    loaded = store.tokens.get(result.token.value)
    assert loaded == result.token and loaded.last_four == VISA_OK[-4:]
    assert store.tokens.find_by_initial_payment(DEMO_MERCHANT_ID, result.charge.attempt.number) == loaded
    assert not {"number", "card_number", "cvv", "security_code"} & {f.name for f in dataclasses.fields(CardToken)}
    kept = store_kind.kept(store)
    assert result.token.value.encode() in kept  # the dump does hold what the store keeps...
    assert VISA_OK.encode() not in kept and VISA_OK[:12].encode() not in kept  # ...and no card number


# -- scheduled outcomes -----------------------------------------------------------------------------------

def test_a_scheduled_outcome_is_taken_once(store):
    store.scheduled_outcomes.schedule(DEMO_MERCHANT_ID, PaymentState.REJECTED, PaymentMethod.PSE)
    assert store.scheduled_outcomes.take(DEMO_MERCHANT_ID) == (PaymentState.REJECTED, PaymentMethod.PSE)
    assert store.scheduled_outcomes.take(DEMO_MERCHANT_ID) is None


def test_an_outcome_without_method_is_taken_with_none(store):
    store.scheduled_outcomes.schedule(DEMO_MERCHANT_ID, PaymentState.APPROVED, None)
    assert store.scheduled_outcomes.take(DEMO_MERCHANT_ID) == (PaymentState.APPROVED, None)


def test_outcomes_are_per_merchant_and_nothing_is_taken_when_nothing_was_scheduled(store):
    assert store.scheduled_outcomes.take(DEMO_MERCHANT_ID) is None
    store.scheduled_outcomes.schedule(OTHER_MERCHANT.id, PaymentState.DECLINED, PaymentMethod.CARD)
    assert store.scheduled_outcomes.take(DEMO_MERCHANT_ID) is None
    assert store.scheduled_outcomes.take(OTHER_MERCHANT.id) == (PaymentState.DECLINED, PaymentMethod.CARD)


def test_scheduling_again_replaces_the_merchants_outcome(store):
    store.scheduled_outcomes.schedule(DEMO_MERCHANT_ID, PaymentState.REJECTED, PaymentMethod.PSE)
    store.scheduled_outcomes.schedule(DEMO_MERCHANT_ID, PaymentState.PENDING_FINISH, PaymentMethod.PSE)
    assert store.scheduled_outcomes.take(DEMO_MERCHANT_ID) == (PaymentState.PENDING_FINISH, PaymentMethod.PSE)
    assert store.scheduled_outcomes.take(DEMO_MERCHANT_ID) is None


def test_cancelling_says_whether_there_was_an_outcome_and_removes_it(store):
    store.scheduled_outcomes.schedule(DEMO_MERCHANT_ID, PaymentState.APPROVED, None)
    assert store.scheduled_outcomes.cancel(DEMO_MERCHANT_ID) is True
    assert store.scheduled_outcomes.cancel(DEMO_MERCHANT_ID) is False
    assert store.scheduled_outcomes.take(DEMO_MERCHANT_ID) is None


def test_an_outcome_taken_in_a_failed_unit_of_work_is_still_there_to_take(store):
    store.scheduled_outcomes.schedule(DEMO_MERCHANT_ID, PaymentState.APPROVED, PaymentMethod.PSE)
    with pytest.raises(RuntimeError):
        with store.transaction():
            assert store.scheduled_outcomes.take(DEMO_MERCHANT_ID) == (PaymentState.APPROVED, PaymentMethod.PSE)
            raise RuntimeError("boom")
    assert store.scheduled_outcomes.take(DEMO_MERCHANT_ID) == (PaymentState.APPROVED, PaymentMethod.PSE)


def test_an_outcome_cancelled_in_a_failed_unit_of_work_is_still_there_to_take(store):
    store.scheduled_outcomes.schedule(DEMO_MERCHANT_ID, PaymentState.APPROVED, PaymentMethod.PSE)
    with pytest.raises(RuntimeError):
        with store.transaction():
            assert store.scheduled_outcomes.cancel(DEMO_MERCHANT_ID) is True
            assert store.scheduled_outcomes.take(OTHER_MERCHANT.id) is None  # another merchant's start
            raise RuntimeError("boom")
    assert store.scheduled_outcomes.take(DEMO_MERCHANT_ID) == (PaymentState.APPROVED, PaymentMethod.PSE)


def test_a_rest_payment_is_read_back_with_its_page_settings(store):
    from domain.gateway.payment_settings import settings_from

    with_merchants(store)
    configuration = ((50, "2701"), (103, "1"), (104, "https://comercio.example/retorno"), (108, "1"), (100, "1"),
                     (501, "1"), (50101, "1"), (50102, "0195"), (50108, "1"), (999, "guardado"))
    rest = replace(payment(42750009, "R-REST"),
                   settings=settings_from(configuration, ((111, "a"), (112, "b")), "00" * 32, ("cuatro", "cinco")))
    rest.attempts[0].amount = Money.of("50000.50")  # a fraction of a split payment (code 100)
    with store.transaction():
        store.payments.add(rest)
    loaded = store.payments.get(rest.identifier)
    assert loaded == rest and loaded.settings.card_fee is not None and loaded.settings.split
    assert loaded.attempts[0].amount == Money.of("50000.50")
    assert store.payments.find_by_reference(DEMO_MERCHANT_ID, "R-REST").settings == rest.settings
    assert store.payments.get(rest.identifier).settings.value(999) == "guardado"


def test_recent_payments_continue_below_an_identifier_and_summaries_carry_the_current_state(store):
    with_merchants(store)
    for n in range(1, 5):
        store.payments.add(payment(42750000 + n, f"R-{n}", at=T0 + timedelta(minutes=n)))
    assert [p.reference for p in store.payments.list_recent(limit=2, before=42750004)] == ["R-3", "R-2"]
    summaries = store.payments.summaries(limit=3)
    assert [s.identifier for s in summaries] == [42750004, 42750003, 42750002]
    assert summaries[0].created_at == T0 + timedelta(minutes=4)
    assert {s.state for s in summaries} == {store.payments.get(42750004).current_attempt.state}
    assert store.payments.summaries(merchant_id=999999) == []
