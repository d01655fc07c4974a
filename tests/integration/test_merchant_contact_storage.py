"""A merchant's support contacts (ACH's pending message names them) survive the SQLite file."""
from __future__ import annotations

from dataclasses import replace

from adapters.storage.sqlite import SqliteStore
from domain.gateway.card_form import CardForm
from domain.gateway.usecases.page_payment import PageStatus, find_payment, pay_by_card
from domain.gateway.usecases.start import start_payment
from simulator.zonapagos.seed import DEMO_SUPPORT_EMAIL, DEMO_SUPPORT_PHONE, seed_demo_data
from tests.unit.simulator.test_gateway_use_cases import COMMAND


def test_support_contacts_survive_reopening_the_file(tmp_path):
    path = tmp_path / "p.sqlite3"
    store = SqliteStore(path)
    seed_demo_data(store)
    demo = store.merchants.get(1001)
    assert (demo.support_phone, demo.support_email) == (DEMO_SUPPORT_PHONE, DEMO_SUPPORT_EMAIL)
    with store.transaction():
        store.merchants.add(replace(demo, id=1002, route="t_otro", support_phone="", support_email="a@b.co"))
    store.close()
    again = SqliteStore(path)
    assert (again.merchants.get(1002).support_phone, again.merchants.get(1002).support_email) == ("", "a@b.co")


def test_a_retry_attempt_is_stored_with_the_first_one(tmp_path, clock):
    path = tmp_path / "p.sqlite3"
    store = SqliteStore(path)
    seed_demo_data(store)
    payment = start_payment(COMMAND, store, clock)
    page = find_payment("t_demo", str(payment.identifier), store)
    pay_by_card(page, CardForm("4000000000000002", "122031", "123", "1", "NICK"), store, clock)
    pay_by_card(find_payment("t_demo", str(payment.identifier), store),
                CardForm("4111111111111111", "122031", "123", "1", "NICK"), store, clock)
    store.close()
    reopened = SqliteStore(path)
    stored = reopened.payments.get(payment.identifier)
    assert [(int(a.state), a.card.last_four) for a in stored.attempts] == [(777, "0002"), (1, "1111")]
    assert find_payment("t_demo", str(payment.identifier), reopened).status is PageStatus.APPROVED
