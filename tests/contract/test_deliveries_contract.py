"""The outbox of deliveries (ports/deliveries.py DeliveryRepository), run against every store of STORES:
deduplication by key, due order on the simulated clock, claims that keep a second deliverer away until they
expire, a finish only by the holder, survival of what a failed unit of work did not write."""
from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal

import pytest

from domain.gateway.delivery import Delivery, DeliveryKind, DeliveryStatus, ReceiverAnswer, RetryPolicy
from tests.conftest import T0
from tests.contract.test_gateway_repositories_contract import OTHER_MERCHANT, with_merchants

LEASE = timedelta(seconds=40)


def delivery(delivery_id: int, key: str | None = None, merchant_id: int = 1001, due=T0) -> Delivery:
    return Delivery(id=delivery_id, key=key or f"pago:{delivery_id}:1", kind=DeliveryKind.PAYMENT,
                    merchant_id=merchant_id, url="http://127.0.0.1:9/n", reference=f"R-{delivery_id}",
                    payload={"IdPago": f"R-{delivery_id}", "ValorTotalPagado": Decimal("20000.01"),
                             "Facturas": [{"Orden": 1, "ValorPagado": Decimal("20000")}], "Campo1": "ñandú"},
                    created_at=T0, next_at=due)


def add(store, *deliveries: Delivery) -> list[bool]:
    with store.transaction():
        return [store.deliveries.add(d) for d in deliveries]


def advance_claims(store, seconds: float) -> None:
    """Move the real time the claims run on (the stores take it as a callable)."""
    base = store.deliveries.now
    store.deliveries.now = lambda: base() + seconds


@pytest.fixture
def outbox(store):
    with_merchants(store)
    return store


def test_a_delivery_reads_back_as_it_was_queued_amounts_exact(outbox):
    queued = delivery(1)
    assert add(outbox, queued) == [True]
    assert outbox.deliveries.get(1) == queued
    assert outbox.deliveries.get(2) is None


def test_a_second_delivery_with_the_same_key_is_not_queued(outbox):
    assert add(outbox, delivery(1, "pago:7:70"), delivery(2, "pago:7:70")) == [True, False]
    assert [d.id for d in outbox.deliveries.recent()] == [1]


def test_recent_is_newest_first_and_filters_by_merchant(outbox):
    add(outbox, delivery(1), delivery(2, merchant_id=OTHER_MERCHANT.id), delivery(3))
    assert [d.id for d in outbox.deliveries.recent()] == [3, 2, 1]
    assert [d.id for d in outbox.deliveries.recent(1001)] == [3, 1]
    assert [d.id for d in outbox.deliveries.recent(1001, limit=1)] == [3]


def test_recent_below_a_cursor_is_the_next_page(outbox):
    add(outbox, delivery(1), delivery(2, merchant_id=OTHER_MERCHANT.id), delivery(3), delivery(4))
    assert [d.id for d in outbox.deliveries.recent(limit=2, before=4)] == [3, 2]
    assert [d.id for d in outbox.deliveries.recent(1001, limit=5, before=3)] == [1]
    assert outbox.deliveries.recent(before=1) == []


def test_only_due_pending_deliveries_are_claimed_oldest_due_first(outbox):
    add(outbox, delivery(1, due=T0 + timedelta(seconds=5)), delivery(2, due=T0), delivery(3, due=T0 + timedelta(1)))
    with outbox.transaction():
        claimed = outbox.deliveries.claim_due(T0 + timedelta(seconds=5), "a", LEASE, 10)
    assert [d.id for d in claimed] == [2, 1]


def test_a_claimed_delivery_is_not_claimed_again_until_its_claim_expires(outbox):
    add(outbox, delivery(1))
    with outbox.transaction():
        assert [d.id for d in outbox.deliveries.claim_due(T0, "a", LEASE, 10)] == [1]
        assert outbox.deliveries.claim_due(T0 + timedelta(hours=1), "b", LEASE, 10) == []
    advance_claims(outbox, LEASE.total_seconds() + 1)
    with outbox.transaction():
        assert [d.id for d in outbox.deliveries.claim_due(T0, "b", LEASE, 10)] == [1]


