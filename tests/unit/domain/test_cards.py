from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.gateway.cards import (
    CardBrand,
    CardExpiry,
    CardNumber,
    check_brand_matches,
    check_card,
    detect_brand,
    last_four,
    luhn_check_digit,
    luhn_is_valid,
    mask,
    validate_cvv,
    validate_expiry,
)
from domain.shared.errors import DomainError

FAST = settings(max_examples=200, deadline=None)
TODAY = date(2026, 3, 2)
VISA, MASTERCARD, DINERS, AMEX = "4111111111111111", "5555555555554444", "36227206271667", "378282246310005"


def reference_luhn(number: str) -> bool:
    """Luhn written the textbook way: double every second digit from the right, sum the digits."""
    digits = [int(c) for c in number]
    for i in range(len(digits) - 2, -1, -2):
        doubled = digits[i] * 2
        digits[i] = doubled // 10 + doubled % 10
    return sum(digits) % 10 == 0


@pytest.mark.parametrize("number", [VISA, MASTERCARD, DINERS, AMEX, "4000000000000002", "4000000000009995"])
def test_the_simulators_test_cards_pass_luhn(number):
    assert luhn_is_valid(number)


@pytest.mark.parametrize("number", ["4111111111111112", "", "41111111111111a1", "٤١١١"])
def test_luhn_refuses_wrong_checksums_and_non_digits(number):
    assert not luhn_is_valid(number)


@FAST
@given(st.text(alphabet="0123456789", min_size=1, max_size=19))
def test_luhn_agrees_with_the_textbook_reference(number):
    assert luhn_is_valid(number) == reference_luhn(number)


@FAST
@given(st.text(alphabet="0123456789", min_size=1, max_size=18))
def test_the_luhn_check_digit_completes_any_number_and_is_the_only_one(partial):
    digit = luhn_check_digit(partial)
    assert luhn_is_valid(partial + str(digit))
    assert [d for d in range(10) if luhn_is_valid(partial + str(d))] == [digit]


@pytest.mark.parametrize(
    ("number", "brand"),
    [
        (VISA, CardBrand.VISA), ("4000000000000002", CardBrand.VISA), (MASTERCARD, CardBrand.MASTERCARD),
        ("5105105105105100", CardBrand.MASTERCARD), ("2221000000000009", CardBrand.MASTERCARD),
        ("2720990000000007", CardBrand.MASTERCARD), (AMEX, CardBrand.AMEX), ("341111111111111", CardBrand.AMEX),
        (DINERS, CardBrand.DINERS), ("30569309025904", CardBrand.DINERS), ("38520000023237", CardBrand.DINERS),
        ("6011111111111117", None), ("2220990000000000", None), ("2721000000000000", None),
        ("3060000000000000", None), ("5600000000000000", None), ("", None),
    ],
)
def test_the_brand_comes_from_the_first_digits(number, brand):
    assert detect_brand(number) is brand


def test_brands_keep_the_zonapagos_tipo_tarjeta_codes():
    assert {b.zonapagos_code: b.label for b in CardBrand} == {
        1: "VISA", 2: "MASTERCARD", 4: "DINERS CLUB", 5: "AMERICAN EXPRESS",
    }
    assert CardBrand.from_zonapagos(5) is CardBrand.AMEX


def test_tipo_tarjeta_3_was_removed_and_is_refused():
    with pytest.raises(DomainError, match="ya no se admite") as refused:
        CardBrand.from_zonapagos(3)
    assert refused.value.field == "tipo_tarjeta"
    with pytest.raises(DomainError, match="desconocido"):
        CardBrand.from_zonapagos(6)


def test_a_card_number_never_shows_itself_in_full():
    number = CardNumber(VISA)
    assert str(number) == "************1111"
    assert repr(number) == "CardNumber(************1111)"
    assert VISA not in repr(number) and VISA not in f"{number}" and VISA not in repr([number])
    assert number.last_four == "1111" and number.brand is CardBrand.VISA
    assert number.digits == VISA


