"""Deliveries as rows and JSON: the payload keeps its amounts as JSON numbers (Decimal in, Decimal out)."""
from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from domain.gateway.delivery import Delivery, DeliveryAttempt, DeliveryKind, DeliveryStatus

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _number(value: object) -> object:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)  # 2 decimals: exact repr
    raise TypeError(f"not JSON: {type(value).__name__}")


def payload_json(payload: dict[str, Any]) -> str:
    """The body posted to the merchant, as stored and as sent."""
    return json.dumps(payload, ensure_ascii=False, default=_number, separators=(",", ":"))


def payload_from_json(text: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(text, parse_float=Decimal)
    return loaded


def micros(at: datetime) -> int:
    """An aware time as microseconds since the epoch: due times compare as numbers in SQL."""
    delta = at - EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def attempts_json(attempts: list[DeliveryAttempt]) -> str:
    return json.dumps([[a.number, a.at.isoformat(), a.succeeded, a.http_status, a.answer, a.detail]
                       for a in attempts], ensure_ascii=False)


def attempts_from_json(text: str) -> list[DeliveryAttempt]:
    return [DeliveryAttempt(n, datetime.fromisoformat(at), ok, status, answer, detail)
            for n, at, ok, status, answer, detail in json.loads(text)]


COLUMNS = ("id", "key", "kind", "merchant_id", "reference", "url", "payload", "created_at", "status", "next_at",
           "series_from", "attempts")


def delivery_row(d: Delivery) -> tuple[object, ...]:
    return (d.id, d.key, d.kind.value, d.merchant_id, d.reference, d.url, payload_json(d.payload),
            d.created_at.isoformat(), d.status.value, micros(d.next_at), d.series_from, attempts_json(d.attempts))


def delivery_from_row(row: tuple[Any, ...]) -> Delivery:
    (delivery_id, key, kind, merchant_id, reference, url, payload, created_at, status, next_at, series_from,
     attempts) = row
    created = datetime.fromisoformat(created_at)
    due = (EPOCH + timedelta(microseconds=next_at)).astimezone(created.tzinfo)  # in the clock's zone
    return Delivery(id=delivery_id, key=key, kind=DeliveryKind(kind), merchant_id=merchant_id, url=url,
                    payload=payload_from_json(payload), created_at=created, next_at=due,
                    status=DeliveryStatus(status), attempts=attempts_from_json(attempts), reference=reference,
                    series_from=series_from)

