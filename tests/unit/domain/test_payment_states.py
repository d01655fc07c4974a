from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.shared.errors import IllegalTransition
from domain.gateway.payment import Attempt
from domain.shared.payment_states import (
    FINAL_STATES,
    LEGAL_NEXT,
    PSE_TO_ZONAPAGOS,
    STATE_LABELS,
    PaymentState,
    PseState,
    check_pse_transition,
    check_transition,
)

FAST = settings(max_examples=200, deadline=None)
T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=-5)))


def test_final_states_are_the_documented_ones():
    assert {int(s) for s in FINAL_STATES} == {1, 777, 1000, 1001, 4000, 4003}
    assert {int(s) for s in PaymentState if not s.is_final} == {888, 999, 4001}


def test_every_state_has_a_spanish_label():
    assert set(STATE_LABELS) == set(PaymentState)


def test_final_states_have_no_way_out():
    for state in FINAL_STATES:
        assert state not in LEGAL_NEXT
        for target in PaymentState:
            assert not state.can_move_to(target)
            with pytest.raises(IllegalTransition, match="estado final"):
                check_transition(state, target)


def test_no_state_goes_back_to_pending_start_or_stays_where_it_is():
    for source, targets in LEGAL_NEXT.items():
        assert PaymentState.PENDING_START not in targets
        assert source not in targets


def test_pending_at_the_bank_ends_approved_rejected_or_in_bank_error():
    assert LEGAL_NEXT[PaymentState.PENDING_FINISH] == {
        PaymentState.APPROVED, PaymentState.REJECTED, PaymentState.BANK_ERROR,
    }


def test_a_card_in_review_ends_approved_or_rejected_by_the_review():
    assert LEGAL_NEXT[PaymentState.REVIEW_PENDING] == {
        PaymentState.APPROVED, PaymentState.REVIEW_REJECTED, PaymentState.REVIEW_ERROR,
    }


def test_pse_states_map_to_zonapagos_states():
    assert PSE_TO_ZONAPAGOS == {
        PseState.OK: PaymentState.APPROVED,
        PseState.NOT_AUTHORIZED: PaymentState.REJECTED,
        PseState.PENDING: PaymentState.PENDING_FINISH,
        PseState.FAILED: PaymentState.BANK_ERROR,
    }
    for pse_state in PseState:
        assert pse_state.to_zonapagos().is_final == pse_state.is_final


def test_a_pse_transaction_only_leaves_pending():
    check_pse_transition(PseState.PENDING, PseState.OK)
    for source in (PseState.OK, PseState.NOT_AUTHORIZED, PseState.FAILED):
        for target in PseState:
            with pytest.raises(IllegalTransition):
                check_pse_transition(source, target)
    with pytest.raises(IllegalTransition):
        check_pse_transition(PseState.PENDING, PseState.PENDING)


def test_an_attempt_records_each_change():
    attempt = Attempt(1, T0)
    attempt.move_to(PaymentState.PENDING_FINISH, T0 + timedelta(minutes=1), "en el banco")
    attempt.move_to(PaymentState.APPROVED, T0 + timedelta(minutes=3))
    assert [c.state for c in attempt.history] == [PaymentState.PENDING_FINISH, PaymentState.APPROVED]
    assert attempt.history[0].reason == "en el banco"


@FAST
@given(st.lists(st.sampled_from(list(PaymentState)), max_size=12))
def test_random_moves_never_reach_an_illegal_state_and_final_stays_final(targets):
    attempt = Attempt(1, T0)
    for target in targets:
        before = attempt.state
        try:
            attempt.move_to(target, T0)
        except IllegalTransition:
            assert attempt.state is before
            assert before.is_final or not before.can_move_to(target)
        else:
            assert not before.is_final
            assert target in LEGAL_NEXT[before]
            assert attempt.state is target
    states = [PaymentState.PENDING_START] + [c.state for c in attempt.history]
    for earlier, later in zip(states, states[1:]):
        assert later in LEGAL_NEXT[earlier]
    assert all(not s.is_final for s in states[:-1])


@FAST
@given(st.lists(st.sampled_from(list(PseState)), max_size=8))
def test_random_pse_moves_end_in_at_most_one_final_state(targets):
    state = PseState.PENDING
    finals = 0
    for target in targets:
        try:
            check_pse_transition(state, target)
        except IllegalTransition:
            continue
        state = target
        finals += 1
    assert finals <= 1
