"""The associate (asociado): the owner of the products paid through the recaudo portal."""
from __future__ import annotations

from dataclasses import dataclass

from domain.shared.contact import validate_email, validate_mobile
from domain.recaudo.entity import Entity
from domain.shared.errors import DomainError
from domain.shared.identity import IdentityDocument
from domain.recaudo.products import Product


@dataclass(frozen=True)
class Associate:
    """An associate of one entity, with the contact points the OTP may be sent to.

    `first_names` / `last_names` are optional: when the entity only reports the full name, the
    split follows the Colombian habit of two surnames last (see `names`).
    """

    document: IdentityDocument
    full_name: str
    entity: Entity
    mobile: str | None = None
    email: str | None = None
    products: tuple[Product, ...] = ()
    first_names: str = ""
    last_names: str = ""

    def __post_init__(self) -> None:
        full_name = " ".join(self.full_name.split())
        if not full_name:
            raise DomainError("El nombre del asociado es obligatorio", "full_name")
        object.__setattr__(self, "full_name", full_name)
        if self.mobile is not None:
            object.__setattr__(self, "mobile", validate_mobile(self.mobile))
        if self.email is not None:
            object.__setattr__(self, "email", validate_email(self.email))
        object.__setattr__(self, "products", tuple(self.products))
        for product in self.products:
            if product.owner != self.document:
                raise DomainError(f"El producto {product.masked_name} no pertenece al asociado", "products")

    @property
    def greeting(self) -> str:
        """What step 3 shows once the document is known."""
        return f"Bienvenido(a), {self.full_name}"

    @property
    def can_receive_otp(self) -> bool:
        """True when the associate has a mobile or an e-mail registered."""
        return bool(self.mobile or self.email)

    def active_products(self) -> tuple[Product, ...]:
        """The products that may receive money, in the entity's order."""
        return tuple(p for p in self.products if p.active)

    def product(self, type_code: str, number: str) -> Product:
        """The associate's product with this type and number; DomainError if it is not theirs."""
        for candidate in self.products:
            if candidate.key == (type_code.upper(), number):
                return candidate
        raise DomainError("El producto no existe o no pertenece al asociado", "product")

    def names(self) -> tuple[str, str]:
        """(first names, last names). Without explicit ones: the last two words are the surnames
        when there are three or more words, the last word when there are two."""
        if self.first_names or self.last_names:
            return self.first_names, self.last_names
        words = self.full_name.split()
        split_at = len(words) - 2 if len(words) > 2 else 1
        return " ".join(words[:split_at]), " ".join(words[split_at:])