def test_only_the_holder_finishes_a_claimed_delivery_and_the_outcome_is_kept(outbox):
    add(outbox, delivery(1))
    with outbox.transaction():
        [mine] = outbox.deliveries.claim_due(T0, "a", LEASE, 10)
    mine.record(ReceiverAnswer(500, "<h1>500</h1>"), T0, RetryPolicy())
    with outbox.transaction():
        assert outbox.deliveries.finish(mine, "b") is False
        assert outbox.deliveries.finish(mine, "a") is True
    kept = outbox.deliveries.get(1)
    assert kept.status is DeliveryStatus.PENDING and kept.next_at == T0 + timedelta(seconds=30)
    assert [(a.http_status, a.succeeded, a.answer) for a in kept.attempts] == [(500, False, "<h1>500</h1>")]
    with outbox.transaction():  # finished: the claim is gone, and the retry is due on the simulated clock
        assert outbox.deliveries.claim_due(T0 + timedelta(seconds=29), "b", LEASE, 10) == []
        assert [d.id for d in outbox.deliveries.claim_due(T0 + timedelta(seconds=30), "b", LEASE, 10)] == [1]


def test_delivered_and_failed_deliveries_are_never_claimed(outbox):
    add(outbox, delivery(1), delivery(2))
    for delivery_id, status in ((1, DeliveryStatus.DELIVERED), (2, DeliveryStatus.FAILED)):
        with outbox.transaction():
            outbox.deliveries.save(replace(outbox.deliveries.get(delivery_id), status=status))
    with outbox.transaction():
        assert outbox.deliveries.claim_due(T0 + timedelta(days=9), "a", LEASE, 10) == []


def test_a_delivery_queued_in_a_failed_unit_of_work_is_not_kept(outbox):
    with pytest.raises(RuntimeError), outbox.transaction():
        outbox.deliveries.add(delivery(1))
        raise RuntimeError("crash")
    assert outbox.deliveries.recent() == [] and add(outbox, delivery(1)) == [True]


def test_payments_awaiting_settlement_are_the_current_999_and_4001_of_the_merchants_asked(outbox):
    from domain.gateway.payment import StateChange
    from domain.shared.payment_states import PaymentState
    from tests.contract.test_gateway_repositories_contract import attempt, payment

    def with_state(identifier, state, merchant_id=1001, attempts=1):
        made = payment(identifier, reference=f"R-{identifier}", merchant_id=merchant_id,
                       attempts=[attempt(identifier * 10 + n) for n in range(attempts)])
        made.attempts[-1].state = state
        made.attempts[-1].history.append(StateChange(state, T0))
        return made

    with outbox.transaction():
        outbox.payments.add(with_state(1, PaymentState.PENDING_FINISH))
        outbox.payments.add(with_state(2, PaymentState.REVIEW_PENDING))
        outbox.payments.add(with_state(3, PaymentState.PENDING_START))
        outbox.payments.add(with_state(4, PaymentState.PENDING_FINISH, merchant_id=OTHER_MERCHANT.id))
        second_attempt_waits = with_state(5, PaymentState.PENDING_FINISH, attempts=2)
        second_attempt_waits.attempts[0].state = PaymentState.REJECTED
        outbox.payments.add(second_attempt_waits)
        first_waited = with_state(6, PaymentState.REJECTED, attempts=2)
        first_waited.attempts[0].state = PaymentState.PENDING_FINISH  # not current: not awaited
        outbox.payments.add(first_waited)
    assert outbox.payments.awaiting_settlement([1001]) == [1, 2, 5]
    assert outbox.payments.awaiting_settlement([1001, OTHER_MERCHANT.id], limit=2) == [1, 2]
    assert outbox.payments.awaiting_settlement([]) == []
