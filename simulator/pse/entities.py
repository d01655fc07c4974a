"""ACH's entities in the simulated world: every ZonaPAGOS merchant collects with PSE under its NIT."""
from __future__ import annotations

from domain.merchant import Merchant
from domain.pse_transaction import AchEntity, entity_key
from ports.store import GatewayStore
from simulator.pse.policy import AchPolicy


def as_entity(merchant: Merchant, policy: AchPolicy) -> AchEntity:
    return AchEntity(merchant.nit, merchant.name, merchant.service_code, merchant.enabled, policy.entity_limit)


def find_entity(store: GatewayStore, entity_code: str, policy: AchPolicy) -> AchEntity | None:
    """The entity whose NIT is `entity_code` (with or without DV); an enabled merchant wins over a disabled one."""
    key = entity_key(entity_code)
    if not key:
        return None
    found = [m for m in store.merchants.list() if entity_key(m.nit) == key]
    found.sort(key=lambda m: not m.enabled)
    return as_entity(found[0], policy) if found else None
