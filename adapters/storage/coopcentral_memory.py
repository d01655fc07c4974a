"""The Red Coopcentral's data in memory: the fake of ports.coopcentral for unit tests."""
from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from domain.shared.identity import IdentityDocument
from domain.network.account import NetworkAccount
from domain.network.member import Membership, NetworkAssociate, NetworkDebit, NetworkEntity
from domain.network.payment import NetworkVisit
from ports.coopcentral import DuplicateDebit

if TYPE_CHECKING:
    from typing import TypeAlias

    _Snapshot: TypeAlias = tuple[
        dict[str, NetworkEntity], dict[IdentityDocument, NetworkAssociate],
        dict[tuple[str, IdentityDocument], Membership], dict[str, NetworkAccount], dict[str, NetworkDebit],
        dict[str, NetworkVisit],
    ]


class MemoryCoopcentral:
    def __init__(self) -> None:
        self._entities: dict[str, NetworkEntity] = {}
        self._associates: dict[IdentityDocument, NetworkAssociate] = {}
        self._memberships: dict[tuple[str, IdentityDocument], Membership] = {}
        self._accounts: dict[str, NetworkAccount] = {}
        self._debits: dict[str, NetworkDebit] = {}
        self._visits: dict[str, NetworkVisit] = {}

    def add_entity(self, entity: NetworkEntity) -> None:
        self._entities[entity.code] = entity

    def entity(self, code: str) -> NetworkEntity | None:
        return self._entities.get(code)

    def entities(self) -> list[NetworkEntity]:
        return sorted(self._entities.values(), key=lambda e: e.name)

    def save_associate(self, associate: NetworkAssociate) -> None:
        self._associates[associate.document] = associate

    def associate(self, document: IdentityDocument) -> NetworkAssociate | None:
        return self._associates.get(document)

    def save_membership(self, membership: Membership) -> None:
        for (code, document), other in self._memberships.items():
            if code == membership.entity_code and document != membership.document \
                    and other.portal_user.casefold() == membership.portal_user.casefold():
                raise ValueError("duplicate portal user in the entity")
        self._memberships[(membership.entity_code, membership.document)] = membership

    def membership(self, entity_code: str, document: IdentityDocument) -> Membership | None:
        return self._memberships.get((entity_code, document))

    def memberships(self, document: IdentityDocument) -> list[Membership]:
        return sorted((m for (_, d), m in self._memberships.items() if d == document), key=lambda m: m.entity_code)

    def save_account(self, account: NetworkAccount) -> None:
        self._accounts[account.number] = account

    def account(self, number: str) -> NetworkAccount | None:
        return self._accounts.get(number)

    def accounts(self, entity_code: str, document: IdentityDocument) -> list[NetworkAccount]:
        return sorted((a for a in self._accounts.values() if a.entity_code == entity_code and a.owner == document),
                      key=lambda a: a.number)

    def accounts_of(self, document: IdentityDocument) -> list[NetworkAccount]:
        return sorted((a for a in self._accounts.values() if a.owner == document),
                      key=lambda a: (a.entity_code, a.number))

    def add_debit(self, debit: NetworkDebit) -> None:
        if debit.cus in self._debits:
            raise DuplicateDebit(debit.cus)
        self._debits[debit.cus] = debit

    def debit_for(self, cus: str) -> NetworkDebit | None:
        return self._debits.get(cus)

    def save_visit(self, visit: NetworkVisit) -> None:
        self._visits[visit.id] = copy.deepcopy(visit)

    def visit(self, visit_id: str) -> NetworkVisit | None:
        found = self._visits.get(visit_id)
        return copy.deepcopy(found) if found else None

    def snapshot(self) -> _Snapshot:
        return (dict(self._entities), dict(self._associates), dict(self._memberships), dict(self._accounts),
                dict(self._debits), copy.deepcopy(self._visits))

    def restore(self, snapshot: _Snapshot) -> None:
        (self._entities, self._associates, self._memberships, self._accounts, self._debits,
         self._visits) = snapshot
