from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.shared.errors import DomainError, InvalidAmount
from domain.shared.money import Money, total

FAST = settings(max_examples=200, deadline=None)
cents = st.integers(min_value=-(10**15), max_value=10**15)
amounts = cents.map(lambda c: Money(Decimal(c).scaleb(-2)))


def parse_screen_amount(text: str) -> Money:
    """The inverse of Money.format, as a reader of the portal screens would do it."""
    sign = "-" if text.startswith("-") else ""
    return Money.of(sign + text.lstrip("-").removeprefix("$").replace(".", "").replace(",", "."))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("20000", "$20.000,00"),
        ("1500000", "$1.500.000,00"),
        ("1800", "$1.800,00"),
        ("999", "$999,00"),
        ("0", "$0,00"),
        ("0.5", "$0,50"),
        ("1234567.89", "$1.234.567,89"),
        ("-1800", "-$1.800,00"),
    ],
)
def test_amounts_are_shown_with_dot_thousands_and_comma_decimals(value, shown):
    assert Money.of(value).format() == shown
    assert str(Money.of(value)) == shown


@pytest.mark.parametrize(("value", "wire"), [("12500", "12500"), ("10505011.5", "10505011.5"), ("0.01", "0.01")])
def test_the_wire_form_has_no_separators_and_no_trailing_zeros(value, wire):
    assert Money.of(value).plain() == wire


@pytest.mark.parametrize("value", [1.5, 0.1, float("nan")])
def test_floats_are_refused(value):
    with pytest.raises(InvalidAmount):
        Money.of(value)


@pytest.mark.parametrize("value", ["abc", "", "1,5", True, "NaN", "Infinity"])
def test_non_numbers_are_refused(value):
    with pytest.raises(DomainError):
        Money.of(value)


def test_more_than_two_decimals_are_refused():
    with pytest.raises(InvalidAmount, match="2 decimales"):
        Money.of("1.001")


def test_an_amount_always_has_two_decimals():
    assert Money.of(7).amount == Decimal("7.00")
    assert Money.of("7.5").amount.as_tuple().exponent == -2


def test_cents_are_what_the_magic_values_look_at():
    assert Money.of("20000.03").cents == 3
    assert Money.of("20000").cents == 0


def test_total_of_nothing_is_zero():
    assert total([]).is_zero


@FAST
@given(amounts)
def test_formatting_round_trips(money):
    assert parse_screen_amount(money.format()) == money


@FAST
@given(amounts, amounts, amounts)
def test_addition_is_associative_and_commutative(a, b, c):
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a


@FAST
@given(amounts, amounts)
def test_subtraction_undoes_addition(a, b):
    assert (a + b) - b == a


@FAST
@given(st.lists(amounts, max_size=20))
def test_total_is_the_exact_decimal_sum(values):
    assert total(values).amount == sum((v.amount for v in values), Decimal("0"))
    assert total(values) == total(list(reversed(values)))


@pytest.mark.parametrize(("text", "value"), [("$20.000,00", "20000"), ("20.000", "20000"), ("1500,5", "1500.5"),
                                             (" $ 1.500.000,00 ", "1500000")])
def test_amounts_are_read_as_people_write_them_in_colombia(text, value):
    assert Money.parse(text) == Money.of(value)


@pytest.mark.parametrize("text", ["", "$", "veinte mil", "20000 COP"])
def test_text_that_is_not_pesos_is_refused(text):
    with pytest.raises(InvalidAmount):
        Money.parse(text)


@FAST
@given(cents.map(lambda c: Money(Decimal(abs(c)).scaleb(-2))))
def test_parse_reads_back_what_format_writes(money):
    assert Money.parse(money.format()) == money


@given(st.integers(min_value=-(10**12), max_value=10**12))
def test_parse_reads_back_what_format_writes_including_negatives(cents):
    amount = Money(Decimal(cents) / 100)
    assert Money.parse(amount.format()) == amount


@pytest.mark.parametrize("text", ["", "$", "abc", "1.2.3,x", "--5", "$-5"])
def test_parse_refuses_what_is_not_an_amount(text):
    with pytest.raises(InvalidAmount):
        Money.parse(text)


@pytest.mark.parametrize("value", [Decimal("-0.0"), Decimal("-0"), "-0.00", -0])
def test_negative_zero_is_zero_pesos(value):
    money = Money.of(value)
    assert str(money.amount) == "0.00" and money.plain() == "0" and money == Money.zero()
