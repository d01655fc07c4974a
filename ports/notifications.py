"""The notifications port: e-mails and SMS the simulated world sends (ACH's registration e-mail, OTPs...).

Nothing leaves the machine: the simulator keeps every message in its inbox (`/_sim/inbox`), where
tests and testers read them.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol

Channel = Literal["email", "sms"]


@dataclass(frozen=True)
class Message:
    id: int
    channel: Channel
    to: str  # an e-mail address or a mobile number
    subject: str
    body: str
    sent_at: datetime


class Notifier(Protocol):
    def send(self, channel: Channel, to: str, subject: str, body: str) -> None:
        """Deliver a message (durable with the caller's unit of work)."""
        ...


class Inbox(Protocol):
    """Where the simulator keeps what it sent (the store's `notifications`)."""

    def add(self, channel: Channel, to: str, subject: str, body: str, sent_at: datetime) -> Message:
        """Keep one sent message (part of the caller's unit of work)."""
        ...

    def messages_for(self, to: str, limit: int = 50, before: int | None = None) -> list[Message]:
        """Messages sent to this address or number (case-insensitive for e-mail), newest first (ids below
        `before` when given)."""
        ...

    def recent(self, limit: int = 50, before: int | None = None) -> list[Message]:
        """The most recent messages to anyone, newest first (ids below `before` when given)."""
        ...
