"""The gateway's unit of work: repositories and id generation sharing one transaction."""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from ports.coopcentral import CoopcentralRepository
from ports.ids import IdGenerator
from ports.notifications import Inbox
from ports.repositories import MerchantRepository, PaymentRepository, PseRepository, ScheduledOutcomes, TokenRepository


class GatewayStore(Protocol):
    payments: PaymentRepository
    merchants: MerchantRepository
    tokens: TokenRepository
    pse: PseRepository
    notifications: Inbox
    scheduled_outcomes: ScheduledOutcomes
    coopcentral: CoopcentralRepository  # the Red Coopcentral behind bank 1066 (simulated world)
    ids: IdGenerator

    def transaction(self) -> AbstractContextManager[None]:
        """A unit of work: everything inside commits together (durably) or not at all."""
        ...
