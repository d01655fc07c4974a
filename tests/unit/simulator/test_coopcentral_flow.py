"""The Red Coopcentral's use cases on the memory store and a fixed clock: each decline of step 8, a
second account, the cancellation when every account was declined, the security code (wrong, expired, locked,
resent), the login lock, the debit made once with ACH's confirmation, and what ACH ends up knowing."""
from __future__ import annotations

import re

import pytest

from domain.shared.errors import DomainError
from domain.shared.money import Money
from domain.network.account import DeclineReason
from domain.network.payment import CancelCause, VisitStep
from domain.shared.payment_states import PseState
from domain.ach.codes import AchCode
from ports.pse import PseTransactionRequest
from simulator.coopcentral.flow import NetworkFlow, VisitGone
from simulator.coopcentral.seed import LAURA, NICK, seed_coopcentral
from simulator.control.notifications import StoredNotifier
from simulator.pse.network import AchNetwork
from domain.ach.usecases.payer_flow import go_to_bank
from domain.ach.policy import AchPolicy
from simulator.pse.seed import DEMO_PAYER_EMAIL, seed_pse_data
from domain.ach.usecases.transactions import Read

NIT = "890203088-9"
POLICY = AchPolicy()
GOOD, POOR, AT_TOPE, AT_FREQUENCY = "4010015566", "4010023344", "5010047788", "4010031122"


@pytest.fixture
def world(memory_store, clock):
    seed_pse_data(memory_store)
    seed_coopcentral(memory_store)
    return memory_store, clock


@pytest.fixture
def flow(world) -> NetworkFlow:
    store, clock = world
    return NetworkFlow(store, clock, POLICY, StoredNotifier(store, clock))


def transaction(world, amount="150000", vat="0"):
    store, clock = world
    ach = AchNetwork(store, clock, POLICY)
    answer = ach.create_transaction(PseTransactionRequest(
        bank_code="1066", entity_code=NIT, service_code="2701", amount=Money.of(amount), vat=Money.of(vat),
        ticket_id="18092100031", entity_url="https://comercio.example/retorno", user_type="0",
        references=("127.0.0.1", "CC", "1033370434"), solicit_date=clock.now(), description="Pago de prueba"))
    assert answer.return_code == "SUCCESS"
    t = store.pse.get_transaction(answer.cus)
    go_to_bank(t.token, DEMO_PAYER_EMAIL, store, clock, POLICY)
    return store.pse.get_transaction(answer.cus)


def logged_in(flow, world, entity="alianza", amount="150000", visit_id="visita-1"):
    t = transaction(world, amount)
    flow.identify(t.token, "CC", "1033370434", "10.0.0.7", visit_id)
    flow.choose_entity(visit_id, entity)
    flow.give_user(visit_id, "nrivera")
    assert flow.log_in(visit_id, "clave-red", "10.0.0.7").visit.step is VisitStep.AUTHENTICATED
    return t


def last_code(store, to="3107126048") -> str:
    return re.search(r" es (\d{6})\.", store.notifications.messages_for(to)[0].body).group(1)


def ach_state(world, cus) -> PseState:
    store, clock = world
    return AchNetwork(store, clock, POLICY).information(NIT, cus).state


def test_the_entity_list_shows_only_entities_with_active_products(flow):
    assert [e.name for e in flow.listed_entities(NICK)] == ["Cooperativa Alianza",
                                                           "Cooperativa Financiera de Antioquia"]
    assert flow.listed_entities(LAURA) == []  # only an inactive account at Coopcentral


def test_identification_refuses_malformed_documents_and_other_banks(flow, world):
    t = transaction(world)
    with pytest.raises(DomainError) as bad:
        flow.identify(t.token, "CC", "12ab", "1.2.3.4", "v")
    assert bad.value.field == "document_number"
    with pytest.raises(DomainError, match="tipo de documento"):
        flow.identify(t.token, "NIT", "890203088", "1.2.3.4", "v")
    with pytest.raises(DomainError, match="no existe"):
        flow.identify("no-existe", "CC", "1033370434", "1.2.3.4", "v")


def test_a_wrong_password_counts_and_the_third_cancels_the_payment(flow, world):
    t = transaction(world)
    flow.identify(t.token, "CC", "1033370434", "10.0.0.7", "v")
    flow.choose_entity("v", "alianza")
    flow.give_user("v", "nrivera")
    assert flow.log_in("v", "mala", "x").problem == "Usuario o contraseña incorrectos. Le quedan 2 intentos"
    flow.give_user("v", "otro-usuario")
    assert flow.log_in("v", "clave-red", "x").problem.endswith("Le queda 1 intento")
    ended = flow.log_in("v", "mala", "x").visit
    assert ended.step is VisitStep.CANCELLED and ended.cancel_cause is CancelCause.LOGIN_LOCKED
    assert ach_state(world, t.cus) is PseState.NOT_AUTHORIZED


