"""The simulated world's store: every context's repositories sharing one transaction (one SQLite file).

Each context's use cases ask only for their own store (ports/gateway_store.py, ports/ach_store.py, ...);
this union is what the simulator's slices and the composition root hold.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from ports.ach_store import AchStore
from ports.coopcentral import CoopcentralRepository
from ports.gateway_store import GatewayStore
from ports.notifications import Inbox

if TYPE_CHECKING:
    from ports.gateway_store import MerchantRepository


class SimulatorStore(GatewayStore, AchStore, Protocol):
    @property
    def merchants(self) -> MerchantRepository:  # the gateway's merchants, which are also ACH's EntityDirectory
        ...

    @property
    def notifications(self) -> Inbox:
        ...

    @property
    def coopcentral(self) -> CoopcentralRepository:  # the Red Coopcentral behind bank 1066 (simulated world)
        ...

