"""The cooperative entity (entidad) that collects payments for its associates' products."""
from __future__ import annotations

from dataclasses import dataclass

from domain.shared.errors import DomainError
from domain.shared.identity import validate_nit


@dataclass(frozen=True)
class Entity:
    """A cooperative of the network. Whether it offers the collection portal is its own setting."""

    name: str
    nit: str  # normalised to `890203088-9`
    collection_enabled: bool = True

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise DomainError("El nombre de la entidad es obligatorio", "entity_name")
        object.__setattr__(self, "nit", validate_nit(self.nit))

    def ensure_accepts_payments(self) -> None:
        """Raise DomainError unless the entity has the collection service enabled."""
        if not self.collection_enabled:
            raise DomainError(
                f"{self.name} no tiene habilitado el servicio de recaudo por PSE", "entity"
            )
