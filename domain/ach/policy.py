"""ACH's configurable figures in the simulated world."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.shared.money import Money
from domain.ach.transaction import BANK_TIME, DEFAULT_ENTITY_LIMIT


@dataclass(frozen=True)
class AchPolicy:
    bank_time: timedelta = BANK_TIME  # after it the bank may not confirm and ACH's monitor resolves
    entity_limit: Money = DEFAULT_ENTITY_LIMIT  # the most one transaction may collect for an entity