def test_mask_and_last_four_work_on_plain_strings():
    assert mask(AMEX) == "***********0005"
    assert last_four(AMEX) == "0005"


def test_spaces_and_hyphens_typed_in_a_card_number_are_dropped():
    assert CardNumber("4111 1111-1111 1111").digits == VISA


@pytest.mark.parametrize("number", ["4111111111111112", "abcd", "", "6011111111111117", "41111111111111111111",
                                    "4111111111111"])
def test_invalid_or_unknown_card_numbers_are_refused_without_echoing_them(number):
    with pytest.raises(DomainError) as refused:
        CardNumber(number)
    assert refused.value.field == "numero_tarjeta"
    assert not number or number not in refused.value.message


def test_the_declared_brand_must_match_the_number():
    assert check_brand_matches(CardNumber(VISA), 1) is CardBrand.VISA
    with pytest.raises(DomainError, match="no corresponde al tipo de tarjeta"):
        check_brand_matches(CardNumber(VISA), 2)


@pytest.mark.parametrize(("text", "expiry"), [("032026", CardExpiry(2026, 3)), ("122030", CardExpiry(2030, 12))])
def test_expiry_is_read_as_mmaaaa(text, expiry):
    assert CardExpiry.parse(text) == expiry
    assert str(expiry) == text


@pytest.mark.parametrize(("text", "reason"), [
    ("0326", "formato MMAAAA"), ("2026-03", "formato MMAAAA"), ("", "formato MMAAAA"), ("132026", "entre 01 y 12"),
    ("002026", "entre 01 y 12"),
])
def test_malformed_expiries_are_refused(text, reason):
    with pytest.raises(DomainError, match=reason) as refused:
        CardExpiry.parse(text)
    assert refused.value.field == "fecha_vencimiento"


def test_a_card_is_valid_through_its_expiry_month():
    assert validate_expiry("032026", date(2026, 3, 31)) == CardExpiry(2026, 3)
    with pytest.raises(DomainError, match="vencida"):
        validate_expiry("022026", date(2026, 3, 1))
    with pytest.raises(DomainError, match="vencida"):
        validate_expiry("122025", date(2026, 1, 1))


@FAST
@given(st.integers(1, 12), st.integers(2000, 2100), st.dates(date(2000, 1, 1), date(2100, 12, 31)))
def test_expired_exactly_when_the_month_is_before_today(month, year, today):
    assert CardExpiry(year, month).is_expired(today) == (date(year, month, 1) < today.replace(day=1))


def test_amex_needs_a_four_digit_cvv_and_the_others_three():
    validate_cvv("1234", CardBrand.AMEX)
    validate_cvv("123", CardBrand.VISA)
    for cvv, brand in (("123", CardBrand.AMEX), ("1234", CardBrand.MASTERCARD), ("12a", CardBrand.VISA)):
        with pytest.raises(DomainError, match="debe tener") as refused:
            validate_cvv(cvv, brand)
        assert refused.value.field == "codigo_seguridad"


def test_check_card_validates_everything_and_keeps_no_cvv():
    card = check_card(5, AMEX, "122030", "1234", TODAY)
    assert (card.brand, card.expiry, card.number.last_four) == (CardBrand.AMEX, CardExpiry(2030, 12), "0005")
    assert "1234" not in repr(card)
    assert AMEX not in repr(card)


@pytest.mark.parametrize(("tipo", "number", "expiry", "cvv", "field"), [
    (3, VISA, "122030", "123", "tipo_tarjeta"),
    (1, "4111111111111112", "122030", "123", "numero_tarjeta"),
    (2, VISA, "122030", "123", "tipo_tarjeta"),
    (1, VISA, "012020", "123", "fecha_vencimiento"),
    (1, VISA, "122030", "12", "codigo_seguridad"),
])
def test_check_card_names_the_first_wrong_field(tipo, number, expiry, cvv, field):
    with pytest.raises(DomainError) as refused:
        check_card(tipo, number, expiry, cvv, TODAY)
    assert refused.value.field == field
