"""A delivery of the gateway to a merchant's server: a payment notification (NotificarPagos) or a token
(ApiToken Notificar), zonapagos-ws.md §12.

A delivery is queued in the same unit of work as the change it reports (a transactional outbox), then
posted until the merchant acknowledges it, with a bounded exponential back-off on the simulated clock and
a final "failed" state after the last allowed attempt. It is delivered successfully at most once.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import Enum
from typing import Any


class DeliveryKind(str, Enum):
    PAYMENT = "pago"  # NotificarPagos: answers {"CodEstado": 0, "DescripcionEstado": "…"}
    TOKEN = "token"  # ApiToken/api/Notificar: answers {"int_cod_estado": 0, "str_mensaje": "…"}

    @property
    def status_field(self) -> str:
        return "CodEstado" if self is DeliveryKind.PAYMENT else "int_cod_estado"

    @property
    def secret_field(self) -> str:
        """The field of the body that carries the merchant's shared password (masked when shown)."""
        return "Password" if self is DeliveryKind.PAYMENT else "str_clave"


class DeliveryStatus(str, Enum):
    PENDING = "pendiente"  # waiting for its next attempt
    DELIVERED = "entregada"  # the merchant answered code 0: never sent again
    FAILED = "fallida"  # every allowed attempt failed (the control API may send it again)


# What the merchant's code means (§12): 0 received; 1 could not update / not received; 2 auth error; 99 technical.
ANSWER_CODES = {0: "recibida", 1: "el comercio no pudo procesarla", 2: "error de autenticación en el comercio",
                99: "error técnico en el comercio"}


@dataclass(frozen=True)
class ReceiverAnswer:
    """What came back from one POST: an HTTP status and body, or no answer at all (`error` says why)."""

    status: int | None
    body: str = ""
    error: str = ""  # "tiempo de espera agotado", "conexión rechazada", ... when there is no HTTP answer


@dataclass(frozen=True)
class RetryPolicy:
    """Bounded exponential back-off: 30 s, 1 min, 2 min, 4 min ... at most 1 h apart, at most 8 attempts."""

    first_delay: timedelta = timedelta(seconds=30)
    factor: int = 2
    max_delay: timedelta = timedelta(hours=1)
    max_attempts: int = 8
    timeout: timedelta = timedelta(seconds=10)  # how long one POST may take

    def delay_after(self, failures: int) -> timedelta:
        """How long to wait after the `failures`-th failed attempt (1, 2, ...) before the next one."""
        if failures < 1:
            return timedelta(0)
        multiplier: int = self.factor ** (failures - 1)
        return min(self.first_delay * multiplier, self.max_delay)


@dataclass(frozen=True)
class DeliveryAttempt:
    number: int
    at: datetime
    succeeded: bool
    http_status: int | None
    answer: str  # the merchant's body as received (bounded)
    detail: str  # why it counted as a success or a failure, in Spanish


MAX_ANSWER_KEPT = 2000


def judge(kind: DeliveryKind, answer: ReceiverAnswer) -> tuple[bool, str]:
    """Whether the merchant acknowledged the delivery, and why: HTTP 2xx with a JSON object whose code is 0.
    Codes 1, 2, 99, any other code, a body that is not that JSON, an HTTP error or no answer are failures."""
    if answer.status is None:
        return False, answer.error or "sin respuesta del comercio"
    if not 200 <= answer.status < 300:
        return False, f"el comercio respondió HTTP {answer.status}"
    try:
        data = json.loads(answer.body)
    except (ValueError, RecursionError):
        return False, "la respuesta del comercio no es JSON"
    code = data.get(kind.status_field) if isinstance(data, dict) else None
    if isinstance(code, bool) or not isinstance(code, int):
        return False, f"la respuesta del comercio no trae {kind.status_field} numérico"
    if code == 0:
        return True, f"{kind.status_field} 0: {ANSWER_CODES[0]}"
    return False, f"{kind.status_field} {code}: {ANSWER_CODES.get(code, 'código desconocido')}"


@dataclass
class Delivery:
    """One message for one merchant, with every attempt made to deliver it."""

    id: int
    key: str  # what makes it unique: one per payment attempt reaching its final state, one per token
    kind: DeliveryKind
    merchant_id: int
    url: str
    payload: dict[str, Any]
    created_at: datetime
    next_at: datetime  # when it is due (pending only)
    status: DeliveryStatus = DeliveryStatus.PENDING
    attempts: list[DeliveryAttempt] = field(default_factory=list)
    reference: str = ""  # the payment's id_pago or the token's id_cliente, to find it
    series_from: int = 0  # attempts before this index belong to an earlier series (before a redelivery)

    def is_due(self, now: datetime) -> bool:
        return self.status is DeliveryStatus.PENDING and self.next_at <= now

    @property
    def failures_in_series(self) -> int:
        return sum(1 for attempt in self.attempts[self.series_from:] if not attempt.succeeded)

    def record(self, answer: ReceiverAnswer, at: datetime, policy: RetryPolicy) -> DeliveryAttempt:
        """Record one POST's outcome: delivered, due again after the back-off, or failed for good."""
        if self.status is DeliveryStatus.DELIVERED:
            raise ValueError("a delivered notification is never sent again")
        succeeded, detail = judge(self.kind, answer)
        attempt = DeliveryAttempt(len(self.attempts) + 1, at, succeeded, answer.status,
                                  answer.body[:MAX_ANSWER_KEPT], detail)
        self.attempts.append(attempt)
        if succeeded:
            self.status = DeliveryStatus.DELIVERED
        elif self.failures_in_series >= policy.max_attempts:
            self.status = DeliveryStatus.FAILED
        else:
            self.next_at = at + policy.delay_after(self.failures_in_series)
        return attempt

    def send_again(self, now: datetime) -> None:
        """The control API's redelivery: due at once with a fresh series of attempts. A delivered one is
        never sent again (the merchant already acknowledged it)."""
        if self.status is DeliveryStatus.DELIVERED:
            raise ValueError("delivered")
        self.status = DeliveryStatus.PENDING
        self.next_at = now
        self.series_from = len(self.attempts)  # a fresh series: earlier failures no longer count
