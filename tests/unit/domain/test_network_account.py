"""The Red Coopcentral's debit rules (pse-coopcentral.md step 8): funds, the daily tope, the daily
frequency, in that order; which accounts can pay; and what a debit changes."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from domain.network.account import (
    AccountType, DebitDeclined, DeclineReason, NetworkAccount, accounts_that_can_pay,
)

OWNER = IdentityDocument(DocumentType.CC, "1033370434")
TODAY = date(2026, 11, 23)


def account(number="4010015566", kind=AccountType.SAVINGS, balance="5000000", available="5000000",
            limit="2000000", per_day=3, debited="0", debits=0, day=None, active=True) -> NetworkAccount:
    return NetworkAccount(number, "alianza", OWNER, kind, Money.of(balance), Money.of(available), Money.of(limit),
                          per_day, Money.of(debited), debits, day, active)


def test_an_account_with_funds_under_its_tope_and_frequency_can_pay():
    assert account().decline_reason(Money.of("150000"), TODAY) is None
    assert account().can_pay(Money.of("2000000"), TODAY)  # exactly the tope and the balance are allowed


def test_insufficient_funds_is_checked_against_the_available_balance():
    poor = account(balance="80000", available="50000")
    assert poor.decline_reason(Money.of("50000.01"), TODAY) is DeclineReason.INSUFFICIENT_FUNDS
    assert poor.decline_reason(Money.of("50000"), TODAY) is None
    assert DeclineReason.INSUFFICIENT_FUNDS.ach_cause == "00011"


def test_the_tope_counts_what_was_already_debited_that_day():
    near = account(debited="1900000", debits=1, day=TODAY)
    assert near.decline_reason(Money.of("100000"), TODAY) is None
    assert near.decline_reason(Money.of("100000.01"), TODAY) is DeclineReason.OVER_LIMIT
    assert DeclineReason.OVER_LIMIT.ach_cause == "00008"


def test_the_frequency_allows_max_debits_per_day():
    busy = account(debits=3, debited="300000", day=TODAY)
    assert busy.decline_reason(Money.of("1000"), TODAY) is DeclineReason.OVER_FREQUENCY
    assert account(debits=2, day=TODAY).decline_reason(Money.of("1000"), TODAY) is None


def test_a_new_day_starts_the_tope_and_the_frequency_at_zero():
    yesterday = account(debited="2000000", debits=3, day=TODAY - timedelta(days=1))
    assert yesterday.usage_on(TODAY) == (Money.zero(), 0)
    assert yesterday.decline_reason(Money.of("2000000"), TODAY) is None


def test_seeded_figures_without_a_day_hold_on_any_day():
    seeded = account(debited="2000000", debits=1, day=None)
    for day in (TODAY, TODAY + timedelta(days=400)):
        assert seeded.decline_reason(Money.of("1"), day) is DeclineReason.OVER_LIMIT


def test_funds_come_first_then_the_tope_then_the_frequency():
    everything_wrong = account(available="10", debited="2000000", debits=3, day=TODAY)
    assert everything_wrong.decline_reason(Money.of("100"), TODAY) is DeclineReason.INSUFFICIENT_FUNDS
    at_both_limits = replace(everything_wrong, available=Money.of("1000"))
    assert at_both_limits.decline_reason(Money.of("100"), TODAY) is DeclineReason.OVER_LIMIT


def test_a_debit_lowers_savings_and_raises_a_credit_lines_used_part():
    savings = account().debit(Money.of("150000"), TODAY)
    assert (savings.balance, savings.available) == (Money.of("4850000"), Money.of("4850000"))
    assert (savings.debited_today, savings.debits_today, savings.activity_day) == (Money.of("150000"), 1, TODAY)
    line = account(kind=AccountType.CREDIT_LINE, balance="1000000", available="4000000").debit(Money.of("500"), TODAY)
    assert (line.balance, line.available) == (Money.of("1000500"), Money.of("3999500"))


def test_a_declined_debit_raises_with_its_reason_and_changes_nothing():
    poor = account(available="100")
    with pytest.raises(DebitDeclined) as declined:
        poor.debit(Money.of("101"), TODAY)
    assert declined.value.reason is DeclineReason.INSUFFICIENT_FUNDS
    assert poor.available == Money.of("100")


def test_inactive_accounts_and_zero_amounts_are_refused():
    with pytest.raises(DomainError, match="no está activa"):
        account(active=False).debit(Money.of("1"), TODAY)
    with pytest.raises(DomainError, match="mayor que cero"):
        account().debit(Money.zero(), TODAY)
    assert not account(active=False).can_pay(Money.of("1"), TODAY)


def test_accounts_that_can_pay_leaves_out_every_declined_and_inactive_one():
    accounts = [account("4010015566"), account("4010023344", available="50000"),
                account("5010047788", debited="2000000", day=None), account("4010031122", debits=3),
                account("4030010001", active=False)]
    assert [a.number for a in accounts_that_can_pay(accounts, Money.of("150000"), TODAY)] == ["4010015566"]


def test_masked_number_and_label_as_the_receipt_shows_them():
    assert account().masked == "****5566" and account().label == "****5566 Ahorros"
    assert account(kind=AccountType.CREDIT_LINE).label == "****5566 Crédito"
    assert AccountType.SAVINGS.network_code == "10" and AccountType.CREDIT_LINE.network_code == "50"


def test_malformed_accounts_are_refused():
    with pytest.raises(DomainError):
        account(number="12a4")
    with pytest.raises(DomainError):
        account(available="-1")
    with pytest.raises(DomainError):
        account(per_day=-1)


# -- properties ------------------------------------------------------------------------------------

cents = st.integers(min_value=0, max_value=10**10).map(lambda n: Money(Decimal(n) / 100))
positive = st.integers(min_value=1, max_value=10**10).map(lambda n: Money(Decimal(n) / 100))
days = st.one_of(st.none(), st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)))


@st.composite
def accounts(draw) -> NetworkAccount:
    return NetworkAccount("4010015566", "alianza", OWNER, draw(st.sampled_from(list(AccountType))), draw(cents),
                          draw(cents), draw(cents), draw(st.integers(0, 40)), draw(cents), draw(st.integers(0, 40)),
                          draw(days))


@given(accounts(), positive, st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)))
def test_a_debit_is_allowed_exactly_when_no_rule_refuses_it(a, amount, day):
    debited, count = a.usage_on(day)
    allowed = amount <= a.available and debited + amount <= a.daily_limit and count < a.max_debits_per_day
    assert (a.decline_reason(amount, day) is None) is allowed


@given(accounts(), positive, st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)))
def test_an_allowed_debit_moves_the_figures_by_exactly_the_amount(a, amount, day):
    if a.decline_reason(amount, day) is not None:
        with pytest.raises(DebitDeclined):
            a.debit(amount, day)
        return
    after = a.debit(amount, day)
    debited, count = a.usage_on(day)
    assert after.available == a.available - amount and not after.available.is_negative
    assert after.debited_today == debited + amount <= after.daily_limit
    assert after.debits_today == count + 1 <= after.max_debits_per_day
    assert abs((after.balance - a.balance).amount) == amount.amount and after.activity_day == day


@given(accounts(), positive, positive, st.dates(min_value=date(2026, 1, 1), max_value=date(2027, 12, 31)))
def test_repeated_debits_never_exceed_the_days_tope_or_frequency(a, first, second, day):
    current = a
    for amount in (first, second, first):
        if current.decline_reason(amount, day) is None:
            current = current.debit(amount, day)
    debited, count = current.usage_on(day)
    start_debited, start_count = a.usage_on(day)
    assert debited <= max(a.daily_limit, start_debited) and count <= max(a.max_debits_per_day, start_count)
    assert not current.available.is_negative
