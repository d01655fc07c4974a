"""A card token: what the gateway keeps of a card registered for recurring charges.

The token stands for the card: the merchant charges it later without sending the card again. The
gateway keeps the last four digits, the brand and the expiry to show and check it, and never the
full number or the security code.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.gateway.card_outcomes import CardOutcome
from domain.gateway.cards import CardBrand, CardExpiry

TOKEN_LENGTH = 22  # like the public example `1842154537000000001169`


@dataclass(frozen=True)
class CardToken:
    """A tokenized card of one merchant's customer. Never holds the card number or the CVV."""

    value: str  # the opaque token the merchant charges with
    merchant_id: int
    customer_id: str  # id_cliente as the merchant sent it ("" when none)
    last_four: str
    brand: CardBrand
    expiry: CardExpiry
    created_at: datetime
    initial_payment_number: int | None = None  # no_pago of the approved first charge, if any
    issuer_outcome: CardOutcome | None = None  # how the (test) issuer answers charges to this card

    def belongs_to(self, merchant_id: int) -> bool:
        return self.merchant_id == merchant_id

    def is_expired(self, today: date) -> bool:
        """True once the card's expiry month is over."""
        return self.expiry.is_expired(today)


def token_value(random_prefix: str, sequence_number: int) -> str:
    """A 22-digit token: 10 random digits (never a leading zero) and a 12-digit sequence number."""
    prefix = random_prefix if not random_prefix.startswith("0") else "1" + random_prefix[1:]
    return f"{prefix}{sequence_number:012d}"
