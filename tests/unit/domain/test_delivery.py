"""A delivery to a merchant's server: how an answer is judged, the bounded exponential back-off, the final
failure after the last attempt, at most one success, and the control API's redelivery."""
from __future__ import annotations

from datetime import timedelta

import pytest

from domain.gateway.delivery import (
    Delivery, DeliveryKind, DeliveryStatus, ReceiverAnswer, RetryPolicy, judge,
)
from tests.conftest import T0

POLICY = RetryPolicy(first_delay=timedelta(seconds=30), factor=2, max_delay=timedelta(minutes=5), max_attempts=4)


def a_delivery(kind: DeliveryKind = DeliveryKind.PAYMENT) -> Delivery:
    return Delivery(id=1, key="pago:1:1", kind=kind, merchant_id=1001, url="http://m/x", payload={}, created_at=T0,
                    next_at=T0)


@pytest.mark.parametrize(("answer", "ok"), [
    (ReceiverAnswer(200, '{"CodEstado":0,"DescripcionEstado":"ok"}'), True),
    (ReceiverAnswer(201, '{"CodEstado": 0}'), True),
    (ReceiverAnswer(200, '{"CodEstado":1}'), False),
    (ReceiverAnswer(200, '{"CodEstado":2}'), False),
    (ReceiverAnswer(200, '{"CodEstado":99}'), False),
    (ReceiverAnswer(200, '{"CodEstado":"0"}'), False),
    (ReceiverAnswer(200, '{"CodEstado":true}'), False),
    (ReceiverAnswer(200, "OK"), False),
    (ReceiverAnswer(200, "[0]"), False),
    (ReceiverAnswer(500, '{"CodEstado":0}'), False),
    (ReceiverAnswer(302, ""), False),
    (ReceiverAnswer(None, error="tiempo de espera agotado"), False),
])
def test_only_a_2xx_json_answer_with_code_0_acknowledges_a_payment_notification(answer, ok):
    assert judge(DeliveryKind.PAYMENT, answer)[0] is ok


def test_a_token_delivery_reads_int_cod_estado():
    assert judge(DeliveryKind.TOKEN, ReceiverAnswer(200, '{"int_cod_estado":0,"str_mensaje":"ok"}'))[0]
    assert not judge(DeliveryKind.TOKEN, ReceiverAnswer(200, '{"CodEstado":0}'))[0]
    assert "2: error de autenticación" in judge(DeliveryKind.TOKEN, ReceiverAnswer(200, '{"int_cod_estado":2}'))[1]


def test_the_back_off_doubles_and_is_bounded():
    assert [POLICY.delay_after(n).total_seconds() for n in range(1, 7)] == [30, 60, 120, 240, 300, 300]


def test_failures_are_retried_after_the_back_off_then_the_delivery_fails_for_good():
    delivery, at = a_delivery(), T0
    for number, wait in enumerate([30, 60, 120], start=1):
        delivery.record(ReceiverAnswer(500), at, POLICY)
        assert delivery.status is DeliveryStatus.PENDING and delivery.next_at == at + timedelta(seconds=wait)
        assert not delivery.is_due(at + timedelta(seconds=wait - 1)) and delivery.is_due(delivery.next_at)
        at = delivery.next_at
    delivery.record(ReceiverAnswer(None, error="sin respuesta"), at, POLICY)
    assert delivery.status is DeliveryStatus.FAILED and not delivery.is_due(at + timedelta(days=1))
    assert [a.number for a in delivery.attempts] == [1, 2, 3, 4]


def test_a_delivered_notification_is_never_recorded_or_sent_again():
    delivery = a_delivery()
    delivery.record(ReceiverAnswer(200, '{"CodEstado":0}'), T0, POLICY)
    assert delivery.status is DeliveryStatus.DELIVERED and not delivery.is_due(T0 + timedelta(days=1))
    with pytest.raises(ValueError):
        delivery.record(ReceiverAnswer(200, '{"CodEstado":0}'), T0, POLICY)
    with pytest.raises(ValueError):
        delivery.send_again(T0)


def test_sending_a_failed_delivery_again_starts_a_fresh_series_of_attempts():
    delivery = a_delivery()
    for _ in range(POLICY.max_attempts):
        delivery.record(ReceiverAnswer(503), delivery.next_at, POLICY)
    assert delivery.status is DeliveryStatus.FAILED
    later = T0 + timedelta(hours=2)
    delivery.send_again(later)
    assert delivery.is_due(later)
    delivery.record(ReceiverAnswer(503), later, POLICY)
    assert delivery.status is DeliveryStatus.PENDING and delivery.next_at == later + timedelta(seconds=30)
