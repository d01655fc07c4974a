"""One contract per port, run against every store (memory, SQLite; later others): add a store to STORES and
every test runs on it (here: RECAUDO_STORES in tests/contract/conftest.py).

The recaudo portal's own records (ports/recaudo_repository.py RecaudoSessions, PortalPayments) and the sonda's
lease (ports/sonda_lock.py SondaLock).
"""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest

from adapters.core_banking.seed import NICK, NICK_CREDIT_7626, NICK_SAVINGS_7756, NO_PRODUCTS, nick
from domain.recaudo.products import PaymentChoice
from domain.recaudo.session import RecaudoSession, SessionState
from domain.recaudo.sonda import StopReason
from domain.shared.money import Money
from domain.shared.payment_states import PaymentState
from tests.conftest import T0
from tests.contract.conftest import TODAY
from tests.integration.test_core_banking_sqlite import _payment as claimed_payment
from tests.unit.domain.conftest import FakeIds

LEASE = timedelta(minutes=2)


def session(session_id: str = "visit-1", at=T0) -> RecaudoSession:
    """Nick identified on the portal (step 3)."""
    associate, _balances = nick(TODAY)
    return RecaudoSession.identify(session_id, associate, at)


def chosen(s: RecaudoSession) -> RecaudoSession:
    """The session after the code was sent and verified and two products were chosen (steps 4–6)."""
    s.send_otp(FakeIds(["482913"]), T0)
    s.verify_otp("482913", T0 + timedelta(seconds=20))
    s.choose_products([(NICK_CREDIT_7626, PaymentChoice.minimum()),
                       (NICK_SAVINGS_7756, PaymentChoice.free(Money.of("50000")))])
    return s


def payment(reference: str, session_id: str = "s1", at=T0, associate=NICK):
    """A claimed payment (tests/integration/test_core_banking_sqlite.py's builder), of `associate`, at `at`."""
    return replace(claimed_payment(reference, session_id), created_at=at, associate=associate)


def started(p):
    p.mark_started("42750001", "http://gateway.test/t_demo/pago.asp?identificador=42750001")
    return p


def approved(p):
    started(p).record_attempt(1, PaymentState.APPROVED, 29, "1468001", "BANCO UNION COLOMBIANO")
    return p


# -- sessions -----------------------------------------------------------------------------------------------

def test_a_new_session_is_read_back_by_its_id(recaudo):
    new = session()
    recaudo.sessions.add(new)
    assert recaudo.sessions.get("visit-1") == new
    assert recaudo.sessions.get("visit-1").state is SessionState.IDENTIFIED
    assert recaudo.sessions.get("visit-2") is None


def test_a_second_session_with_an_id_in_use_is_refused_and_the_first_is_kept(recaudo):
    recaudo.sessions.add(session())
    with pytest.raises(Exception) as refused:  # memory: ValueError, SQLite: sqlite3.IntegrityError
        recaudo.sessions.add(chosen(session()))
    assert not isinstance(refused.value, AssertionError)
    assert recaudo.sessions.get("visit-1") == session()


def test_saving_a_session_keeps_its_code_hash_selection_and_state(recaudo):
    recaudo.sessions.add(session())
    changed = chosen(recaudo.sessions.get("visit-1"))
    recaudo.sessions.save(changed)
    loaded = recaudo.sessions.get("visit-1")
    assert loaded == changed
    assert loaded.state is SessionState.PRODUCTS_CHOSEN and loaded.total() == Money.of("51800")
    assert loaded.otp.code_hash.matches("482913")


def test_a_session_read_back_is_a_copy_changes_are_kept_only_by_save(recaudo):
    recaudo.sessions.add(session())
    chosen(recaudo.sessions.get("visit-1"))
    assert recaudo.sessions.get("visit-1") == session()


def test_a_step_saved_in_an_exclusive_unit_of_work_is_kept(recaudo):
    recaudo.sessions.add(session())
    with recaudo.sessions.exclusively():
        current = recaudo.sessions.get("visit-1")
        current.send_otp(FakeIds(["482913"]), T0)
        recaudo.sessions.save(current)
    assert recaudo.sessions.get("visit-1").state is SessionState.OTP_SENT


def test_a_failed_exclusive_unit_of_work_leaves_the_session_as_it_was(recaudo):
    recaudo.sessions.add(session())
    with pytest.raises(RuntimeError):
        with recaudo.sessions.exclusively():
            current = recaudo.sessions.get("visit-1")
            current.send_otp(FakeIds(["482913"]), T0)
            recaudo.sessions.save(current)
            raise RuntimeError("the OTP channel failed")
    assert recaudo.sessions.get("visit-1") == session()


def test_saving_a_session_that_was_never_added_does_not_create_it(recaudo):
    try:  # memory raises KeyError, SQLite updates nothing: either way there is no such session after it
        recaudo.sessions.save(session("ghost"))
    except KeyError:
        pass
    assert recaudo.sessions.get("ghost") is None


# -- portal payments ----------------------------------------------------------------------------------------

def test_references_are_unique_and_grow_from_10000025(recaudo):
    # issue 18: 8 digits with no leading zero, so the portal and the gateway (id_pago) write the same number
    assert [recaudo.payments.next_reference_number() for _ in range(3)] == [10000025, 10000026, 10000027]


def test_a_claimed_payment_is_read_back_by_its_reference_with_or_without_leading_zeros(recaudo):
    claimed = payment("00000025")
    assert recaudo.payments.claim(claimed) is True
    assert recaudo.payments.get("00000025") == claimed
    assert recaudo.payments.get("25") == claimed
    assert recaudo.payments.get("26") is None
    assert recaudo.payments.get("abc") is None


