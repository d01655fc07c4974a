"""ACH's rules on a PSE transaction (pse.md §1.4 "Simulator semantics", §4): every return code of
createTransactionPayment, getTransactionInformation, finalizeTransactionPayment and
confirmTransactionPayment is reachable, and each test says how."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

import pytest

from domain.shared.money import Money
from domain.shared.payment_states import PseState
from domain.ach.banks import find_bank
from domain.ach.codes import CONFIRM_CODES, CREATE_CODES, FINALIZE_CODES, INFORMATION_CODES, AchCode
from domain.ach.magic import ACH_MAGIC_CENTS, AchMagic, AchOperation
from domain.ach.transaction import (
    BANK_TIME, COLOMBIA, AchEntity, BankConfirmation, CreateRequest, PseTransaction, check_create, entity_key,
    transaction_cycle,
)

T0 = datetime(2026, 11, 23, 10, 0, tzinfo=COLOMBIA)
ENTITY = AchEntity("890203088-9", "BANCO COOPERATIVO COOPCENTRAL", "2701")
TEST_BANK = find_bank("1022")
REQUEST = CreateRequest(
    bank_code="1022", entity_code="890203088-9", service_code="2701", amount=Money.of("150000"),
    vat=Money.of("0"), ticket_id="18092100031", entity_url="https://comercio.example/retorno", user_type="0",
    references=("1033370434", "CC", "127.0.0.1"), solicit_date=T0, description="Pago de prueba",
)

# Every code pse.md §1.4 lists, spelled as there (FAIL_INVALIDSOLICITDATE without E for create,
# FAIL_INVALIDSOLICITEDATE with E for confirm, FAIL_BANKUNREACHEABLE).
SPEC_CODES = {
    "SUCCESS", "FAIL_ENTITYNOTEXISTSORDISABLED", "FAIL_BANKNOTEXISTSORDISABLED", "FAIL_SERVICENOTEXISTS",
    "FAIL_INVALIDAMOUNT", "FAIL_INVALIDSOLICITDATE", "FAIL_BANKUNREACHEABLE", "FAIL_NOTCONFIRMEDBYBANK",
    "FAIL_CANNOTGETCURRENTCYCLE", "FAIL_ACCESSDENIED", "FAIL_TIMEOUT", "FAIL_DESCRIPTIONNOTFOUND",
    "FAIL_EXCEEDEDLIMIT", "FAIL_TRANSACTIONNOTALLOWED", "FAIL_ERRORINCREDITS", "FAIL_RISK", "FAIL_NOHOST",
    "FAIL_NOTALLOWEDBYTIME", "FAIL_INVALIDTRAZABILITYCODE", "FAIL_INVALIDSTATE", "FAIL_INVALIDBANKPROCESSINGDATE",
    "FAIL_INVALIDAUTHORIZEDAMOUNT", "FAIL_INCONSISTENTDATA", "FAIL_INVALIDVATVALUE", "FAIL_INVALIDTICKETID",
    "FAIL_INVALIDSOLICITEDATE", "FAIL_INVALIDAUTHORIZATIONID", "FAIL_INVALIDPAYMENTORIGINORMODE",
    "FAIL_NOTCONFIGURED", "FAIL_INVALIDDATETIME", "FAIL_INVALIDERRORCODE", "FAIL_INVALIDSERVICECODE",
    "FAIL_INVALIDAUTHORIZATIONCODEEF", "FAIL_CANNOTCONTACTDIAN", "FAIL_INVALIDSTATEINDIAN", "FAIL_NOFILESFOUND",
}


def new_transaction(request: CreateRequest = REQUEST, now: datetime = T0) -> PseTransaction:
    return PseTransaction.create(request, ENTITY, find_bank(request.bank_code), "1468228", "abc", now)


def confirmation(t: PseTransaction, **changes) -> BankConfirmation:
    base = BankConfirmation(
        cus=t.cus, bank_code=t.bank_code, entity_code=t.entity_code, amount=t.amount, vat=t.vat,
        ticket_id=t.ticket_id, solicit_date=t.solicit_date, bank_process_date=T0 + timedelta(minutes=2),
        state=PseState.OK, authorization_id="714841858",
    )
    return replace(base, **changes)


def test_the_return_codes_are_exactly_the_spec_ones_with_its_spellings():
    assert {code.value for code in AchCode} == SPEC_CODES
    assert AchCode.FAIL_INVALIDSOLICITDATE in CREATE_CODES and AchCode.FAIL_INVALIDSOLICITEDATE in CONFIRM_CODES
    assert AchCode.FAIL_INVALIDSOLICITEDATE not in CREATE_CODES
    assert AchCode.SUCCESS == "SUCCESS" and str(AchCode.FAIL_TIMEOUT) == "FAIL_TIMEOUT"


# -- createTransactionPayment ---------------------------------------------------------------------

# How each create code is triggered (README "ACH magic amounts" documents the magic ones).
CREATE_TRIGGERS = {
    AchCode.SUCCESS: ({}, ENTITY, TEST_BANK),
    AchCode.FAIL_ENTITYNOTEXISTSORDISABLED: ({}, None, TEST_BANK),  # unknown entity (NIT)
    AchCode.FAIL_BANKNOTEXISTSORDISABLED: ({"bank_code": "9999"}, ENTITY, None),  # unknown bank
    AchCode.FAIL_SERVICENOTEXISTS: ({"service_code": "9999"}, ENTITY, TEST_BANK),  # not the entity's service
    AchCode.FAIL_INVALIDAMOUNT: ({"amount": Money.of("0")}, ENTITY, TEST_BANK),  # amount ≤ 0
    AchCode.FAIL_EXCEEDEDLIMIT: ({"amount": Money.of("100000000.10")}, ENTITY, TEST_BANK),  # over the limit
    AchCode.FAIL_INVALIDSOLICITDATE: ({"solicit_date": T0 - timedelta(days=3)}, ENTITY, TEST_BANK),
    AchCode.FAIL_DESCRIPTIONNOTFOUND: ({"description": "  "}, ENTITY, TEST_BANK),  # blank description
    AchCode.FAIL_TRANSACTIONNOTALLOWED: ({"description": 'Pago "especial"'}, ENTITY, TEST_BANK),  # `"` forbidden
    AchCode.FAIL_BANKUNREACHEABLE: ({"amount": Money.of("150000.11")}, ENTITY, TEST_BANK),  # magic ,11
    AchCode.FAIL_TIMEOUT: ({"amount": Money.of("150000.12")}, ENTITY, TEST_BANK),  # magic ,12
    AchCode.FAIL_NOTCONFIRMEDBYBANK: ({"amount": Money.of("150000.13")}, ENTITY, TEST_BANK),  # magic ,13
    AchCode.FAIL_CANNOTGETCURRENTCYCLE: ({"amount": Money.of("150000.14")}, ENTITY, TEST_BANK),  # magic ,14
    AchCode.FAIL_ACCESSDENIED: ({"amount": Money.of("150000.15")}, ENTITY, TEST_BANK),  # magic ,15
}


def test_every_create_code_has_a_trigger():
    assert set(CREATE_TRIGGERS) == set(CREATE_CODES)


@pytest.mark.parametrize("code", CREATE_CODES, ids=lambda c: c.value)
def test_each_create_code_is_reachable(code):
    changes, entity, bank = CREATE_TRIGGERS[code]
    assert check_create(replace(REQUEST, **changes), entity, bank, T0) is code


def test_a_disabled_entity_or_bank_is_like_a_missing_one():
    assert check_create(REQUEST, replace(ENTITY, enabled=False), TEST_BANK, T0) is AchCode.FAIL_ENTITYNOTEXISTSORDISABLED
    assert check_create(REQUEST, ENTITY, replace(TEST_BANK, enabled=False), T0) is AchCode.FAIL_BANKNOTEXISTSORDISABLED


@pytest.mark.parametrize("changes", [
    {"amount": Money.of("-5")}, {"amount": None}, {"vat": Money.of("-1")}, {"vat": Money.of("150000.01")},
])
def test_amounts_must_be_positive_with_vat_not_above_the_total(changes):
    assert check_create(replace(REQUEST, **changes), ENTITY, TEST_BANK, T0) is AchCode.FAIL_INVALIDAMOUNT


def test_the_limit_is_per_entity():
    small = replace(ENTITY, limit=Money.of("100000"))
    assert check_create(REQUEST, small, TEST_BANK, T0) is AchCode.FAIL_EXCEEDEDLIMIT
    assert check_create(replace(REQUEST, amount=Money.of("100000")), small, TEST_BANK, T0) is AchCode.SUCCESS


@pytest.mark.parametrize("field", ["description", "r1", "r2", "r3"])
@pytest.mark.parametrize("character", ["|", '"'])
def test_pipe_and_quote_are_forbidden_in_description_and_references(field, character):
    if field == "description":
        request = replace(REQUEST, description=f"a{character}b")
    else:
        refs = list(REQUEST.references)
        refs[int(field[1]) - 1] = f"x{character}"
        request = replace(REQUEST, references=tuple(refs))
    assert check_create(request, ENTITY, TEST_BANK, T0) is AchCode.FAIL_TRANSACTIONNOTALLOWED


@pytest.mark.parametrize("changes", [
    {"user_type": "2"}, {"ticket_id": "abc"}, {"entity_url": "javascript:alert(1)"}, {"entity_url": ""},
])
def test_other_content_ach_does_not_allow(changes):
    assert check_create(replace(REQUEST, **changes), ENTITY, TEST_BANK, T0) is AchCode.FAIL_TRANSACTIONNOTALLOWED


def test_the_solicit_date_may_be_yesterday_today_or_tomorrow_in_colombia():
    for days in (-1, 0, 1):
        request = replace(REQUEST, solicit_date=(T0 + timedelta(days=days)).date())
        assert check_create(request, ENTITY, TEST_BANK, T0) is AchCode.SUCCESS
    assert check_create(replace(REQUEST, solicit_date=None), ENTITY, TEST_BANK, T0) is AchCode.FAIL_INVALIDSOLICITDATE


def test_the_gateway_magic_cents_are_not_ach_failures():
    for cents in range(1, 10):
        request = replace(REQUEST, amount=Money.of(f"150000.0{cents}"))
        assert check_create(request, ENTITY, TEST_BANK, T0) is AchCode.SUCCESS


def test_the_magic_table_has_one_row_per_cents_value():
    assert sorted(ACH_MAGIC_CENTS) == list(range(11, 19))
    assert {m.operation for m in AchMagic} == set(AchOperation)


def test_entity_codes_match_with_or_without_dv_hyphen_or_dots():
    assert {entity_key(c) for c in ("890203088-9", "8902030889", "890.203.088-9", "890203088", " 890203088-9 ")} \
        == {"890203088"}
    assert entity_key("8902030880") == "8902030880"  # wrong DV: not the same entity
    assert entity_key("ACME") == "ACME"


def test_a_new_transaction_is_pending_with_the_cycle_of_its_hour():
    t = new_transaction()
    assert t.state is PseState.PENDING and not t.finalized
    assert t.cycle == transaction_cycle(T0) == "4"
    assert [c.state for c in t.history] == [PseState.PENDING]


# -- getTransactionInformation --------------------------------------------------------------------

def test_information_and_finalize_answer_the_codes_of_the_spec():
    assert set(INFORMATION_CODES) == {AchCode.SUCCESS, AchCode.FAIL_INVALIDTRAZABILITYCODE, AchCode.FAIL_ACCESSDENIED,
                                      AchCode.FAIL_TIMEOUT}
    assert set(FINALIZE_CODES) == set(INFORMATION_CODES) | {AchCode.FAIL_INVALIDSTATE}


def test_information_codes():
    t = new_transaction()
    assert t.read_by("8902030889") is AchCode.SUCCESS
    assert t.read_by("900378212-2") is AchCode.FAIL_ACCESSDENIED  # another entity's CUS
    # FAIL_INVALIDTRAZABILITYCODE (unknown CUS) is the use case's: tested in tests/unit/simulator.
    timeout = new_transaction(replace(REQUEST, amount=Money.of("150000.16")))  # magic ,16
    assert timeout.read_by("890203088") is AchCode.FAIL_TIMEOUT
    assert timeout.read_by("890203088") is AchCode.SUCCESS
    unknown_at_first = new_transaction(replace(REQUEST, amount=Money.of("150000.17")))  # magic ,17
    assert unknown_at_first.read_by("890203088") is AchCode.FAIL_INVALIDTRAZABILITYCODE
    assert unknown_at_first.read_by("890203088") is AchCode.SUCCESS


# -- finalizeTransactionPayment -------------------------------------------------------------------

def test_finalize_only_a_final_transaction_and_again_harmlessly():
    t = new_transaction()
    assert t.finalize("890203088-9") is AchCode.FAIL_INVALIDSTATE
    assert t.confirm(confirmation(t), T0 + timedelta(minutes=2)) is AchCode.SUCCESS
    assert t.finalize("900378212-2") is AchCode.FAIL_ACCESSDENIED
    assert t.finalize("890203088-9") is AchCode.SUCCESS and t.finalized
    assert t.finalize("890203088-9") is AchCode.SUCCESS


def test_finalize_timeout_once_with_magic_18():
    t = new_transaction(replace(REQUEST, amount=Money.of("150000.18")))
    t.confirm(confirmation(t), T0 + timedelta(minutes=1))
    assert t.finalize("890203088-9") is AchCode.FAIL_TIMEOUT and not t.finalized
    assert t.finalize("890203088-9") is AchCode.SUCCESS and t.finalized


# -- confirmTransactionPayment --------------------------------------------------------------------

NOW = T0 + timedelta(minutes=3)
CONFIRM_TRIGGERS = {
    AchCode.SUCCESS: {},
    AchCode.FAIL_ACCESSDENIED: {"bank_code": "1007"},  # a bank that is not the transaction's
    AchCode.FAIL_INCONSISTENTDATA: {"entity_code": "900378212-2"},  # another entity
    AchCode.FAIL_INVALIDAUTHORIZEDAMOUNT: {"amount": Money.of("150001")},
    AchCode.FAIL_INVALIDVATVALUE: {"vat": Money.of("100")},
    AchCode.FAIL_INVALIDTICKETID: {"ticket_id": "1"},
    AchCode.FAIL_INVALIDSOLICITEDATE: {"solicit_date": date(2026, 11, 20)},
    AchCode.FAIL_INVALIDBANKPROCESSINGDATE: {"bank_process_date": date(2026, 11, 22)},  # before the creation
    AchCode.FAIL_INVALIDAUTHORIZATIONID: {"authorization_id": ""},  # OK needs an authorization
}


@pytest.mark.parametrize("code", list(CONFIRM_TRIGGERS), ids=lambda c: c.value)
def test_each_confirm_code_of_the_data_is_reachable(code):
    t = new_transaction()
    assert t.confirm(confirmation(t, **CONFIRM_TRIGGERS[code]), NOW) is code
    assert t.state is (PseState.OK if code is AchCode.SUCCESS else PseState.PENDING)


def test_confirm_only_once():
    t = new_transaction()
    assert t.confirm(confirmation(t, state=PseState.NOT_AUTHORIZED, authorization_id=""), NOW) is AchCode.SUCCESS
    assert t.confirm(confirmation(t), NOW) is AchCode.FAIL_INVALIDSTATE
    assert t.state is PseState.NOT_AUTHORIZED


def test_confirm_after_the_bank_time_is_a_timeout():
    t = new_transaction()
    assert t.confirm(confirmation(t), T0 + BANK_TIME) is AchCode.FAIL_TIMEOUT
    assert t.state is PseState.PENDING


def test_confirm_with_an_unknown_cus_is_the_use_cases_and_every_code_is_covered():
    # FAIL_INVALIDTRAZABILITYCODE is answered before any transaction is found (tests/unit/simulator).
    covered = set(CONFIRM_TRIGGERS) | {AchCode.FAIL_INVALIDSTATE, AchCode.FAIL_TIMEOUT,
                                       AchCode.FAIL_INVALIDTRAZABILITYCODE}
    assert covered == set(CONFIRM_CODES)


@pytest.mark.parametrize("changes", [
    {"bank_process_date": None}, {"bank_process_date": date(2026, 11, 25)}, {"solicit_date": None},
    {"state": None}, {"amount": None}, {"authorization_id": "12-34"},
])
def test_missing_or_impossible_confirmation_data_is_refused(changes):
    t = new_transaction()
    assert t.confirm(confirmation(t, **changes), NOW) is not AchCode.SUCCESS
    assert t.state is PseState.PENDING


def test_a_pending_report_changes_nothing_and_the_bank_may_confirm_later():
    t = new_transaction()
    assert t.confirm(confirmation(t, state=PseState.PENDING), NOW) is AchCode.SUCCESS
    assert t.state is PseState.PENDING
    assert t.confirm(confirmation(t), NOW) is AchCode.SUCCESS and t.state is PseState.OK
    assert t.authorization_id == "714841858" and t.bank_process_date is not None


# -- ACH's monitor --------------------------------------------------------------------------------

def test_the_monitor_waits_for_the_bank_time():
    t = new_transaction()
    assert not t.settle(T0 + BANK_TIME - timedelta(seconds=1))
    assert t.state is PseState.PENDING


def test_a_transaction_the_bank_never_confirmed_fails_after_the_bank_time():
    t = new_transaction()
    assert t.settle(T0 + BANK_TIME)
    assert t.state is PseState.FAILED and "00015" in t.history[-1].reason


def test_debug_sonda_stays_pending_then_the_monitor_finds_it_approved():
    t = new_transaction()
    t.hold_for_monitor(PseState.OK)
    assert t.state is PseState.PENDING and t.finalize("890203088-9") is AchCode.FAIL_INVALIDSTATE
    assert t.settle(T0 + BANK_TIME + timedelta(minutes=5))
    assert t.state is PseState.OK
    assert t.finalize("890203088-9") is AchCode.SUCCESS
