"""The token services' use cases (Tokentc_crear, ZPagoAPTC) on the in-memory store and a fixed clock."""
from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from domain.gateway.card_outcomes import CardOutcome
from domain.shared.errors import DomainError
from domain.shared.gateway_records import Payer
from domain.shared.payment_states import PaymentMethod, PaymentState
from domain.gateway.usecases.card_charge import TransactionState
from domain.gateway.resolution import WorldTimeouts
from domain.gateway.usecases.start import GatewayUnavailable
from domain.gateway.usecases.tokens import AdditionalInfo, ChargeToken, TokenizeCard, charge_token, tokenize_card
from domain.gateway.usecases.verify import verify_payment
from simulator.zonapagos.seed import demo_merchant

VISA_OK = "4111111111111111"
VISA_DECLINED = "4000000000000002"
VISA_NO_FUNDS = "4000000000009995"
AMEX_OK = "378282246310005"
OTHER_VISA = "4242424242424242"  # valid, not a test card: approved unless the amount says otherwise

TOKENIZE = TokenizeCard(
    merchant_id=1001, user="usuario-v4", password="clave-v4",
    customer=Payer("1033370434", "1", "NICK", "RIVERA CAMINERO", "3107126048", "nick@example.com"),
    optional_fields=("campo1", "", ""), card_type=1, card_number=VISA_OK, expiry="122030", client_ip="10.1.2.3",
    generate_payment=1, tokenize_flag=1, security_code="913", total=Decimal("20000"), vat=Decimal("0"),
    reference="5001", description="Cuota de afiliación", installments=1,
)
TOKENIZE_ONLY = replace(TOKENIZE, generate_payment=0, tokenize_flag=0, security_code="", total=None, vat=None,
                        reference="", description="", installments=None)


def charge_command(identifier: str, reference: int = 9001, **changes) -> ChargeToken:
    values = dict(merchant_id=1001, user="usuario-v4", password="clave-v4", identifier_type=1, identifier=identifier,
                  reference=reference, total=Decimal("35000"), vat=Decimal("0"), installments=1,
                  description="Cuota mensual", client_ip="")
    values.update(changes)
    return ChargeToken(**values)


def verify(store, clock, reference: str):
    return verify_payment(1001, "usuario-v4", "clave-v4", reference, -1, store, clock, WorldTimeouts())


# -- generar_pago × ban_tokenizar -----------------------------------------------------------------

@pytest.mark.parametrize(("generate", "flag", "card", "tokenized", "state"), [
    (1, 1, VISA_OK, True, TransactionState.APPROVED),
    (1, 1, VISA_DECLINED, False, TransactionState.REJECTED),
    (1, 1, VISA_NO_FUNDS, False, TransactionState.REJECTED),
    (1, 2, VISA_OK, True, TransactionState.APPROVED),
    (1, 2, VISA_DECLINED, True, TransactionState.REJECTED),
    (1, 2, VISA_NO_FUNDS, True, TransactionState.REJECTED),
])
def test_charge_first_then_tokenize_as_ban_tokenizar_says(memory_store, clock, generate, flag, card, tokenized, state):
    result = tokenize_card(replace(TOKENIZE, generate_payment=generate, tokenize_flag=flag, card_number=card),
                           memory_store, clock)
    assert result.charge.state is state
    assert (result.token is not None) is tokenized
    if tokenized:
        assert memory_store.tokens.get(result.token.value) == result.token
    assert memory_store.payments.find_by_reference(1001, "5001") is not None  # the charge is recorded either way


@pytest.mark.parametrize("generate", [0, 2, -1, 7])
def test_without_generar_pago_1_and_ban_0_the_card_is_only_tokenized(memory_store, clock, generate):
    result = tokenize_card(replace(TOKENIZE_ONLY, generate_payment=generate), memory_store, clock)
    assert result.charge is None
    assert result.token is not None and result.token.initial_payment_number is None
    assert memory_store.payments.list_recent() == []


@pytest.mark.parametrize(("generate", "flag"), [(1, 0), (1, 3), (1, -1), (0, 1), (0, 2), (2, 1), (5, 9)])
def test_any_other_combination_is_a_parameter_error_naming_ban_tokenizar(memory_store, clock, generate, flag):
    with pytest.raises(DomainError) as refused:
        tokenize_card(replace(TOKENIZE, generate_payment=generate, tokenize_flag=flag), memory_store, clock)
    assert refused.value.field == "ban_tokenizar"
    assert memory_store.payments.list_recent() == []


def test_a_pending_review_charge_is_not_a_success_so_ban_1_keeps_no_token(memory_store, clock):
    result = tokenize_card(replace(TOKENIZE, total=Decimal("20000.07")), memory_store, clock)
    assert result.charge.state is TransactionState.PENDING and result.token is None
    assert result.charge.attempt.state is PaymentState.REVIEW_PENDING


