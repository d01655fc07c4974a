"""The gateway's outbox of deliveries to merchants' servers (zonapagos-ws.md §12) and the way out to them.

Deliveries are written in the unit of work of the change they report and claimed by one deliverer at a time,
so with several worker processes each one is posted by one of them.
"""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any, Protocol

from domain.gateway.delivery import Delivery, ReceiverAnswer


class DeliveryRepository(Protocol):
    def add(self, delivery: Delivery) -> bool:
        """Queue a delivery (part of the caller's unit of work); False, and nothing stored, when one with the same
        `key` exists already (deduplication)."""
        ...

    def get(self, delivery_id: int) -> Delivery | None:
        ...

    def save(self, delivery: Delivery) -> None:
        """Persist an existing delivery's status, due time and attempts."""
        ...

    def recent(self, merchant_id: int | None = None, limit: int = 100, before: int | None = None) -> list[Delivery]:
        """Newest first; one merchant's only when `merchant_id` is given; ids below `before` only (a page's
        keyset cursor) when it is."""
        ...

    def claim_due(self, now: datetime, holder: str, lease: timedelta, limit: int) -> list[Delivery]:
        """Pending deliveries due at `now` (simulated time) that no other holder's claim covers, claimed for
        `holder` for `lease` of real time (a worker that dies mid-post lets them go after it)."""
        ...

    def finish(self, delivery: Delivery, holder: str) -> bool:
        """Save a claimed delivery after its attempt and drop the claim; False (nothing saved) when `holder` no
        longer holds it."""
        ...


class MerchantReceiver(Protocol):
    """The way out to merchants' servers: one JSON POST."""

    async def post_json(self, merchant_id: int, url: str, payload: Mapping[str, Any],
                        timeout: timedelta) -> ReceiverAnswer:
        """POST `payload` as JSON to `url`; the HTTP status and body, or no status and why (timeout,
        refused connection). Never raises for what the merchant's server does."""
        ...