def test_the_login_remembers_the_previous_access_for_the_header(flow, world):
    logged_in(flow, world, visit_id="primera")
    second = logged_in(flow, world, visit_id="segunda")
    visit, _ = flow.visit("segunda")
    assert visit.cus == second.cus
    assert visit.previous_access_ip == "10.0.0.7" and visit.previous_access_at is not None
    assert flow.visit("primera")[0].previous_access_at is None  # the first login ever


@pytest.mark.parametrize("account, reason", [
    (POOR, DeclineReason.INSUFFICIENT_FUNDS), (AT_TOPE, DeclineReason.OVER_LIMIT),
    (AT_FREQUENCY, DeclineReason.OVER_FREQUENCY),
])
def test_each_decline_lets_the_associate_choose_another_account(flow, world, account, reason):
    logged_in(flow, world)
    outcome = flow.pay("visita-1", account)
    assert outcome.decline is reason and outcome.visit.step is VisitStep.AUTHENTICATED
    assert outcome.visit.declined == {account: reason}
    with pytest.raises(DomainError, match="ya fue rechazada"):
        flow.pay("visita-1", account)
    assert flow.pay("visita-1", GOOD).visit.step is VisitStep.CODE_SENT


def test_when_no_account_can_pay_each_decline_is_shown_and_the_last_one_cancels_the_payment(flow, world):
    store, _ = world
    t = logged_in(flow, world, amount="6000000")  # above every Alianza balance; the rest at tope or frequency
    outcome = flow.pay("visita-1", POOR)
    # no other account could pay either, but the associate sees this decline and chooses (issue 18, defect 7)
    assert outcome.decline is DeclineReason.INSUFFICIENT_FUNDS and outcome.visit.step is VisitStep.AUTHENTICATED
    assert ach_state(world, t.cus) is PseState.PENDING
    for number in (GOOD, AT_TOPE):
        assert flow.pay("visita-1", number).visit.step is VisitStep.AUTHENTICATED
    outcome = flow.pay("visita-1", AT_FREQUENCY)  # the last untried account
    assert outcome.decline is DeclineReason.INSUFFICIENT_FUNDS
    assert outcome.visit.step is VisitStep.CANCELLED and outcome.visit.cancel_cause is CancelCause.NO_ACCOUNT_CAN_PAY
    assert list(outcome.visit.declined) == [POOR, GOOD, AT_TOPE, AT_FREQUENCY]
    assert ach_state(world, t.cus) is PseState.NOT_AUTHORIZED
    assert store.coopcentral.debit_for(t.cus) is None
    assert store.coopcentral.account(GOOD).available == Money.of("5000000")


def test_the_code_goes_to_email_and_mobile_and_authorizes_one_debit_confirmed_to_ach(flow, world, clock):
    store, _ = world
    t = logged_in(flow, world, amount="150000")
    flow.pay("visita-1", GOOD)
    assert last_code(store) == last_code(store, "nick.rivera@example.com")
    assert flow.authorize("visita-1", "000000").problem.startswith("El código de seguridad no es correcto")
    paid = flow.authorize("visita-1", last_code(store)).visit
    assert paid.step is VisitStep.PAID and paid.transaction_number
    assert ach_state(world, t.cus) is PseState.OK
    assert store.pse.get_transaction(t.cus).authorization_id == paid.transaction_number
    account = store.coopcentral.account(GOOD)
    assert (account.available, account.balance, account.debits_today) == (
        Money.of("4850000"), Money.of("5100000"), 1)
    debit = store.coopcentral.debit_for(t.cus)
    assert (debit.account_number, debit.amount) == (GOOD, Money.of("150000"))
    # "Aceptar" again (a double click) changes nothing
    assert flow.authorize("visita-1", last_code(store)).visit.step is VisitStep.PAID
    assert store.coopcentral.account(GOOD).available == Money.of("4850000")


