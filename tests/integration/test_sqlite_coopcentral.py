"""The Red Coopcentral on a real SQLite file: its seeded data and a visit are read back by another connection, a
failed unit of work leaves nothing behind, and concurrent "Aceptar" clicks (two connections, as two
worker processes would have) debit once, with one confirmation at ACH."""
from __future__ import annotations

import json
import threading

import pytest

from adapters.storage.sqlite import SqliteStore
from domain.shared.money import Money
from domain.network.account import DeclineReason
from domain.network.member import NetworkDebit
from domain.network.payment import CancelCause, VisitStep
from domain.shared.payment_states import PseState
from ports.coopcentral import DuplicateDebit
from simulator.coopcentral.flow import NetworkFlow, VisitGone
from simulator.coopcentral.seed import LAURA, NICK, seed_coopcentral
from simulator.control.notifications import StoredNotifier
from simulator.pse.network import AchNetwork
from domain.ach.usecases.payer_flow import go_to_bank
from domain.ach.policy import AchPolicy
from simulator.pse.seed import DEMO_PAYER_EMAIL, seed_pse_data
from simulator.zonapagos.seed import seed_demo_data
from tests.unit.simulator.test_coopcentral_flow import GOOD, NIT, last_code
from tests.unit.simulator.test_pse_use_cases import request

POLICY = AchPolicy()


@pytest.fixture
def path(tmp_path):
    return tmp_path / "red.sqlite3"


@pytest.fixture
def store(path):
    s = SqliteStore(path)
    seed_demo_data(s)
    seed_pse_data(s)
    seed_coopcentral(s)
    yield s
    s.close()


def flow_on(store, clock) -> NetworkFlow:
    return NetworkFlow(store, clock, POLICY, StoredNotifier(store, clock))


def new_transaction(store, clock, amount="150000"):
    answer = AchNetwork(store, clock, POLICY).create_transaction(request(clock, bank_code="1066",
                                                                         amount=Money.of(amount)))
    assert answer.return_code == "SUCCESS"
    token = answer.bank_url.split("enc=")[1]
    go_to_bank(token, DEMO_PAYER_EMAIL, store, clock, POLICY)
    return answer.cus, token


def code_sent(flow, token, visit_id, entity="alianza", account=GOOD):
    flow.identify(token, "CC", "1033370434", "10.0.0.9", visit_id)
    flow.choose_entity(visit_id, entity)
    flow.give_user(visit_id, "nrivera")
    assert flow.log_in(visit_id, "clave-red", "10.0.0.9").problem == ""
    assert flow.pay(visit_id, account).visit.step is VisitStep.CODE_SENT
    return last_code(flow.store)


def test_the_seed_is_kept_once_and_read_back_by_another_connection(store, path):
    seed_coopcentral(store)  # again: nothing changes
    again = SqliteStore(path)
    try:
        assert [e.code for e in again.coopcentral.entities()] == ["coopcentral", "alianza", "cfa"]
        accounts = {a.number: a for a in again.coopcentral.accounts_of(NICK)}
        assert len(accounts) == 7 and accounts["5010047788"].debited_today == Money.of("2000000")
        assert accounts["5010047788"].activity_day is None and not accounts["4030010001"].active
        membership = again.coopcentral.membership("alianza", NICK)
        assert membership.accepts("nrivera", "clave-red") and "clave-red" not in membership.password.encode()
        assert again.coopcentral.associate(LAURA).full_name == "LAURA MARCELA GÓMEZ PARRA"
        assert [m.entity_code for m in again.coopcentral.memberships(NICK)] == ["alianza", "cfa", "coopcentral"]
    finally:
        again.close()


def test_a_visit_with_its_code_and_declines_is_read_back_by_another_connection(store, clock, path):
    flow = flow_on(store, clock)
    cus, token = new_transaction(store, clock)
    flow.identify(token, "CC", "1033370434", "10.0.0.9", "v1")
    flow.choose_entity("v1", "alianza")
    flow.give_user("v1", "nrivera")
    flow.log_in("v1", "clave-red", "10.0.0.9")
    assert flow.pay("v1", "4010023344").decline is DeclineReason.INSUFFICIENT_FUNDS
    flow.pay("v1", GOOD)
    code = last_code(store)
    again = SqliteStore(path)
    try:
        visit = again.coopcentral.visit("v1")
        assert visit.step is VisitStep.CODE_SENT and visit.declined == {"4010023344": DeclineReason.INSUFFICIENT_FUNDS}
        assert visit.otp.code_hash.matches(code)
        stored = json.loads(again.conn.execute("SELECT data FROM network_visits").fetchone()[0])
        assert code not in list(_values(stored))  # only the salted hash is kept
        assert flow_on(again, clock).authorize("v1", code).visit.step is VisitStep.PAID
    finally:
        again.close()