# -- what a charge records ------------------------------------------------------------------------

def test_an_approved_first_charge_is_a_card_payment_verification_finds_by_id_pago(memory_store, clock):
    result = tokenize_card(TOKENIZE, memory_store, clock)
    [attempt] = verify(memory_store, clock, "5001").attempts
    assert attempt.state is PaymentState.APPROVED and attempt.method is PaymentMethod.CARD
    assert attempt.card.last_four == "1111" and attempt.card.franchise == "VISA"
    assert len(attempt.card.approval_code) == 6 and attempt.card.receipt_number.isdigit()
    assert result.token.initial_payment_number == attempt.number
    assert result.charge.detail == "Aprobada"


def test_a_declined_card_is_recorded_as_declined_with_the_issuers_reason(memory_store, clock):
    result = tokenize_card(replace(TOKENIZE, card_number=VISA_NO_FUNDS, tokenize_flag=2), memory_store, clock)
    assert result.charge.attempt.state is PaymentState.DECLINED
    assert result.charge.detail == "Fondos insuficientes"
    assert result.charge.attempt.card.approval_code == "" and result.charge.attempt.card.receipt_number == ""
    assert result.token.issuer_outcome is CardOutcome.INSUFFICIENT_FUNDS
    assert result.token.initial_payment_number is None  # a failed charge authorizes no recurrence


def test_the_token_keeps_last_four_brand_and_expiry_never_the_number_or_cvv(memory_store, clock):
    token = tokenize_card(replace(TOKENIZE, card_type=5, card_number=AMEX_OK, security_code="8264"),
                          memory_store, clock).token
    assert len(token.value) == 22 and token.value.isdigit() and not token.value.startswith("0")
    assert (token.last_four, token.brand.label, str(token.expiry)) == ("0005", "AMERICAN EXPRESS", "122030")
    assert token.customer_id == "1033370434" and token.merchant_id == 1001
    stored = repr(memory_store.tokens.get(token.value)) + repr(memory_store.payments.list_recent())
    assert AMEX_OK not in stored and "8264" not in stored


def test_tokens_are_distinct(memory_store, clock):
    first = tokenize_card(TOKENIZE_ONLY, memory_store, clock).token.value
    second = tokenize_card(TOKENIZE_ONLY, memory_store, clock).token.value
    assert first != second


@pytest.mark.parametrize(("cents", "state", "transaction"), [
    ("07", PaymentState.REVIEW_PENDING, TransactionState.PENDING),
    ("08", PaymentState.REVIEW_REJECTED, TransactionState.REJECTED),
    ("09", PaymentState.REVIEW_ERROR, TransactionState.REJECTED),
    ("02", PaymentState.REJECTED, TransactionState.REJECTED),
    ("01", PaymentState.APPROVED, TransactionState.APPROVED),
])
def test_magic_cents_decide_the_charge_of_an_approving_card(memory_store, clock, cents, state, transaction):
    result = tokenize_card(replace(TOKENIZE, total=Decimal(f"20000.{cents}"), tokenize_flag=2), memory_store, clock)
    assert (result.charge.attempt.state, result.charge.state) == (state, transaction)


def test_the_issuer_declines_before_any_review(memory_store, clock):
    result = tokenize_card(replace(TOKENIZE, card_number=VISA_DECLINED, total=Decimal("20000.07")), memory_store, clock)
    assert result.charge.attempt.state is PaymentState.DECLINED


def test_a_05_amount_fails_at_the_gateway_and_nothing_is_kept(memory_store, clock):
    with pytest.raises(GatewayUnavailable):
        tokenize_card(replace(TOKENIZE, total=Decimal("20000.05"), tokenize_flag=2), memory_store, clock)
    assert memory_store.payments.list_recent() == [] and memory_store.tokens.snapshot() == {}


def test_a_06_charge_is_indeterminate_and_the_first_verification_tells_the_truth(memory_store, clock):
    result = tokenize_card(replace(TOKENIZE, total=Decimal("20000.06")), memory_store, clock)
    assert result.charge.indeterminate and result.charge.attempt.state is PaymentState.APPROVED
    assert verify(memory_store, clock, "5001").attempts[0].state is PaymentState.APPROVED


# -- parameter errors of Tokentc_crear ------------------------------------------------------------

@pytest.mark.parametrize("field", ["total_con_iva", "valor_iva", "id_pago", "descripcion_pago", "codigo_seguridad",
                                   "no_cuotas"])
