import pytest

from domain.gateway.card_outcomes import MAGIC_CARDS, CardOutcome, outcome_for_card
from domain.gateway.cards import CardNumber


@pytest.mark.parametrize("number", ["4111111111111111", "5555555555554444", "36227206271667", "378282246310005"])
def test_the_four_brand_test_cards_approve(number):
    assert outcome_for_card(CardNumber(number)) is CardOutcome.APPROVE


def test_the_decline_card_declines():
    assert outcome_for_card(CardNumber("4000000000000002")) is CardOutcome.DECLINE


def test_the_insufficient_funds_card_declines_for_insufficient_funds():
    outcome = outcome_for_card(CardNumber("4000000000009995"))
    assert outcome is CardOutcome.INSUFFICIENT_FUNDS
    assert not outcome.approved and outcome.detail == "Fondos insuficientes"


def test_any_other_valid_card_has_no_forced_outcome():
    assert outcome_for_card(CardNumber("5105105105105100")) is None


def test_every_magic_card_is_a_valid_card_of_its_brand():
    for card in MAGIC_CARDS:
        assert CardNumber(card.number).brand is card.brand
