"""ACH's entities in the simulated world: every ZonaPAGOS merchant collects with PSE under its NIT.

ACH reads them through its own port (ports/ach_store.py `EntityDirectory`), so this context knows an entity's
NIT, name, service code and whether it is enabled, and nothing else of the gateway's merchants.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from domain.ach.policy import AchPolicy
from domain.ach.transaction import AchEntity, entity_key

if TYPE_CHECKING:
    from ports.ach_store import AchStore, EntityRecord


def as_entity(record: EntityRecord, policy: AchPolicy) -> AchEntity:
    return AchEntity(record.nit, record.name, record.service_code, record.enabled, policy.entity_limit)


def find_entity(store: AchStore, entity_code: str, policy: AchPolicy) -> AchEntity | None:
    """The entity whose NIT is `entity_code` (with or without DV); an enabled merchant wins over a disabled one."""
    key = entity_key(entity_code)
    if not key:
        return None
    found = [m for m in store.merchants.list() if entity_key(m.nit) == key]
    found.sort(key=lambda m: not m.enabled)
    return as_entity(found[0], policy) if found else None