def test_charge_fields_are_required_when_generar_pago_is_1(memory_store, clock, field):
    attribute = {"total_con_iva": "total", "valor_iva": "vat", "id_pago": "reference",
                 "descripcion_pago": "description", "codigo_seguridad": "security_code",
                 "no_cuotas": "installments"}[field]
    empty = None if attribute in ("total", "vat", "installments") else ""
    with pytest.raises(DomainError, match=f"El campo {field} es obligatorio cuando generar_pago es 1") as refused:
        tokenize_card(replace(TOKENIZE, **{attribute: empty}), memory_store, clock)
    assert refused.value.field == field


@pytest.mark.parametrize(("change", "field"), [
    ({"password": "mala"}, "clave"), ({"password": "clave-inicio"}, "clave"), ({"user": "otro"}, "clave"),
    ({"merchant_id": 4242}, "clave"),
    ({"card_type": 3}, "tipo_tarjeta"), ({"card_type": 9}, "tipo_tarjeta"), ({"card_type": 2}, "tipo_tarjeta"),
    ({"card_number": "4111111111111112"}, "numero_tarjeta"), ({"card_number": "41111111x1111111"}, "numero_tarjeta"),
    ({"expiry": "102026"}, "fecha_vencimiento"), ({"expiry": "1330"}, "fecha_vencimiento"),
    ({"expiry": "132030"}, "fecha_vencimiento"),
    ({"security_code": "12"}, "codigo_seguridad"), ({"security_code": "1234"}, "codigo_seguridad"),
    ({"security_code": "12a"}, "codigo_seguridad"),
    ({"customer": Payer("1", "12")}, "tipo_id"),
    ({"client_ip": "no-es-ip"}, "direccion_ip_cliente"), ({"client_ip": ""}, "direccion_ip_cliente"),
    ({"total": Decimal("20000.001")}, "total_con_iva"), ({"total": Decimal("-1")}, "total_con_iva"),
    ({"total": Decimal("0")}, "total_con_iva"), ({"total": Decimal("NaN")}, "total_con_iva"),
    ({"vat": Decimal("-1")}, "valor_iva"), ({"vat": Decimal("20000.01")}, "valor_iva"),
    ({"reference": "50-01"}, "id_pago"), ({"reference": "A5001"}, "id_pago"),
    ({"description": "a|b"}, "descripcion_pago"),
    ({"installments": 0}, "no_cuotas"), ({"installments": 37}, "no_cuotas"),
    ({"additional": AdditionalInfo("1|2|", "a|b|")}, "lista_info_adicional_codigo"),
    ({"additional": AdditionalInfo("1|2", "a")}, "lista_info_adicional_valor"),
])
def test_a_tokenization_breaking_a_rule_is_refused_naming_the_field_and_stores_nothing(
        memory_store, clock, change, field):
    with pytest.raises(DomainError) as refused:
        tokenize_card(replace(TOKENIZE, **change), memory_store, clock)
    assert refused.value.field == field
    assert memory_store.payments.list_recent() == [] and memory_store.tokens.snapshot() == {}


def test_the_card_expires_after_the_last_day_of_its_month_on_the_simulator_clock(memory_store, clock):
    assert tokenize_card(replace(TOKENIZE_ONLY, expiry="112026"), memory_store, clock).token is not None
    clock.advance(8 * 24 * 3600)  # 2026-12-01
    with pytest.raises(DomainError, match="vencida"):
        tokenize_card(replace(TOKENIZE_ONLY, expiry="112026"), memory_store, clock)


def test_a_cvv_is_optional_when_only_tokenizing_but_checked_when_sent(memory_store, clock):
    assert tokenize_card(TOKENIZE_ONLY, memory_store, clock).token is not None
    with pytest.raises(DomainError) as refused:
        tokenize_card(replace(TOKENIZE_ONLY, security_code="1"), memory_store, clock)
    assert refused.value.field == "codigo_seguridad"


def test_pipe_separated_additional_info_is_accepted(memory_store, clock):
    result = tokenize_card(replace(TOKENIZE, additional=AdditionalInfo("10|11", "a|b")), memory_store, clock)
    assert result.charge.state is TransactionState.APPROVED


def test_a_duplicate_id_pago_is_refused_even_against_a_started_payment(memory_store, clock):
    tokenize_card(TOKENIZE, memory_store, clock)
    with pytest.raises(DomainError, match="El id_pago 5001 ya existe para este comercio"):
        tokenize_card(replace(TOKENIZE, tokenize_flag=2), memory_store, clock)
    assert len(memory_store.tokens.snapshot()) == 1


# -- ZPagoAPTC ------------------------------------------------------------------------------------

def test_a_token_is_charged_again_by_token_and_by_the_initial_no_pago(memory_store, clock):
    first = tokenize_card(TOKENIZE, memory_store, clock)
    by_token = charge_token(charge_command(first.token.value, 9001), memory_store, clock)
    by_number = charge_token(charge_command(str(first.charge.attempt.number), 9002, identifier_type=2),
                             memory_store, clock)
    for result, reference in ((by_token, "9001"), (by_number, "9002")):
        assert result.state is TransactionState.APPROVED
        [attempt] = verify(memory_store, clock, reference).attempts
        assert attempt.state is PaymentState.APPROVED and attempt.card.last_four == "1111"
        assert memory_store.payments.find_by_reference(1001, reference).payer.document_number == "1033370434"


