"""Properties of the timing rules on the simulated clock: polls of a pending payment, polls after the end."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.certification import polling_end, polling_frequency
from domain.certification.finding import Verdict
from domain.certification.polling_frequency import SondaTimings
from tests.unit.certification.builders import SEC, T0, payment, record, verify

TIMINGS = SondaTimings()
gaps = st.lists(st.integers(min_value=1, max_value=3 * 3600), min_size=1, max_size=12)


def _polls(first: int, gaps_s: list[int]):
    at, polls = T0 + first * SEC, []
    polls.append(verify("P", at))
    for gap in gaps_s:
        at += gap * SEC
        polls.append(verify("P", at))
    return polls


@settings(max_examples=150, deadline=None)
@given(first=st.integers(min_value=0, max_value=3600), gaps_s=gaps)
def test_a_never_changing_pending_payment_breaks_the_schedule_once_per_early_poll(first, gaps_s):
    pending = payment("P", method=None)  # 888 all along: no return, every verification is a sonda poll
    finding = polling_frequency.RULE.grade(record(*_polls(first, gaps_s), payments=(pending,)))
    early = (first * SEC < TIMINGS.first_poll_after) + sum(g * SEC < TIMINGS.online_interval for g in gaps_s)
    if early:
        assert finding.verdict is Verdict.NOT_MET and len(finding.evidence) == early
    else:
        assert finding.verdict is Verdict.MET


@settings(max_examples=100, deadline=None)
@given(first=st.integers(min_value=7 * 60, max_value=3600),
       gaps_s=st.lists(st.integers(min_value=3600, max_value=5 * 3600), min_size=1, max_size=6))
def test_polls_an_hour_apart_meet_the_schedule_for_any_method(first, gaps_s):
    for method in (None, 29, 32, 41, 77):
        pending = payment("P", method=method)
        assert polling_frequency.RULE.grade(record(*_polls(first, gaps_s), payments=(pending,))).verdict \
            is Verdict.MET


@settings(max_examples=100, deadline=None)
@given(final_after=st.integers(min_value=1, max_value=3600),
       offsets=st.lists(st.integers(min_value=0, max_value=3 * 3600), min_size=1, max_size=8))
def test_polling_end_fails_exactly_when_a_verification_comes_later_than_the_settle_time(final_after, offsets):
    final_at = T0 + final_after * SEC
    approved = payment("P", (1, final_at))
    after = sorted(offsets)
    polls = [verify("P", final_at + o * SEC) for o in after]
    finding = polling_end.RULE.grade(record(*polls, payments=(approved,)))
    late = after[-1] - after[0] > polling_end.SETTLE.total_seconds()
    assert finding.verdict is (Verdict.NOT_MET if late else Verdict.MET)


@settings(max_examples=100, deadline=None)
@given(changed_after=st.integers(min_value=0, max_value=600), check_after=st.integers(min_value=0, max_value=600))
def test_only_the_first_check_right_after_the_payers_return_is_exempt(changed_after, check_after):
    changed = T0 + changed_after * SEC
    pending = payment("P", (999, changed))
    check = verify("P", changed + check_after * SEC)
    finding = polling_frequency.RULE.grade(record(check, payments=(pending,)))
    exempt = check_after * SEC <= TIMINGS.return_grace
    too_early = check.at - T0 < TIMINGS.first_poll_after
    if exempt:
        assert finding.verdict is Verdict.NO_EVIDENCE
    else:
        assert finding.verdict is (Verdict.NOT_MET if too_early else Verdict.MET)
