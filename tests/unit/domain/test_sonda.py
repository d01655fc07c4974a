from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.shared.payment_states import FINAL_STATES, PaymentMethod, PaymentState
from domain.recaudo.sonda import PollDecision, SondaPolicy, StopReason, next_poll_at

T0 = datetime(2026, 3, 2, 10, 0, tzinfo=timezone(timedelta(hours=-5)))
MIN = timedelta(minutes=1)
PENDING = PaymentState.PENDING_FINISH


def test_the_first_poll_is_never_before_7_minutes_after_the_start():
    decision = next_poll_at(T0, None, PENDING, PaymentMethod.PSE, T0 + MIN)
    assert decision == PollDecision(poll_at=T0 + 7 * MIN)
    assert not decision.stops
    assert not decision.is_due(T0 + 6 * MIN)
    assert decision.is_due(T0 + 7 * MIN)


@pytest.mark.parametrize("method", [29, 32, 48, 51, PaymentMethod.PSE])
def test_online_methods_are_polled_every_12_minutes(method):
    decision = next_poll_at(T0, T0 + 7 * MIN, PENDING, method, T0 + 8 * MIN)
    assert decision.poll_at == T0 + 19 * MIN


@pytest.mark.parametrize("method", [41, 42, 77, PaymentMethod.MEFIA])
def test_in_person_methods_are_polled_every_hour(method):
    decision = next_poll_at(T0, T0 + 7 * MIN, PENDING, method, T0 + 8 * MIN)
    assert decision.poll_at == T0 + 67 * MIN


@pytest.mark.parametrize("method", [None, 45, 46, 47, 49])
def test_other_methods_or_none_yet_are_polled_like_online_ones(method):
    decision = next_poll_at(T0, T0 + 10 * MIN, PaymentState.PENDING_START, method, T0 + 11 * MIN)
    assert decision.poll_at == T0 + 22 * MIN


def test_a_poll_made_too_early_does_not_move_the_first_poll_earlier():
    decision = next_poll_at(T0, T0, PENDING, PaymentMethod.PSE, T0 + MIN, SondaPolicy(online_interval=2 * MIN))
    assert decision.poll_at == T0 + 7 * MIN


def test_the_online_interval_is_configurable_inside_the_10_to_15_minute_window():
    policy = SondaPolicy(online_interval=15 * MIN)
    assert next_poll_at(T0, T0 + 7 * MIN, PENDING, 29, T0, policy).poll_at == T0 + 22 * MIN


@pytest.mark.parametrize("state", sorted(FINAL_STATES))
def test_final_states_stop_the_sonda(state):
    decision = next_poll_at(T0, None, state, PaymentMethod.PSE, T0 + 8 * MIN)
    assert decision == PollDecision(stop_reason=StopReason.FINAL_STATE)
    assert decision.stops and not decision.is_due(T0 + 100 * MIN)


def test_a_payment_pending_start_for_30_minutes_is_abandoned():
    state = PaymentState.PENDING_START
    assert not next_poll_at(T0, T0 + 20 * MIN, state, None, T0 + 30 * MIN - timedelta(seconds=1)).stops
    decision = next_poll_at(T0, T0 + 20 * MIN, state, None, T0 + 30 * MIN)
    assert decision.stop_reason is StopReason.ABANDONED


def test_a_card_in_review_for_36_hours_is_auto_rejected():
    state = PaymentState.REVIEW_PENDING
    assert not next_poll_at(T0, T0 + 35 * 60 * MIN, state, 32, T0 + 36 * 60 * MIN - MIN).stops
    decision = next_poll_at(T0, T0 + 35 * 60 * MIN, state, 32, T0 + 36 * 60 * MIN)
    assert decision.stop_reason is StopReason.AUTO_REJECTED


def test_a_payment_pending_at_the_bank_for_48_hours_goes_to_manual_review():
    assert not next_poll_at(T0, T0, PENDING, 41, T0 + 47 * 60 * MIN).stops
    decision = next_poll_at(T0, T0, PENDING, 41, T0 + 48 * 60 * MIN)
    assert decision.stop_reason is StopReason.NEEDS_MANUAL_REVIEW


def test_a_policy_with_a_non_positive_interval_is_refused():
    with pytest.raises(ValueError):
        SondaPolicy(online_interval=timedelta(0))


minutes = st.integers(min_value=0, max_value=4000).map(lambda m: T0 + m * MIN)
methods = st.sampled_from([None, *PaymentMethod])


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(list(PaymentState)), st.none() | minutes, minutes, methods)
def test_the_sonda_never_polls_early_and_never_polls_a_final_state(state, last, now, method):
    policy = SondaPolicy()
    decision = next_poll_at(T0, last, state, method, now, policy)
    assert (decision.poll_at is None) == decision.stops
    if state.is_final:
        assert decision.stop_reason is StopReason.FINAL_STATE
    if decision.poll_at is not None:
        assert decision.poll_at >= T0 + policy.first_poll_after
        if last is not None:
            assert decision.poll_at >= last + policy.interval_for(method)
            assert decision.poll_at - last <= max(policy.interval_for(method), policy.first_poll_after)
