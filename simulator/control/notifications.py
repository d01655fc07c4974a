"""The simulator's notifier: every e-mail or SMS of the simulated world goes to the inbox in the store."""
from __future__ import annotations

from ports.clock import Clock
from ports.notifications import Channel
from ports.store import SimulatorStore

CHANNELS = ("email", "sms")


class StoredNotifier:
    """ports.notifications.Notifier on the store's inbox: durable with the caller's unit of work."""

    def __init__(self, store: SimulatorStore, clock: Clock):
        self.store = store
        self.clock = clock

    def send(self, channel: Channel, to: str, subject: str, body: str) -> None:
        if channel not in CHANNELS:
            raise ValueError(f"unknown channel {channel!r}")
        with self.store.transaction():
            self.store.notifications.add(channel, to, subject, body, self.clock.now())
