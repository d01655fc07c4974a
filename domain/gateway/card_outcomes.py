"""The simulator's own test cards and what charging them does (spec README, "Cards").

No public test cards exist for ZonaPAGOS; these are the simulator's documented conventions. Any other
valid card has no forced outcome: the amount's magic cents, the control API or the default decide.
"""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from domain.gateway.cards import CardBrand, CardNumber


class CardOutcome(Enum):
    APPROVE = "Aprobada"
    DECLINE = "Tarjeta declinada por el emisor"
    INSUFFICIENT_FUNDS = "Fondos insuficientes"

    @property
    def approved(self) -> bool:
        return self is CardOutcome.APPROVE

    @property
    def detail(self) -> str:
        """The Spanish text for `detalle_estado`."""
        return self.value


@dataclass(frozen=True)
class MagicCard:
    number: str
    brand: CardBrand
    outcome: CardOutcome


MAGIC_CARDS: tuple[MagicCard, ...] = (
    MagicCard("4111111111111111", CardBrand.VISA, CardOutcome.APPROVE),
    MagicCard("5555555555554444", CardBrand.MASTERCARD, CardOutcome.APPROVE),
    MagicCard("36227206271667", CardBrand.DINERS, CardOutcome.APPROVE),
    MagicCard("378282246310005", CardBrand.AMEX, CardOutcome.APPROVE),
    MagicCard("4000000000000002", CardBrand.VISA, CardOutcome.DECLINE),
    MagicCard("4000000000009995", CardBrand.VISA, CardOutcome.INSUFFICIENT_FUNDS),
)

_BY_NUMBER = {card.number: card for card in MAGIC_CARDS}


def outcome_for_card(number: CardNumber) -> CardOutcome | None:
    """The forced outcome of a test card, or None for any other card."""
    card = _BY_NUMBER.get(number.digits)
    return card.outcome if card else None
