"""The merchant backend's list of payments without a final state, which its sonda polls (SondaUser).

Process-local on purpose: each Locust process (local run or one worker) plays one merchant backend with its
own database; a real sonda reads its own merchant's pending payments, never another backend's.
"""
from __future__ import annotations

from collections import deque
from dataclasses import dataclass


@dataclass
class PendingPayment:
    reference: str  # id_pago
    polls: int = 0


_queue: deque[PendingPayment] = deque()


def add(reference: str) -> None:
    """A payment the merchant saw in a non-final state (888 never paid, 999 the payer left at PSE)."""
    _queue.append(PendingPayment(reference))


def take(limit: int) -> list[PendingPayment]:
    """Up to `limit` payments to poll now, oldest first."""
    return [_queue.popleft() for _ in range(min(limit, len(_queue)))]


def put_back(payment: PendingPayment) -> None:
    """Still pending after a poll: poll it again in a later pass."""
    _queue.append(payment)


def size() -> int:
    return len(_queue)