def test_a_declining_card_keeps_declining_when_charged_by_token(memory_store, clock):
    token = tokenize_card(replace(TOKENIZE_ONLY, card_number=VISA_DECLINED), memory_store, clock).token
    result = charge_token(charge_command(token.value), memory_store, clock)
    assert result.state is TransactionState.REJECTED and result.detail == "Tarjeta declinada por el emisor"


@pytest.mark.parametrize(("cents", "state"), [("07", TransactionState.PENDING), ("08", TransactionState.REJECTED),
                                               ("09", TransactionState.REJECTED)])
def test_magic_cents_apply_to_recurring_charges(memory_store, clock, cents, state):
    token = tokenize_card(TOKENIZE_ONLY, memory_store, clock).token
    assert charge_token(charge_command(token.value, total=Decimal(f"1000.{cents}")), memory_store, clock).state is state


def test_recurring_05_and_06(memory_store, clock):
    token = tokenize_card(TOKENIZE_ONLY, memory_store, clock).token
    with pytest.raises(GatewayUnavailable):
        charge_token(charge_command(token.value, 1, total=Decimal("1000.05")), memory_store, clock)
    assert memory_store.payments.find_by_reference(1001, "1") is None
    result = charge_token(charge_command(token.value, 2, total=Decimal("1000.06")), memory_store, clock)
    assert result.indeterminate and verify(memory_store, clock, "2").attempts[0].state is PaymentState.APPROVED


def test_another_merchants_token_is_refused_like_an_unknown_one(memory_store, clock):
    other = replace(demo_merchant(memory_store.ids.random_digits(16)), id=2002)
    memory_store.merchants.add(other)
    token = tokenize_card(replace(TOKENIZE_ONLY, merchant_id=2002), memory_store, clock).token
    for identifier in (token.value, "1842154537000000001169"):
        with pytest.raises(DomainError, match="no corresponde a una tarjeta tokenizada de este comercio") as refused:
            charge_token(charge_command(identifier), memory_store, clock)
        assert refused.value.field == "identificador"


def test_a_token_whose_card_expired_cannot_be_charged(memory_store, clock):
    token = tokenize_card(replace(TOKENIZE_ONLY, expiry="112026"), memory_store, clock).token
    clock.advance(8 * 24 * 3600)
    with pytest.raises(DomainError, match="vencida"):
        charge_token(charge_command(token.value), memory_store, clock)


@pytest.mark.parametrize(("change", "field"), [
    ({"identifier_type": 3}, "tipo_identificador"),
    ({"identifier_type": 2, "identifier": "12ab"}, "identificador"),
    ({"identifier_type": 2, "identifier": "1" * 13}, "identificador"),
    ({"identifier_type": 2, "identifier": "999999"}, "identificador"),
    ({"password": "clave-inicio"}, "clave"),
    ({"reference": 0}, "id_pago"), ({"reference": -5}, "id_pago"),
    ({"total": Decimal("1.001")}, "total_con_iva"), ({"vat": Decimal("40000")}, "valor_iva"),
    ({"total": Decimal("-3")}, "total_con_iva"),
    ({"installments": 0}, "numero_cuotas"), ({"description": 'di"jo'}, "descripcion_pago"),
    ({"client_ip": "300.1.1.1"}, "direccion_ip_cliente"),
    ({"additional": AdditionalInfo("1", "")}, "lista_info_adicional_valor"),
])
def test_a_recurring_charge_breaking_a_rule_is_refused_naming_the_field(memory_store, clock, change, field):
    token = tokenize_card(TOKENIZE_ONLY, memory_store, clock).token
    with pytest.raises(DomainError) as refused:
        charge_token(charge_command(**{"identifier": token.value, **change}), memory_store, clock)
    assert refused.value.field == field
    assert memory_store.payments.list_recent() == []


def test_a_tokenize_only_token_has_no_initial_no_pago_to_charge_by(memory_store, clock):
    tokenize_card(TOKENIZE_ONLY, memory_store, clock)
    with pytest.raises(DomainError):
        charge_token(charge_command("0", identifier_type=2), memory_store, clock)


def test_a_recurring_charge_refuses_a_duplicate_id_pago(memory_store, clock):
    token = tokenize_card(TOKENIZE_ONLY, memory_store, clock).token
    charge_token(charge_command(token.value, 77), memory_store, clock)
    with pytest.raises(DomainError, match="El id_pago 77 ya existe"):
        charge_token(charge_command(token.value, 77), memory_store, clock)