def test_a_reference_is_claimed_once_and_the_first_claim_is_kept(recaudo):
    assert recaudo.payments.claim(payment("00000025", "s1")) is True
    assert recaudo.payments.claim(payment("00000025", "s2")) is False  # a second click
    assert recaudo.payments.claim(payment("25", "s3")) is False  # the same number, written otherwise
    assert recaudo.payments.get("25").session_id == "s1"


def test_a_reference_that_is_not_digits_is_refused_with_value_error(recaudo):
    with pytest.raises(ValueError):
        recaudo.payments.claim(payment("A-25"))
    assert recaudo.payments.open_payments() == [] and recaudo.payments.of_associate(NICK) == []


def test_saving_a_payment_keeps_what_the_gateway_and_the_sonda_said(recaudo):
    recaudo.payments.claim(payment("00000025"))
    changed = approved(recaudo.payments.get("25"))
    changed.polled(T0 + timedelta(minutes=1))
    changed.stop(StopReason.FINAL_STATE)
    recaudo.payments.save(changed)
    loaded = recaudo.payments.get("00000025")
    assert loaded == changed
    assert (loaded.identifier, loaded.state, loaded.cus, loaded.polls) == ("42750001", PaymentState.APPROVED,
                                                                          "1468001", 1)


def test_a_released_payment_is_forgotten_and_its_reference_may_be_claimed_again(recaudo):
    recaudo.payments.claim(payment("00000025", "s1"))
    recaudo.payments.release("25")
    recaudo.payments.release("00000099")  # unknown: harmless
    assert recaudo.payments.get("00000025") is None
    assert recaudo.payments.claim(payment("00000025", "s2")) is True
    assert recaudo.payments.get("25").session_id == "s2"


def test_open_payments_are_the_started_unfinished_ones_oldest_first_and_at_most_the_limit(recaudo):
    for n, make in [(25, started), (26, lambda p: p), (27, started), (28, approved), (29, started)]:
        recaudo.payments.claim(payment(f"000000{n}", at=T0 + timedelta(minutes=n)))
        recaudo.payments.save(make(recaudo.payments.get(str(n))))
    assert [p.reference for p in recaudo.payments.open_payments()] == ["00000025", "00000027", "00000029"]
    assert [p.reference for p in recaudo.payments.open_payments(limit=2)] == ["00000025", "00000027"]
    stopped = recaudo.payments.get("27")
    stopped.stop(StopReason.NEEDS_MANUAL_REVIEW)
    recaudo.payments.save(stopped)
    assert [p.reference for p in recaudo.payments.open_payments()] == ["00000025", "00000029"]


def test_uncredited_payments_are_the_approved_ones_not_credited_yet_oldest_first(recaudo):
    for n, make in [(25, approved), (26, started), (27, approved), (28, approved)]:
        recaudo.payments.claim(payment(f"000000{n}", at=T0 + timedelta(minutes=n)))
        recaudo.payments.save(make(recaudo.payments.get(str(n))))
    assert [p.reference for p in recaudo.payments.uncredited()] == ["00000025", "00000027", "00000028"]
    assert [p.reference for p in recaudo.payments.uncredited(limit=1)] == ["00000025"]
    credited = recaudo.payments.get("25")
    credited.mark_credited(T0 + timedelta(hours=1))
    recaudo.payments.save(credited)
    assert [p.reference for p in recaudo.payments.uncredited()] == ["00000027", "00000028"]


def test_an_associates_payments_are_theirs_only_newest_first_and_at_most_the_limit(recaudo):
    for n, owner in [(25, NICK), (26, NO_PRODUCTS), (27, NICK), (28, NICK)]:
        recaudo.payments.claim(payment(f"000000{n}", at=T0 + timedelta(minutes=n), associate=owner))
    assert [p.reference for p in recaudo.payments.of_associate(NICK)] == ["00000028", "00000027", "00000025"]
    assert [p.reference for p in recaudo.payments.of_associate(NICK, limit=2)] == ["00000028", "00000027"]
    assert [p.reference for p in recaudo.payments.of_associate(NO_PRODUCTS)] == ["00000026"]


# -- the sonda's lease --------------------------------------------------------------------------------------

def test_a_free_lease_is_taken_and_its_holder_may_renew_it(recaudo):
    assert recaudo.lock.acquire("worker-1", LEASE) is True
    assert recaudo.lock.acquire("worker-1", LEASE) is True


def test_another_holder_is_refused_until_the_lease_runs_out(recaudo):
    assert recaudo.lock.acquire("worker-1", LEASE)
    recaudo.advance(LEASE.total_seconds() - 1)
    assert recaudo.lock.acquire("worker-2", LEASE) is False
    recaudo.advance(1)
    assert recaudo.lock.acquire("worker-2", LEASE) is True
    assert recaudo.lock.acquire("worker-1", LEASE) is False  # the lease is worker-2's now


def test_renewing_a_lease_extends_it(recaudo):
    recaudo.lock.acquire("worker-1", LEASE)
    recaudo.advance(100)
    assert recaudo.lock.acquire("worker-1", LEASE)
    recaudo.advance(100)  # 200 s after the first lease began, 100 s into the renewed one
    assert recaudo.lock.acquire("worker-2", LEASE) is False


def test_only_the_holder_releases_a_lease(recaudo):
    recaudo.lock.acquire("worker-1", LEASE)
    recaudo.lock.release("worker-2")
    assert recaudo.lock.acquire("worker-2", LEASE) is False
    recaudo.lock.release("worker-1")
    assert recaudo.lock.acquire("worker-2", LEASE) is True
