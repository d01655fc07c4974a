"""The verification read model on SQLite: written with every state change, due timers still settle on read,
and what it answers is what the full path (the domain objects) answers."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from adapters.storage.sqlite import SqliteStore
from domain.gateway.resolution import WorldTimeouts
from domain.gateway.usecases.force import force_outcome
from domain.gateway.usecases.start import start_payment
from domain.gateway.usecases.verify import Indeterminate, _attempts_of, verify_payment
from domain.gateway.verification_view import BANK_TIMER, REVIEW_TIMER
from domain.shared.payment_states import PaymentState
from simulator.zonapagos.res_pago import attempt_fields, encode_attempts
from simulator.zonapagos.seed import seed_demo_data
from tests.unit.simulator.test_gateway_use_cases import COMMAND

TIMEOUTS = WorldTimeouts()


@pytest.fixture
def store(tmp_path):
    store = SqliteStore(tmp_path / "views.sqlite3")
    seed_demo_data(store)
    yield store
    store.close()


def verify(store, clock, reference="R-1"):
    return verify_payment(1001, "usuario-v4", "clave-v4", reference, -1, store, clock, TIMEOUTS)


def full_path(store, clock, reference="R-1"):
    """The answer the domain objects give (the path before the read model), without writing anything."""
    payment = store.payments.find_by_reference(1001, reference)
    return encode_attempts([attempt_fields(payment, a) for a in payment.attempts], False), len(payment.attempts)


def test_a_start_writes_the_view_and_a_verify_answers_from_it(store, clock):
    start_payment(COMMAND, store, clock)
    view = store.payments.verification_view(1001, "R-1")
    assert view is not None and view.timer is None and not view.needs_full_path
    verification = verify(store, clock)
    assert verification.view == view and verification.payment is None
    assert (view.res_pago(False), view.count) == full_path(store, clock)


def test_a_state_change_rewrites_the_view_in_the_same_unit_of_work(store, clock):
    payment = start_payment(COMMAND, store, clock)
    force_outcome(payment.identifier, PaymentState.APPROVED, store, clock)
    view = store.payments.verification_view(1001, "R-1")
    assert "| 1 |" in view.padded and (view.padded, view.count) == full_path(store, clock)


def test_a_pse_debit_pending_at_ach_takes_the_full_path_until_it_settles(store, clock):
    start_payment(replace(COMMAND, total=Decimal("20000.03")), store, clock)  # ,03: 999 at ACH, approved after bank_time
    view = store.payments.verification_view(1001, "R-1")
    assert view.timer == BANK_TIMER and view.needs_full_path  # the gateway's sonda asks ACH on every verify
    assert verify(store, clock).view is None
    clock.advance((TIMEOUTS.bank_time + timedelta(seconds=1)).total_seconds())
    verification = verify(store, clock)
    assert verification.view is None and verification.attempts[0].state is PaymentState.APPROVED
    after = store.payments.verification_view(1001, "R-1")
    assert after.timer is None and not after.needs_full_path
    assert (after.padded, after.count) == full_path(store, clock) and verify(store, clock).view == after


def test_a_due_review_timer_still_settles_on_read(store, clock):
    start_payment(replace(COMMAND, total=Decimal("20000.07")), store, clock)  # ,07: card review pending (4001)
    view = store.payments.verification_view(1001, "R-1")
    assert view.timer == REVIEW_TIMER and view.settled_at(clock.now(), TIMEOUTS)
    assert verify(store, clock).view == view  # not due: the view answers, 4001
    clock.advance((TIMEOUTS.review_max - timedelta(seconds=1)).total_seconds())
    assert verify(store, clock).view == view
    clock.advance(2)
    assert not view.settled_at(clock.now(), TIMEOUTS)
    verification = verify(store, clock)
    assert verification.view is None and verification.attempts[0].state is PaymentState.REVIEW_REJECTED
    after = store.payments.verification_view(1001, "R-1")
    assert after.timer is None and (after.padded, after.count) == full_path(store, clock)


def test_the_06_first_verify_takes_the_full_path_and_then_the_view_answers(store, clock):
    start_payment(replace(COMMAND, total=Decimal("20000.06")), store, clock)
    assert store.payments.verification_view(1001, "R-1").needs_full_path
    with pytest.raises(Indeterminate):
        verify(store, clock)
    assert not store.payments.verification_view(1001, "R-1").needs_full_path
    assert verify(store, clock).view is not None


def test_one_attempt_and_the_legacy_verify_take_the_full_path(store, clock):
    payment = start_payment(COMMAND, store, clock)
    number = payment.attempts[0].number
    one = verify_payment(1001, "usuario-v4", "clave-v4", "R-1", number, store, clock, TIMEOUTS)
    assert one.view is None and [a.number for a in one.attempts] == [number]
    merchant = store.merchants.get(1001)
    assert _attempts_of(merchant, "R-1", -1, store, clock, TIMEOUTS).view is None  # use_view defaults to off


def test_a_file_from_before_the_read_model_is_filled_in_when_opened(tmp_path, clock):
    path = tmp_path / "old.sqlite3"
    store = SqliteStore(path)
    seed_demo_data(store)
    start_payment(COMMAND, store, clock)
    start_payment(replace(COMMAND, reference="R-2"), store, clock)
    store.conn.execute("UPDATE payments SET view_padded = NULL")
    store.close()
    reopened = SqliteStore(path)
    try:
        assert reopened.payments.verification_view(1001, "R-2") is not None
        assert (reopened.payments.verification_view(1001, "R-1").padded, 1) == full_path(reopened, clock)
    finally:
        reopened.close()


def test_the_view_s_pse_test_is_the_sonda_s():
    import inspect
    from domain.gateway import verification_view
    from domain.gateway.usecases import pse_sync
    body = lambda f: inspect.getsource(f).split('"""')[-1]  # noqa: E731  (the code after the docstring)
    assert body(verification_view.awaits_pse) == body(pse_sync.awaits_pse)
