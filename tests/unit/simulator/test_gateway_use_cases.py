"""The gateway's use cases on the in-memory store and a fixed clock."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from domain.shared.errors import DomainError, IllegalTransition
from domain.shared.gateway_records import Payer
from domain.shared.payment_states import PaymentMethod, PaymentState
from domain.gateway.usecases.force import force_outcome
from domain.gateway.resolution import WorldTimeouts
from domain.gateway.usecases.start import GatewayUnavailable, StartPayment, start_payment
from domain.gateway.usecases.verify import Indeterminate, verify_payment

COMMAND = StartPayment(
    merchant_id=1001, password="clave-inicio", total=Decimal("20000"), vat=Decimal("0"), reference="R-1",
    description="Cuota", payer=Payer("1033370434", "1", "NICK", "RIVERA", "3107126048", "n@x.co"),
    optional_fields=("", "", ""), service_code="2701",
)


def verify(store, clock, reference="R-1", attempt=-1, password="clave-v4"):
    return verify_payment(1001, "usuario-v4", password, reference, attempt, store, clock, WorldTimeouts())


def test_a_start_records_the_payment_with_one_attempt_pending_to_start(memory_store, clock):
    payment = start_payment(COMMAND, memory_store, clock)
    stored = memory_store.payments.get(payment.identifier)
    assert stored.reference == "R-1" and stored.total.amount == Decimal("20000.00")
    [attempt] = stored.attempts
    assert attempt.state is PaymentState.PENDING_START and attempt.method is None
    assert [c.state for c in attempt.history] == [PaymentState.PENDING_START]


def test_identifiers_and_attempt_numbers_grow(memory_store, clock):
    first = start_payment(COMMAND, memory_store, clock)
    second = start_payment(replace(COMMAND, reference="R-2"), memory_store, clock)
    assert second.identifier == first.identifier + 1
    assert second.attempts[0].number == first.attempts[0].number + 1


@pytest.mark.parametrize(("change", "field"), [
    ({"password": "x"}, "clave"), ({"merchant_id": 7}, "clave"), ({"total": Decimal("1.234")}, "total_con_iva"),
    ({"total": Decimal("0")}, "total_con_iva"), ({"vat": Decimal("-1")}, "valor_iva"),
    ({"vat": Decimal("20001")}, "valor_iva"), ({"reference": "a;b"}, "id_pago"),
    ({"description": 'di"jo'}, "descripcion_pago"), ({"service_code": "1"}, "codigo_servicio_principal"),
    ({"total": Decimal("Infinity")}, "total_con_iva"), ({"total": Decimal("NaN")}, "total_con_iva"),
])
def test_a_start_breaking_a_rule_is_refused_naming_the_field_and_stores_nothing(memory_store, clock, change, field):
    with pytest.raises(DomainError) as refused:
        start_payment(replace(COMMAND, **change), memory_store, clock)
    assert refused.value.field == field
    assert memory_store.payments.list_recent() == []


def test_the_05_magic_amount_is_a_gateway_failure(memory_store, clock):
    with pytest.raises(GatewayUnavailable):
        start_payment(replace(COMMAND, total=Decimal("20000.05")), memory_store, clock)


def test_a_duplicate_reference_is_refused(memory_store, clock):
    start_payment(COMMAND, memory_store, clock)
    with pytest.raises(DomainError, match="ya existe"):
        start_payment(COMMAND, memory_store, clock)


def test_verify_needs_the_verification_credentials(memory_store, clock):
    start_payment(COMMAND, memory_store, clock)
    with pytest.raises(DomainError, match="Credenciales"):
        verify(memory_store, clock, password="clave-inicio")


def test_verify_filters_by_attempt_number(memory_store, clock):
    payment = start_payment(COMMAND, memory_store, clock)
    number = payment.attempts[0].number
    assert [a.number for a in verify(memory_store, clock, attempt=number).attempts] == [number]
    assert verify(memory_store, clock, attempt=number + 1).attempts == []


def test_a_pending_03_payment_is_approved_after_seven_minutes_not_before(memory_store, clock):
    start_payment(replace(COMMAND, total=Decimal("20000.03")), memory_store, clock)
    clock.advance(7 * 60 - 1)
    assert verify(memory_store, clock).attempts[0].state is PaymentState.PENDING_FINISH
    clock.advance(1)
    assert verify(memory_store, clock).attempts[0].state is PaymentState.APPROVED
    assert memory_store.payments.find_by_reference(1001, "R-1").attempts[0].state is PaymentState.APPROVED


def test_a_card_review_is_auto_rejected_after_36_hours(memory_store, clock):
    start_payment(replace(COMMAND, total=Decimal("20000.07")), memory_store, clock)
    clock.advance(36 * 3600)
    assert verify(memory_store, clock).attempts[0].state is PaymentState.REVIEW_REJECTED


def test_only_the_first_verification_of_a_06_payment_is_indeterminate(memory_store, clock):
    start_payment(replace(COMMAND, total=Decimal("20000.06")), memory_store, clock)
    with pytest.raises(Indeterminate):
        verify(memory_store, clock)
    assert verify(memory_store, clock).attempts[0].state is PaymentState.PENDING_START


def test_forcing_approval_attaches_a_pse_trace(memory_store, clock):
    payment = start_payment(COMMAND, memory_store, clock)
    forced = force_outcome(payment.identifier, PaymentState.APPROVED, memory_store, clock)
    attempt = forced.current_attempt
    assert attempt.method is PaymentMethod.PSE and attempt.pse.bank_code == "1022"
    assert attempt.pse.service_code == "2701"


def test_forcing_a_card_outcome_never_keeps_a_full_card_number(memory_store, clock):
    payment = start_payment(COMMAND, memory_store, clock)
    forced = force_outcome(payment.identifier, PaymentState.APPROVED, memory_store, clock, PaymentMethod.CARD)
    assert forced.current_attempt.card.last_four == "1111"
    assert len(forced.current_attempt.card.approval_code) == 6


def test_a_final_state_cannot_be_forced_and_nothing_changes(memory_store, clock):
    payment = start_payment(COMMAND, memory_store, clock)
    force_outcome(payment.identifier, PaymentState.REJECTED, memory_store, clock)
    with pytest.raises(IllegalTransition):
        force_outcome(payment.identifier, PaymentState.APPROVED, memory_store, clock)
    assert memory_store.payments.get(payment.identifier).current_attempt.state is PaymentState.REJECTED
