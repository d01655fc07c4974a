"""The ACH context's store: PSE transactions and registered payers, and the entities that collect through
PSE, in one unit of work."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from domain.ach.payer import PsePayer
from domain.ach.transaction import PseTransaction
from ports.unit_of_work import UnitOfWork


class PseRepository(Protocol):
    """ACH's data: PSE transactions and the payers registered at PSE."""

    def add_transaction(self, transaction: PseTransaction) -> None:
        ...

    def save_transaction(self, transaction: PseTransaction) -> None:
        ...

    def get_transaction(self, cus: str) -> PseTransaction | None:
        """The transaction with this CUS (trazabilityCode), or None."""
        ...

    def find_by_token(self, token: str) -> PseTransaction | None:
        """The transaction whose bank URL carries `enc=<token>`, or None."""
        ...

    def list_transactions(self, limit: int = 100, start: tuple[str, str] | None = None) -> list[PseTransaction]:
        """The most recent transactions, newest first: by creation time, then by CUS (a later CUS first). With
        `start` = (creation time in ISO 8601, CUS), only that transaction and those listed after it."""
        ...

    def get_payer(self, email: str) -> PsePayer | None:
        """The registered payer with this e-mail (case-insensitive), or None."""
        ...

    def save_payer(self, payer: PsePayer) -> None:
        """Create or replace the registration of `payer.email`."""
        ...

    def delete_payer(self, email: str) -> None:
        ...

    def page_secret(self, candidate: str) -> str:
        """The secret that signs the ACH pages' forms: stored once (the first candidate), shared by workers."""
        ...


class EntityRecord(Protocol):
    """What ACH knows of an entity that collects through PSE (in the simulated world, a gateway merchant)."""

    @property
    def nit(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def service_code(self) -> str: ...

    @property
    def enabled(self) -> bool: ...


class EntityDirectory(Protocol):
    def list(self) -> Sequence[EntityRecord]:
        """Every entity registered with ACH."""
        ...


class AchStore(UnitOfWork, Protocol):
    """What ACH's use cases work on."""

    @property
    def pse(self) -> PseRepository:
        ...

    @property
    def merchants(self) -> EntityDirectory:  # the gateway's merchants are ACH's entities (domain/ach/entities.py)
        ...