def test_a_second_visit_paying_the_same_transaction_is_refused_and_debits_nothing(flow, world):
    store, _ = world
    t = logged_in(flow, world, visit_id="a")
    for visit_id in ("b",):
        flow.identify(t.token, "CC", "1033370434", "10.0.0.8", visit_id)
        flow.choose_entity(visit_id, "cfa")
        flow.give_user(visit_id, "nrivera")
        flow.log_in(visit_id, "clave-red", "x")
    flow.pay("a", GOOD)
    code_a = last_code(store)
    flow.pay("b", "4020019901")
    code_b = last_code(store)
    assert flow.authorize("a", code_a).visit.step is VisitStep.PAID
    second = flow.authorize("b", code_b).visit
    assert second.step is VisitStep.CANCELLED and second.cancel_cause is CancelCause.ALREADY_DECIDED
    assert store.coopcentral.account("4020019901").available == Money.of("1800000")
    assert store.coopcentral.account(GOOD).available == Money.of("4850000")


def test_an_expired_code_is_refused_and_a_resent_one_works(flow, world, clock):
    store, _ = world
    t = logged_in(flow, world)
    flow.pay("visita-1", GOOD)
    first = last_code(store)
    clock.advance(5 * 60)
    assert flow.authorize("visita-1", first).problem == "El código de seguridad expiró. Solicite un nuevo código"
    assert flow.resend_code("visita-1").problem == ""
    second = last_code(store)
    assert flow.resend_code("visita-1").problem.startswith("Podrá solicitar un nuevo código en")
    assert flow.authorize("visita-1", second).visit.step is VisitStep.PAID
    assert ach_state(world, t.cus) is PseState.OK


def test_three_wrong_codes_lock_and_cancel_the_payment(flow, world):
    store, _ = world
    t = logged_in(flow, world)
    flow.pay("visita-1", GOOD)
    flow.authorize("visita-1", "000000")
    flow.authorize("visita-1", "000001")
    locked = flow.authorize("visita-1", "000002").visit
    assert locked.step is VisitStep.CANCELLED and locked.cancel_cause is CancelCause.CODE_LOCKED
    assert ach_state(world, t.cus) is PseState.NOT_AUTHORIZED
    assert store.coopcentral.account(GOOD).available == Money.of("5000000")
    assert flow.pay("visita-1", GOOD).visit.step is VisitStep.CANCELLED  # nothing more to do on this visit


def test_after_the_bank_time_nothing_is_debited_and_the_visit_ends(flow, world, clock):
    store, _ = world
    t = logged_in(flow, world)
    flow.pay("visita-1", GOOD)
    clock.advance(4 * 60)
    flow.resend_code("visita-1")
    code = last_code(store)
    clock.advance(4 * 60)  # past ACH's 7 minutes, the code itself still valid
    ended = flow.authorize("visita-1", code).visit
    assert ended.step is VisitStep.CANCELLED and ended.cancel_cause is CancelCause.BANK_TIME_OVER
    assert ach_state(world, t.cus) is PseState.FAILED
    assert store.coopcentral.debit_for(t.cus) is None
    assert store.coopcentral.account(GOOD).available == Money.of("5000000")


def test_if_ach_refuses_the_confirmation_the_debit_is_rolled_back(flow, world, clock, monkeypatch):
    store, _ = world
    t = logged_in(flow, world)
    flow.pay("visita-1", GOOD)
    code = last_code(store)
    monkeypatch.setattr("simulator.coopcentral.flow.confirm_transaction",
                        lambda *args: Read(AchCode.FAIL_INCONSISTENTDATA))  # ACH does not take the confirmation
    ended = flow.authorize("visita-1", code).visit
    assert ended.step is VisitStep.CANCELLED and ended.cancel_cause is CancelCause.ALREADY_DECIDED
    assert store.coopcentral.debit_for(t.cus) is None
    assert store.coopcentral.account(GOOD).available == Money.of("5000000")


def test_the_associate_may_cancel_before_paying(flow, world):
    t = logged_in(flow, world)
    visit = flow.cancel("visita-1")
    assert visit.step is VisitStep.CANCELLED and visit.cancel_cause is CancelCause.PAYER_CANCELLED
    assert ach_state(world, t.cus) is PseState.NOT_AUTHORIZED
    assert flow.cancel("visita-1").cancel_cause is CancelCause.PAYER_CANCELLED  # again: nothing new


def test_unknown_visits_are_gone(flow):
    with pytest.raises(VisitGone):
        flow.visit("")
    with pytest.raises(VisitGone):
        flow.pay("no-existe", GOOD)


def test_another_associates_account_cannot_be_debited(flow, world):
    logged_in(flow, world)
    with pytest.raises(DomainError, match="Seleccione una de sus cuentas"):
        flow.pay("visita-1", "4020019901")  # Nick's, but at the Financiera, not at Alianza
    with pytest.raises(DomainError, match="Seleccione una de sus cuentas"):
        flow.pay("visita-1", "4030020002")  # Laura's
