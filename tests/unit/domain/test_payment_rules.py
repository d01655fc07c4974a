"""A payment carries its own rules: the terms a start obeys and the shape of a new payment."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.gateway.payment import DOCUMENT_TYPE_CODES, FORBIDDEN_CHARACTERS, Payment, check_document_type
from domain.shared.errors import DomainError
from domain.shared.gateway_records import Payer
from domain.shared.money import Money
from domain.shared.payment_states import PaymentState

T0 = datetime(2026, 11, 23, 10, 0)


def terms(total="20000", vat="0", reference="ref-1", description="Pago", tipo_id="1"):
    return Payment.checked_terms(Decimal(total) if total is not None else None, Decimal(vat), reference,
                                 description, Payer(document_type=tipo_id))


def refusal(**changes) -> DomainError:
    with pytest.raises(DomainError) as refused:
        terms(**changes)
    return refused.value


def test_valid_terms_give_the_total_and_the_vat_as_money():
    assert terms(total="20000.50", vat="3192.10") == (Money.of("20000.50"), Money.of("3192.10"))


@pytest.mark.parametrize("character", FORBIDDEN_CHARACTERS)
def test_a_reference_with_a_forbidden_character_is_refused_naming_id_pago(character):
    error = refusal(reference=f"ref{character}1")
    assert error.field == "id_pago" and error.message == 'El campo id_pago contiene caracteres no permitidos (| " ;)'


def test_a_description_with_a_pipe_is_refused_naming_descripcion_pago():
    assert refusal(description="Cuota | marzo").field == "descripcion_pago"


def test_amounts_are_checked_before_characters_and_tipo_id():
    assert refusal(total="0", reference="a|b", tipo_id="99").field == "total_con_iva"
    assert refusal(reference="a|b", tipo_id="99").field == "id_pago"


@given(st.integers(-5, 40))
def test_tipo_id_is_one_of_the_codes_0_to_11(code):
    if 0 <= code <= 11:
        check_document_type(code)
        check_document_type(str(code))
    else:
        with pytest.raises(DomainError, match="tipo_id no es un tipo de identificación válido"):
            check_document_type(str(code))


def test_a_tipo_id_not_sent_is_accepted_and_a_padded_one_is_not():
    check_document_type("")
    check_document_type(None)
    assert "05" not in DOCUMENT_TYPE_CODES
    assert refusal(tipo_id="05").field == "tipo_id"


def test_a_started_payment_has_one_attempt_pending_from_its_start():
    payment = Payment.start(7, 70, 1001, "ref-1", Money.of("20000"), Money.of("0"), "Pago", Payer(),
                            ("", "", ""), "2701", T0)
    assert payment.identifier == 7 and payment.created_at == T0 and len(payment.attempts) == 1
    attempt = payment.current_attempt
    assert (attempt.number, attempt.state, attempt.started_at) == (70, PaymentState.PENDING_START, T0)
    assert [(c.state, c.at, c.reason) for c in attempt.history] == [(PaymentState.PENDING_START, T0, "inicio del pago")]
