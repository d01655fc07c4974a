"""The recaudo portal's use cases on fakes: memory repositories, memory core banking, fixed clock."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from adapters.clock import FixedClock
from adapters.core_banking.memory import MemoryCoreBanking
from adapters.core_banking.seed import fixed_associates
from adapters.storage.memory import MemoryIds
from adapters.storage.recaudo_memory import MemoryPortalPayments, MemoryRecaudoSessions, MemorySondaLock
from domain.shared.otp import OtpPolicy
from domain.recaudo.usecases import visit as steps
from domain.recaudo.usecases.payment import EntityContacts
from tests.conftest import T0
from tests.unit.recaudo.fakes import FakeGateway, RecordingOtpChannel

CONTACTS = EntityContacts("(601) 555 0101", "soporte@comercio-demo.test")
CREDIT = ("CR", "300027626")
SAVINGS = ("AV", "100207756")
SAVINGS_2 = ("AV", "100206764")
APORTES = ("PO", "400018768")
INACTIVE = ("AC", "500011234")


@dataclass
class Portal:
    """The ports of the portal, and shortcuts that walk a session to a given step."""

    core: MemoryCoreBanking
    sessions: MemoryRecaudoSessions
    payments: MemoryPortalPayments
    lock: MemorySondaLock
    channel: RecordingOtpChannel
    gateway: FakeGateway
    ids: MemoryIds
    clock: FixedClock
    policy: OtpPolicy = OtpPolicy()
    contacts: EntityContacts = CONTACTS

    def identify(self, session_id: str = "s1", number: str = "1033370434", kind: str = "CC"):
        return steps.identify_associate(kind, number, session_id, self.core, self.sessions, self.clock)

    def send_code(self, session_id: str = "s1"):
        return steps.request_security_code(session_id, self.sessions, self.channel, self.ids, self.clock, self.policy)

    def verified(self, session_id: str = "s1", number: str = "1033370434"):
        self.identify(session_id, number)
        self.send_code(session_id)
        return steps.check_security_code(session_id, self.channel.last_code, self.sessions, self.clock)

    def choose(self, session_id: str = "s1", *inputs: steps.ChoiceInput):
        return steps.choose_products(session_id, inputs, self.sessions, self.clock)

    def ready_to_start(self, session_id: str = "s1"):
        self.verified(session_id)
        self.choose(session_id, steps.ChoiceInput(*CREDIT, "MINIMUM"),
                    steps.ChoiceInput(*SAVINGS, "FREE", "50.000"))
        steps.set_payer(session_id, None, self.sessions, self.clock)
        return steps.payment_detail(session_id, self.sessions, self.payments, self.clock)


@pytest.fixture
def portal(clock) -> Portal:
    core = MemoryCoreBanking([a for a, _ in fixed_associates(date(2026, 11, 23))])
    return Portal(core, MemoryRecaudoSessions(), MemoryPortalPayments(), MemorySondaLock(), RecordingOtpChannel(),
                  FakeGateway(), MemoryIds(7), clock)


__all__ = ["Portal", "T0"]
