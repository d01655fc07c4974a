"""The Red Coopcentral's people and places: its entities, their associates, the portal credentials of
each membership and the debits the network made for PSE (pse-coopcentral.md steps 4–6 and 10)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from domain.shared.contact import mask_email, mask_mobile
from domain.shared.errors import DomainError
from domain.shared.identity import IdentityDocument, nit_is_valid
from domain.shared.money import Money
from domain.shared.secrets import SecretHash


@dataclass(frozen=True)
class NetworkEntity:
    """A cooperative (or Coopcentral itself) of the network."""

    code: str  # the network's short code ("alianza")
    name: str  # "Cooperativa Alianza"
    nit: str  # with DV: "800214417-5"
    active: bool = True

    def __post_init__(self) -> None:
        if not nit_is_valid(self.nit):
            raise DomainError(f"El NIT de {self.name} no es válido", "nit")


@dataclass(frozen=True)
class NetworkAssociate:
    """A person known to the network, with the contact points the OTP goes to."""

    document: IdentityDocument
    full_name: str
    mobile: str = ""
    email: str = ""

    @property
    def otp_destinations(self) -> list[tuple[str, str]]:
        """(channel, address) pairs: the code goes to the e-mail AND the mobile (step 9)."""
        return [pair for pair in (("email", self.email), ("sms", self.mobile)) if pair[1]]

    @property
    def masked_destinations(self) -> str:
        """Where the code went, masked: `n*********@example.com y ******6048`."""
        parts = [mask_email(self.email)] if self.email else []
        parts += [mask_mobile(self.mobile)] if self.mobile else []
        return " y ".join(parts)


@dataclass(frozen=True)
class Membership:
    """The associate at one entity: the Portal Transaccional's user and its password (only its hash)."""

    entity_code: str
    document: IdentityDocument
    portal_user: str
    password: SecretHash
    last_access_at: datetime | None = None
    last_access_ip: str = ""

    def accepts(self, user: str, password: str) -> bool:
        """User names are compared without case or blanks around; the password exactly (constant time)."""
        same_user = user.strip().casefold() == self.portal_user.casefold()
        return self.password.matches(password) and same_user


@dataclass(frozen=True)
class NetworkDebit:
    """A debit the network made for one PSE transaction (at most one per CUS)."""

    cus: str
    account_number: str
    amount: Money
    at: datetime
    transaction_number: str  # "No. Transacción", the authorizationId reported to ACH
