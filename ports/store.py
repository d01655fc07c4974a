"""The gateway's unit of work: repositories and id generation sharing one transaction."""
from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Protocol

from ports.ids import IdGenerator
from ports.repositories import MerchantRepository, PaymentRepository


class GatewayStore(Protocol):
    payments: PaymentRepository
    merchants: MerchantRepository
    ids: IdGenerator

    def transaction(self) -> AbstractContextManager[None]:
        """A unit of work: everything inside commits together (durably) or not at all."""
        ...
