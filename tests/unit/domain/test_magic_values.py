from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.gateway.magic_values import MAGIC_CENTS, ForcedOutcome, forced_outcome_for
from domain.shared.money import Money
from domain.shared.payment_states import PaymentState, PseState


@pytest.mark.parametrize(
    ("amount", "outcome"),
    [
        ("20000.01", ForcedOutcome.APPROVE),
        ("20000.02", ForcedOutcome.REJECT),
        ("20000.03", ForcedOutcome.PENDING_THEN_APPROVE),
        ("20000.04", ForcedOutcome.BANK_ERROR),
        ("20000.05", ForcedOutcome.START_ERROR),
        ("20000.06", ForcedOutcome.FIRST_VERIFY_INDETERMINATE),
        ("20000.07", ForcedOutcome.REVIEW_PENDING),
        ("20000.08", ForcedOutcome.REVIEW_REJECTED),
        ("20000.09", ForcedOutcome.REVIEW_ERROR),
        ("0.01", ForcedOutcome.APPROVE),
    ],
)
def test_the_centavos_of_the_total_force_the_documented_outcome(amount, outcome):
    assert forced_outcome_for(Money.of(amount)) is outcome


@pytest.mark.parametrize("amount", ["20000", "20000.10", "20000.11", "20000.99", "20000.50", "-20000.01"])
def test_any_other_amount_forces_nothing(amount):
    assert forced_outcome_for(Money.of(amount)) is None


def test_forced_outcomes_carry_the_states_they_end_in():
    assert (ForcedOutcome.APPROVE.final_state, ForcedOutcome.APPROVE.pse_state) == (PaymentState.APPROVED, PseState.OK)
    assert ForcedOutcome.REJECT.pse_state is PseState.NOT_AUTHORIZED
    assert ForcedOutcome.BANK_ERROR.final_state is PaymentState.BANK_ERROR
    assert ForcedOutcome.REVIEW_PENDING.final_state is PaymentState.REVIEW_PENDING
    assert ForcedOutcome.START_ERROR.final_state is None
    assert all(o.description for o in ForcedOutcome)


def test_the_magic_table_covers_01_to_09_once_each():
    assert sorted(MAGIC_CENTS) == list(range(1, 10))


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**12))
def test_only_centavos_01_to_09_are_magic(centavos):
    money = Money(Decimal(centavos).scaleb(-2))
    outcome = forced_outcome_for(money)
    assert (outcome is not None) == (1 <= centavos % 100 <= 9)
    if outcome:
        assert outcome.cents == centavos % 100
