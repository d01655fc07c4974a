"""The Red Coopcentral's data in the simulated world: entities, associates, memberships, accounts, the
debits made for PSE and the visits to its pages. SQLite by default (`m0008_coopcentral`), in memory for
unit tests; every method joins the caller's unit of work (`store.transaction()`)."""
from __future__ import annotations

from typing import Protocol

from domain.shared.identity import IdentityDocument
from domain.network.account import NetworkAccount
from domain.network.member import Membership, NetworkAssociate, NetworkDebit, NetworkEntity
from domain.network.payment import NetworkVisit


class DuplicateDebit(Exception):
    """The network already debited an account for this CUS."""


class CoopcentralRepository(Protocol):
    def add_entity(self, entity: NetworkEntity) -> None:
        ...

    def entity(self, code: str) -> NetworkEntity | None:
        ...

    def entities(self) -> list[NetworkEntity]:
        """Every entity of the network, by name."""
        ...

    def save_associate(self, associate: NetworkAssociate) -> None:
        ...

    def associate(self, document: IdentityDocument) -> NetworkAssociate | None:
        ...

    def save_membership(self, membership: Membership) -> None:
        """Create or replace the associate's membership of one entity."""
        ...

    def membership(self, entity_code: str, document: IdentityDocument) -> Membership | None:
        ...

    def memberships(self, document: IdentityDocument) -> list[Membership]:
        ...

    def save_account(self, account: NetworkAccount) -> None:
        """Create or replace an account (by number)."""
        ...

    def account(self, number: str) -> NetworkAccount | None:
        ...

    def accounts(self, entity_code: str, document: IdentityDocument) -> list[NetworkAccount]:
        """The associate's accounts at one entity, active or not, by number."""
        ...

    def accounts_of(self, document: IdentityDocument) -> list[NetworkAccount]:
        """Every account of the associate in the network, by entity and number."""
        ...

    def add_debit(self, debit: NetworkDebit) -> None:
        """Record the debit of a CUS; raises DuplicateDebit when that CUS was already debited."""
        ...

    def debit_for(self, cus: str) -> NetworkDebit | None:
        ...

    def save_visit(self, visit: NetworkVisit) -> None:
        ...

    def visit(self, visit_id: str) -> NetworkVisit | None:
        ...
