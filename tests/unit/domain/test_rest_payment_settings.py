"""The REST start's page settings (AdicionalesConfiguracion, zonapagos-ws.md §8a), the rut and the REST
`str_res_pago` layout (§7b)."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from adapters.storage.memory import MemoryIds
from domain.gateway.payment import Payment
from domain.gateway.payment_settings import PaymentSettings, fee_from, required_service_code, settings_from
from domain.gateway.res_pago_rest import encode_rest, rest_attempt_fields
from domain.gateway.rut import identifier_of, new_rut, same_rut
from domain.shared.errors import DomainError
from domain.shared.gateway_records import CardTrace, Payer, PseTrace
from domain.shared.money import Money
from domain.shared.payment_states import PaymentMethod, PaymentState

AT = datetime(2026, 4, 21, 12, 58, 41)


def test_methods_terms_and_return_url_come_from_their_codes():
    settings = settings_from(((103, "1"), (107, "1"), (108, "1"), (104, " HTTPS://Shop.Example/vuelta ")), (), "R")
    assert (settings.pse_enabled, settings.card_enabled, settings.terms_prechecked) == (False, False, True)
    assert settings.return_url == "https://shop.example/vuelta"
    assert settings_from((), (), "R") == PaymentSettings(rut="R")


def test_a_return_url_that_leaves_for_another_site_is_refused():
    with pytest.raises(DomainError) as refused:
        settings_from(((104, "https://banco.example@evil.example/"),), (), "R")
    assert refused.value.field == "url_retorno"


def test_every_code_is_kept_as_sent_and_the_last_of_a_repeated_code_wins():
    settings = settings_from(((100, "1"), (113, "1"), (108, "0"), (108, "1")), ((111, "x"),), "R")
    assert settings.configuration == ((100, "1"), (113, "1"), (108, "0"), (108, "1"))
    assert settings.additional == ((111, "x"),) and settings.terms_prechecked and settings.value(100) == "1"


def test_code_50_is_required_only_while_the_merchant_collects_by_pse():
    with pytest.raises(DomainError, match="Código 50 requerido"):
        required_service_code((), "2701")
    assert required_service_code(((103, "1"),), "2701") == ""
    assert required_service_code((), "") == ""
    assert required_service_code(((50, "2701"),), "2701") == "2701"


@pytest.mark.parametrize(("codes", "total", "fee"), [
    (((500, "1"), (50001, "1"), (50002, "0195"), (50008, "1")), "83000", "1619"),  # 1.95 % = 1618.50, up
    (((500, "1"), (50001, "1"), (50002, "0195"), (50008, "0")), "83000", "1618"),  # … down
    (((500, "1"), (50001, "1"), (50002, "02"), (50004, "1000")), "83000", "1000"),  # 2 % capped by the max
    (((500, "1"), (50001, "1"), (50002, "02"), (50003, "3000")), "83000", "3000"),  # raised to the min
    (((500, "1"), (50001, "0"), (50005, "2500"), (50007, "19"), (50008, "1")), "83000", "2975"),  # fixed + IVA
    (((500, "1"), (50001, "0"), (50005, "2500"), (50006, "2000")), "83000", "2000"),  # fixed, capped
])
def test_the_per_transaction_fee(codes, total, fee):
    assert fee_from(codes, 500).amount_for(Money.of(total)) == Money.of(fee)


def test_a_fee_is_off_unless_enabled_and_its_numbers_must_be_numbers():
    assert fee_from(((50001, "1"), (50002, "0195")), 500) is None
    with pytest.raises(DomainError):
        fee_from(((501, "1"), (50102, "uno")), 501)


def test_a_rut_is_64_upper_hex_names_its_payment_and_differs_each_time():
    ids = MemoryIds(seed=7)
    first, second = new_rut(42750001, ids), new_rut(42750001, ids)
    assert len(first) == 64 and first == first.upper() and first != second
    assert identifier_of(first) == 42750001
    assert same_rut(first, first) and not same_rut(second, first) and not same_rut(first, "")
    assert identifier_of(first.lower()) is None and identifier_of(first[:-1]) is None


def _payment(method: PaymentMethod, state: PaymentState) -> Payment:
    payment = Payment.start(42750031, 3773, 1001, "R1", Money.of("12500"), Money.of("0"), "camisa",
                            Payer("123456789", "1", "Cristina", "Vargas", "3001234567", "c@ejemplo.com"),
                            ("opcion1", "opcion2", "opcion3"), "2701", AT,
                            PaymentSettings(rut="X", extra_optional=("", "")))
    attempt = payment.current_attempt
    attempt.method = method
    if method is PaymentMethod.PSE:
        attempt.pse = PseTrace("18092100031", "2701", "1022", "BANCO UNION COLOMBIANO", "1468228", "3")
    else:
        attempt.card = CardTrace("TKT-9999", "1234", "Visa", "AP456789", "887766")
    if state is not PaymentState.PENDING_START:
        if method is PaymentMethod.PSE:
            attempt.move_to(PaymentState.PENDING_FINISH, AT)
        attempt.move_to(state, AT)
    return payment


def test_the_rest_layout_of_a_pse_attempt_is_the_documented_example():
    payment = _payment(PaymentMethod.PSE, PaymentState.APPROVED)
    assert encode_rest(payment, payment.attempts) == (
        "42750031|3773|1|1|1|12500|12500|0|camisa|123456789|Cristina|Vargas|3001234567|c@ejemplo.com|opcion1|"
        "opcion2|opcion3|||21/04/2026 12:58:41|29|18092100031|2701|1022|BANCO UNION COLOMBIANO|1468228|3|;|")


def test_an_open_attempt_is_started_200_and_a_card_attempt_has_five_extras():
    fields = rest_attempt_fields(*(lambda p: (p, p.current_attempt))(_payment(PaymentMethod.CARD,
                                                                             PaymentState.PENDING_START)))
    assert fields[3:5] == ["200", "888"] and len(fields) == 26
    assert fields[21:] == ["TKT-9999", "1234", "Visa", "AP456789", "887766"]


def test_the_fee_rounding_never_uses_floats():
    assert isinstance(fee_from(((500, "1"), (50001, "1"), (50002, "0195")), 500).rate, Decimal)


@pytest.mark.parametrize("stored, written", [
    ("VISA", "Visa"), ("Visa", "Visa"), ("MASTERCARD", "Master Card"), ("AMERICAN EXPRESS", "American Express"),
    ("DINERS CLUB", "Diners Club"), ("Otra", "Otra"),
])
def test_the_rest_layout_spells_the_franchise_as_section_7b(stored, written):
    payment = _payment(PaymentMethod.CARD, PaymentState.APPROVED)
    payment.current_attempt.card = CardTrace("TKT-9999", "1234", stored, "AP456789", "887766")
    assert rest_attempt_fields(payment, payment.current_attempt)[23] == written
