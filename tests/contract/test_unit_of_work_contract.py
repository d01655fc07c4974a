"""One contract per port, run against every store (memory, SQLite; later others): add a store to STORES and
every test runs on it.

The unit of work every store offers (ports/unit_of_work.py: `transaction()` and the `ids` drawn inside it,
ports/ids.py IdGenerator): everything inside commits together or not at all, across every repository.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import pytest

from adapters.storage.sqlite import SEQUENCE_STARTS
from domain.network.member import NetworkDebit
from domain.shared.money import Money
from domain.shared.payment_states import PaymentMethod, PaymentState
from tests.conftest import T0
from tests.contract.test_ach_repositories_contract import payer, transaction
from tests.contract.test_gateway_repositories_contract import MERCHANT, OTHER_MERCHANT, payment, token, with_merchants
from tests.contract.test_network_repositories_contract import account, membership, visit, with_entities


@dataclass(frozen=True)
class Write:
    """One kind of write a unit of work may hold, and how to see whether the store kept it."""

    name: str
    write: Callable[[Any], Any]
    kept: Callable[[Any], bool]
    prepare: Callable[[Any], None] = lambda store: None  # committed before the unit of work


def _debit(store) -> None:
    store.coopcentral.add_debit(NetworkDebit("1468001", "5010047788", Money.of("150000"), T0, "52031001"))


def _prepare_network(store) -> None:
    with_entities(store)
    store.coopcentral.save_account(account())


WRITES = [
    Write("payment", lambda s: s.payments.add(payment(1, "R-1")),
          lambda s: s.payments.get(1) is not None or s.payments.find_by_reference(1001, "R-1") is not None,
          with_merchants),
    Write("saved-payment", lambda s: s.payments.save(_approved(s.payments.get(1))),
          lambda s: s.payments.get(1).current_attempt.state is PaymentState.APPROVED,
          lambda s: (with_merchants(s), s.payments.add(payment(1, "R-1")))),
    Write("merchant", lambda s: s.merchants.add(OTHER_MERCHANT), lambda s: OTHER_MERCHANT in s.merchants.list()),
    Write("token", lambda s: s.tokens.add(token()), lambda s: s.tokens.get(token().value) is not None,
          with_merchants),
    Write("scheduled-outcome", lambda s: s.scheduled_outcomes.schedule(1001, PaymentState.APPROVED, None),
          lambda s: s.scheduled_outcomes.cancel(1001)),
    Write("pse-transaction", lambda s: s.pse.add_transaction(transaction()),
          lambda s: s.pse.list_transactions() != [] or s.pse.find_by_token("tok-1") is not None),
    Write("payer", lambda s: s.pse.save_payer(payer()), lambda s: s.pse.get_payer("ana@example.com") is not None),
    Write("deleted-payer", lambda s: s.pse.delete_payer("ana@example.com"),
          lambda s: s.pse.get_payer("ana@example.com") is None, lambda s: s.pse.save_payer(payer())),
    Write("message", lambda s: s.notifications.add("sms", "3107126048", "Código", "123456", T0),
          lambda s: s.notifications.recent() != []),
    Write("network-membership", lambda s: s.coopcentral.save_membership(membership()),
          lambda s: s.coopcentral.memberships(membership().document) != [], with_entities),
    Write("network-debit", _debit, lambda s: s.coopcentral.debit_for("1468001") is not None, _prepare_network),
    Write("network-visit", lambda s: s.coopcentral.save_visit(visit()),
          lambda s: s.coopcentral.visit("v1") is not None),
    Write("id", lambda s: s.ids.next_number("payment"),
          lambda s: s.ids.next_number("payment") != SEQUENCE_STARTS["payment"]),
]


def _approved(p):
    p.current_attempt.move_to(PaymentState.APPROVED, T0, "aprobada")
    return p


@pytest.mark.parametrize("kind", WRITES, ids=[w.name for w in WRITES])
def test_a_failed_unit_of_work_leaves_no_trace_of_its_write(store, kind):
    kind.prepare(store)
    with pytest.raises(RuntimeError):
        with store.transaction():
            kind.write(store)
            raise RuntimeError("boom")
    assert not kind.kept(store)


@pytest.mark.parametrize("kind", WRITES, ids=[w.name for w in WRITES])
def test_a_committed_unit_of_work_keeps_its_write(store, kind):
    kind.prepare(store)
    with store.transaction():
        kind.write(store)
    assert kind.kept(store)


def test_a_failed_unit_of_work_leaves_no_payment_behind_and_the_reference_stays_free(store):
    with_merchants(store)
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.payments.add(payment(1, "R-1"))
            assert store.payments.find_by_reference(1001, "R-1") is not None  # visible inside the unit
            raise RuntimeError("boom")
    assert store.payments.get(1) is None and store.payments.list_recent() == []
    store.payments.add(payment(2, "R-1"))  # no duplicate: the failed payment is really gone
    assert store.payments.find_by_reference(1001, "R-1").identifier == 2


def test_a_failed_unit_of_work_undoes_every_repository_it_wrote_to_together(store):
    with_merchants(store)
    _prepare_network(store)
    with pytest.raises(RuntimeError):
        with store.transaction():
            number = store.ids.next_number("payment")
            store.payments.add(payment(number, "R-1"))
            store.tokens.add(token())
            store.scheduled_outcomes.schedule(1002, PaymentState.REJECTED, PaymentMethod.PSE)
            store.pse.add_transaction(transaction())
            store.notifications.add("email", "ana@example.com", "s", "b", T0)
            _debit(store)
            raise RuntimeError("boom")
    assert store.payments.list_recent() == [] and store.tokens.get(token().value) is None
    assert store.scheduled_outcomes.take(1002) is None and store.pse.list_transactions() == []
    assert store.notifications.recent() == [] and store.coopcentral.debit_for("1468001") is None
    assert store.ids.next_number("payment") == number  # the number drawn in the failed unit is drawn again


def test_the_writes_of_a_committed_unit_of_work_are_all_kept_and_the_exception_type_is_untouched(store):
    with_merchants(store)
    with store.transaction():
        store.payments.add(payment(1, "R-1"))
        store.pse.add_transaction(transaction())
    assert store.payments.get(1) == payment(1, "R-1") and store.pse.get_transaction("1468001") == transaction()
    with pytest.raises(KeyError):  # the unit re-raises what failed inside it
        with store.transaction():
            raise KeyError("x")


def test_nested_units_of_work_commit_with_the_outer_one(store):
    with_merchants(store)
    with store.transaction():
        store.payments.add(payment(1, "R-1"))
        with store.transaction():
            store.payments.add(payment(2, "R-2"))
        assert store.payments.get(2) is not None
    assert [p.identifier for p in store.payments.list_recent()] == [2, 1]


def test_a_failed_outer_unit_of_work_undoes_its_committed_inner_ones(store):
    with_merchants(store)
    with pytest.raises(RuntimeError):
        with store.transaction():
            with store.transaction():
                store.payments.add(payment(1, "R-1"))
            store.merchants.add(MERCHANT)
            raise RuntimeError("boom")
    assert store.payments.list_recent() == []


def test_a_failed_inner_unit_of_work_caught_by_the_outer_one_leaves_none_of_its_writes(store):
    with_merchants(store)
    with store.transaction():
        store.payments.add(payment(1, "R-1"))
        try:
            with store.transaction():
                store.payments.add(payment(2, "R-2"))
                raise RuntimeError("boom")
        except RuntimeError:
            pass
    assert store.payments.get(1) is not None
    assert store.payments.get(2) is None


def test_an_inner_unit_the_database_refused_leaves_the_outer_unit_able_to_commit(store):
    """PostgreSQL ends a whole transaction at a failed statement unless a savepoint takes it back."""
    with_merchants(store)
    store.payments.add(payment(1, "R-1"))
    with store.transaction():
        store.payments.add(payment(3, "R-3"))
        with pytest.raises(Exception) as refused:
            with store.transaction():
                store.payments.add(payment(2, "R-1"))  # the reference payment 1 has
        assert not isinstance(refused.value, AssertionError)
    assert store.payments.get(3) == payment(3, "R-3")
    assert store.payments.get(2) is None


def test_a_merchant_read_inside_a_failed_inner_unit_is_not_served_after_it(store):
    with store.transaction():
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.merchants.add(OTHER_MERCHANT)
                assert store.merchants.get(OTHER_MERCHANT.id) == OTHER_MERCHANT  # the cache holds it now
                raise RuntimeError("boom")
        assert store.merchants.get(OTHER_MERCHANT.id) is None
    assert store.merchants.list() == []


def test_writes_outside_any_unit_of_work_are_kept(store):
    with_merchants(store)
    store.payments.add(payment(1, "R-1"))
    with pytest.raises(RuntimeError):
        with store.transaction():
            raise RuntimeError("boom")
    assert store.payments.get(1) == payment(1, "R-1")


# -- ids ----------------------------------------------------------------------------------------------------

def test_each_sequence_grows_by_one_on_its_own(store):
    payments = [store.ids.next_number("payment") for _ in range(3)]
    cus = [store.ids.next_number("cus") for _ in range(2)]
    payments.append(store.ids.next_number("payment"))
    assert payments == [payments[0] + n for n in range(4)]
    assert cus == [cus[0], cus[0] + 1]


def test_a_known_sequence_starts_where_real_numbers_look_alike_and_a_new_one_at_1(store):
    for name, start in SEQUENCE_STARTS.items():
        assert store.ids.next_number(name) == start, name
    assert store.ids.next_number("nueva") == 1 and store.ids.next_number("nueva") == 2


def test_numbers_drawn_in_committed_units_of_work_are_never_drawn_again(store):
    drawn = []
    for _ in range(3):
        with store.transaction():
            drawn.append(store.ids.next_number("ticket"))
    drawn.append(store.ids.next_number("ticket"))
    assert len(set(drawn)) == 4 and drawn == sorted(drawn)


@pytest.mark.parametrize("length", [0, 1, 6, 16, 40])
def test_random_digits_are_that_many_decimal_digits(store, length):
    digits = store.ids.random_digits(length)
    assert len(digits) == length and all(c in "0123456789" for c in digits)


def test_random_digits_vary(store):
    assert len({store.ids.random_digits(12) for _ in range(5)}) > 1
