"""The card-number net the journal runs over every text it keeps: cards keep their last four, references stay."""
from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.gateway.cards import luhn_check_digit
from simulator.control.masking import has_long_digit_run, mask_cards as mask

bodies = st.integers(min_value=12, max_value=18).flatmap(lambda n: st.text("0123456789", min_size=n, max_size=n))


@settings(max_examples=200, deadline=None)
@given(bodies)
def test_a_card_number_anywhere_in_free_text_keeps_only_its_last_four(body):
    pan = body + str(luhn_check_digit(body))
    masked = mask(f"<descripcion_pago>pago con {pan} gracias</descripcion_pago>")
    assert pan not in masked and masked.count("*") == len(pan) - 4 and pan[-4:] in masked


@settings(max_examples=200, deadline=None)
@given(bodies)
def test_references_are_never_masked_even_when_they_pass_luhn(body):
    reference = body + str(luhn_check_digit(body))
    assert mask(f"<ns1:str_id_pago>{reference}</ns1:str_id_pago>") == f"<ns1:str_id_pago>{reference}</ns1:str_id_pago>"
    assert mask(f"a=1&id_pago={reference}") == f"a=1&id_pago={reference}"


def test_digit_runs_that_are_not_cards_stay():
    assert mask("<x>4111111111111112</x><y>123456789012</y>") == "<x>4111111111111112</x><y>123456789012</y>"


def test_answers_keep_their_text_unless_a_card_number_shows_up():
    from simulator.control.masking import mask_response

    answer = "<str_res_pago>3700 | 1 | 12500 | 0 | camisa | ; |</str_res_pago>"
    assert mask_response(answer) == answer
    assert "4111111111111111" not in mask_response("<str_res_pago>3700 | pago 4111111111111111 | ; |</str_res_pago>")


@settings(max_examples=500, deadline=None)
@given(st.text(st.sampled_from("0123456789 -<>a|é٣"), max_size=60))
def test_the_fast_long_digit_run_test_agrees_with_the_regex(text):
    assert has_long_digit_run(text) == (re.search(r"\d{13}", text) is not None)
    assert has_long_digit_run("x" + "7" * 13) and not has_long_digit_run("1234567890 12")
