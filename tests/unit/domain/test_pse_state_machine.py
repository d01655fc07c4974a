"""Property test of a PSE transaction's life: whatever the bank, the merchant, the monitor and the
clock do, in any order, PENDING moves at most once, a final state never changes, finalize succeeds
only on a final transaction, and a confirmation is taken only once and only within the bank time."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from domain.shared.payment_states import PseState
from domain.ach.codes import AchCode
from domain.ach.transaction import BANK_TIME, BankConfirmation
from tests.unit.domain.test_pse_transaction import T0, new_transaction


class PseTransactionLife(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.t = new_transaction()
        self.now = T0
        self.final: PseState | None = None  # the model: the one final state, once reached
        self.held: PseState | None = None

    def over(self) -> bool:
        return self.now - self.t.created_at >= BANK_TIME

    @rule(seconds=st.integers(min_value=0, max_value=300))
    def time_passes(self, seconds):
        self.now += timedelta(seconds=seconds)

    @rule(state=st.sampled_from(list(PseState)))
    def bank_confirms(self, state):
        confirmation = BankConfirmation(
            cus=self.t.cus, bank_code=self.t.bank_code, entity_code=self.t.entity_code, amount=self.t.amount,
            vat=self.t.vat, ticket_id=self.t.ticket_id, solicit_date=self.t.solicit_date,
            bank_process_date=self.now, state=state, authorization_id="123456",
        )
        code = self.t.confirm(confirmation, self.now)
        if self.over():
            assert code is AchCode.FAIL_TIMEOUT
        elif self.final is not None:
            assert code is AchCode.FAIL_INVALIDSTATE
        else:
            assert code is AchCode.SUCCESS
            if state is not PseState.PENDING:
                self.final = state

    @rule(amount=st.integers(min_value=1, max_value=10**6))
    def bank_confirms_another_amount(self, amount):
        confirmation = BankConfirmation(
            cus=self.t.cus, bank_code=self.t.bank_code, entity_code=self.t.entity_code,
            amount=replace(self.t.amount, amount=self.t.amount.amount + amount), vat=self.t.vat,
            ticket_id=self.t.ticket_id, solicit_date=self.t.solicit_date, bank_process_date=self.now,
            state=PseState.OK, authorization_id="1",
        )
        assert self.t.confirm(confirmation, self.now) is not AchCode.SUCCESS

    @precondition(lambda self: self.final is None)
    @rule(outcome=st.sampled_from([PseState.OK, PseState.NOT_AUTHORIZED, PseState.FAILED]))
    def debug_sonda(self, outcome):
        self.t.hold_for_monitor(outcome)
        self.held = outcome

    @rule()
    def monitor_runs(self):
        changed = self.t.settle(self.now)
        if self.final is None and self.over():
            assert changed
            self.final = self.held or PseState.FAILED
        else:
            assert not changed

    @rule()
    def merchant_reads(self):
        assert self.t.read_by(self.t.entity_code) is AchCode.SUCCESS

    @rule()
    def merchant_finalizes(self):
        code = self.t.finalize(self.t.entity_code)
        assert code is (AchCode.SUCCESS if self.final is not None else AchCode.FAIL_INVALIDSTATE)

    @invariant()
    def state_follows_the_model(self):
        assert self.t.state is (self.final or PseState.PENDING)

    @invariant()
    def history_has_at_most_one_final_state(self):
        states = [change.state for change in self.t.history]
        assert states[0] is PseState.PENDING and len(states) <= 2
        assert all(s.is_final for s in states[1:])

    @invariant()
    def finalized_only_when_final(self):
        assert not self.t.finalized or self.t.state.is_final


TestPseTransactionLife = PseTransactionLife.TestCase
TestPseTransactionLife.settings = settings(max_examples=150, stateful_step_count=30, deadline=None)
