"""The client's str_res_pago parser reads both separator forms into typed attempts."""
from __future__ import annotations

import pytest

from adapters.zonapagos.res_pago_parser import UnreadableResult, parse_res_pago
from domain.shared.money import Money
from domain.shared.payment_states import PaymentState

PADDED = ("3773 | 1 | 12500 | 0 | camisa | 123456789 | Cristina | Vargas | 3001234567 | c@ejemplo.com | "
          "opcion1 | opcion2 | opcion3 | 21/04/2026 12:58:41 | 29 | 18092100031 | 2701 | 1022 | "
          "BANCO UNION COLOMBIANO | 1468228 | 3 | ; |")
COMPACT = PADDED.replace(" | ", "|").replace("| ; |", "|;|")
CARD = ("3800 | 1000 | 50000 | 7983 | Compra Plan Pro | 1020304050 | Juan | Perez | 3001234567 | "
        "j@ejemplo.com |  |  |  | 21/04/2026 14:32:00 | 32 | TKT-9999 | 1234 | Visa |  |  | ; |")


@pytest.mark.parametrize("text", [PADDED, COMPACT], ids=["padded", "compact"])
def test_the_spec_fixture_parses_in_both_forms(text):
    [attempt] = parse_res_pago(text)
    assert attempt.number == 3773 and attempt.state is PaymentState.APPROVED
    assert attempt.paid == Money.of("12500") and attempt.vat == Money.zero()
    assert attempt.payer.first_names == "Cristina" and attempt.payer.email == "c@ejemplo.com"
    assert attempt.date == "21/04/2026 12:58:41" and attempt.method == 29
    assert attempt.pse.cus == "1468228" and attempt.pse.cycle == "3" and attempt.pse.bank_code == "1022"


def test_several_attempts_with_a_card_one_keep_their_order_and_empty_fields():
    attempts = parse_res_pago(PADDED + " " + CARD)
    assert [a.number for a in attempts] == [3773, 3800]
    card = attempts[1]
    assert card.state is PaymentState.REJECTED and card.card.last_four == "1234"
    assert card.card.approval_code == "" and card.optional_fields == ("", "", "")


@pytest.mark.parametrize("text", ["", None, "|;|", " | ; |"])
def test_empty_results_have_no_attempts(text):
    assert parse_res_pago(text) == []


@pytest.mark.parametrize("text", ["1 | 2 | 3 | ; |", "x | 1 | 1 | 0 | d | 1 | n | a | t | e | 1 | 2 | 3 | f | 29 | ; |",
                                  "1 | 5 | 1 | 0 | d | 1 | n | a | t | e | 1 | 2 | 3 | f | 29 | ; |"])
def test_malformed_attempts_are_unreadable(text):
    with pytest.raises(UnreadableResult):
        parse_res_pago(text)