def test_one_debit_per_cus_and_a_failed_unit_of_work_leaves_nothing(store, clock):
    debit = NetworkDebit("1468999", GOOD, Money.of("1000"), clock.now(), "1")
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.coopcentral.add_debit(debit)
            raise RuntimeError("boom")
    assert store.coopcentral.debit_for("1468999") is None
    with store.transaction():
        store.coopcentral.add_debit(debit)
    with pytest.raises(DuplicateDebit):
        with store.transaction():
            store.coopcentral.add_debit(debit)


def _values(data):
    if isinstance(data, dict):
        for item in data.values():
            yield from _values(item)
    elif isinstance(data, list):
        for item in data:
            yield from _values(item)
    else:
        yield data


def _race(path, clock, calls):
    """Run each (visit, code) authorization on its own connection, all released at once."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, visit_id, code):
        own = SqliteStore(path)
        try:
            barrier.wait()
            results[i] = flow_on(own, clock).authorize(visit_id, code).visit
        except BaseException as error:  # surfaced below
            results[i] = error
        finally:
            own.close()

    threads = [threading.Thread(target=run, args=(i, *call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


@pytest.mark.parametrize("round_", range(3))
def test_two_visits_accepting_at_once_debit_once_and_ach_takes_one_confirmation(store, clock, path, round_):
    flow = flow_on(store, clock)
    cus, token = new_transaction(store, clock)
    code_a = code_sent(flow, token, "a")
    code_b = code_sent(flow, token, "b", entity="cfa", account="4020019901")
    before = {n: store.coopcentral.account(n).available for n in (GOOD, "4020019901")}
    first, second = _race(path, clock, [("a", code_a), ("b", code_b)])
    assert not isinstance(first, BaseException) and not isinstance(second, BaseException), (first, second)
    steps = sorted([first.step.value, second.step.value])
    assert steps == ["cancelado", "pagado"]
    loser = first if first.step is VisitStep.CANCELLED else second
    assert loser.cancel_cause is CancelCause.ALREADY_DECIDED
    debit = store.coopcentral.debit_for(cus)
    after = {n: store.coopcentral.account(n).available for n in (GOOD, "4020019901")}
    assert sum((before[n] - after[n] for n in before), Money.zero()) == Money.of("150000")
    assert before[debit.account_number] - after[debit.account_number] == Money.of("150000")
    info = AchNetwork(store, clock, POLICY).information(NIT, cus)
    assert info.state is PseState.OK and info.authorization_id == debit.transaction_number


def test_a_double_click_on_aceptar_from_two_connections_debits_once(store, clock, path):
    flow = flow_on(store, clock)
    cus, token = new_transaction(store, clock)
    code = code_sent(flow, token, "uno")
    before = store.coopcentral.account(GOOD)
    results = _race(path, clock, [("uno", code), ("uno", code), ("uno", code)])
    assert all(not isinstance(r, BaseException) and r.step is VisitStep.PAID for r in results), results
    after = store.coopcentral.account(GOOD)
    assert before.available - after.available == Money.of("150000")
    assert after.debits_today == before.debits_today + 1
    assert store.conn.execute("SELECT COUNT(*) FROM network_debits WHERE cus = ?", (cus,)).fetchone()[0] == 1


def test_visits_idle_for_a_day_are_pruned_and_their_page_says_the_session_ended(store, clock, path):
    flow = flow_on(store, clock)
    _, token = new_transaction(store, clock)
    flow.identify(token, "CC", "1033370434", "10.0.0.9", "old")
    store.conn.execute("UPDATE network_visits SET updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', '-25 hours')")
    _, other = new_transaction(store, clock)
    fresh = SqliteStore(path)  # a new process: its first visit save prunes
    try:
        flow_on(fresh, clock).identify(other, "CC", "1033370434", "10.0.0.9", "new")
        assert [row[0] for row in fresh.conn.execute("SELECT id FROM network_visits")] == ["new"]
        with pytest.raises(VisitGone, match="terminó"):
            flow_on(fresh, clock).visit("old")
    finally:
        fresh.close()
