"""Delivering the outbox (domain/gateway/usecases/deliveries.py) with a fake merchant receiver, the memory store
and a fixed clock: due times on the simulated clock, one deliverer per delivery, nothing recorded twice."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field, replace
from datetime import timedelta
from decimal import Decimal

import pytest

from domain.gateway.delivery import DeliveryStatus, ReceiverAnswer, RetryPolicy
from domain.gateway.usecases.deliveries import claim_due, deliver, redeliver
from domain.gateway.usecases.merchants import adjust_merchant
from domain.gateway.usecases.start import start_payment
from domain.shared.errors import DomainError, IllegalTransition
from tests.unit.simulator.test_page_payment import COMMAND

POLICY = RetryPolicy()


@dataclass
class FakeReceiver:
    answers: list[ReceiverAnswer] = field(default_factory=list)
    posted: list[tuple[int, str, dict]] = field(default_factory=list)

    async def post_json(self, merchant_id, url, payload, timeout):
        self.posted.append((merchant_id, url, dict(payload)))
        return self.answers.pop(0) if self.answers else ReceiverAnswer(200, '{"CodEstado":0}')


@pytest.fixture
def store(memory_store, clock):
    adjust_merchant(1001, memory_store, notification_url="http://comercio.example/n", notification_password="p")
    start_payment(replace(COMMAND, total=Decimal("20000.01")), memory_store, clock)  # approved: one delivery
    return memory_store


def run_pass(store, clock, receiver, holder="a"):
    async def go():
        return [await deliver(d, store, clock, receiver, holder, POLICY)
                for d in claim_due(store, clock, holder, POLICY)]
    return asyncio.run(go())


def test_a_refused_delivery_waits_for_the_simulated_clock_and_is_delivered_by_the_retry(store, clock):
    receiver = FakeReceiver([ReceiverAnswer(200, '{"CodEstado":99}')])
    assert [a.succeeded for a in run_pass(store, clock, receiver)] == [False]
    clock.advance(29)
    assert run_pass(store, clock, receiver) == [] and len(receiver.posted) == 1
    clock.advance(1)
    assert [a.succeeded for a in run_pass(store, clock, receiver)] == [True]
    clock.advance(timedelta(days=2).total_seconds())
    assert run_pass(store, clock, receiver) == [] and len(receiver.posted) == 2
    assert receiver.posted[0][2]["IdPago"] == "R-1" and receiver.posted[0][1] == "http://comercio.example/n"


def test_a_second_deliverer_gets_nothing_while_the_first_holds_the_claim(store, clock):
    assert len(claim_due(store, clock, "a", POLICY)) == 1
    assert claim_due(store, clock, "b", POLICY) == []


def test_a_deliverer_that_lost_its_claim_records_nothing(store, clock):
    [mine] = claim_due(store, clock, "a", POLICY)
    store.deliveries.now = lambda: 10**12  # a's claim expired long ago (real time)
    [theirs] = claim_due(store, clock, "b", POLICY)
    assert asyncio.run(deliver(mine, store, clock, FakeReceiver(), "a", POLICY)) is None
    assert store.deliveries.get(mine.id).attempts == []
    assert asyncio.run(deliver(theirs, store, clock, FakeReceiver(), "b", POLICY)).succeeded


def test_redelivery_of_a_failed_one_is_due_at_once_and_of_a_delivered_one_is_refused(store, clock):
    failing = FakeReceiver([ReceiverAnswer(None, error="x")] * POLICY.max_attempts)
    for _ in range(POLICY.max_attempts):
        run_pass(store, clock, failing)
        clock.advance(POLICY.max_delay.total_seconds())
    [delivery] = store.deliveries.recent()
    assert delivery.status is DeliveryStatus.FAILED
    assert redeliver(delivery.id, store, clock).is_due(clock.now())
    assert [a.succeeded for a in run_pass(store, clock, FakeReceiver())] == [True]
    with pytest.raises(IllegalTransition):
        redeliver(delivery.id, store, clock)
    with pytest.raises(DomainError):
        redeliver(4242, store, clock)
