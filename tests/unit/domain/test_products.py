from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.shared.errors import DomainError, InvalidAmount
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from domain.recaudo.products import (
    PRODUCT_TYPES,
    AmountFloor,
    ChoiceKind,
    PaymentChoice,
    Product,
    ProductNature,
    product_type,
)

FAST = settings(max_examples=200, deadline=None)
OWNER = IdentityDocument(DocumentType.CC, "1033370434")
CREDIT = frozenset({ChoiceKind.NO_PAY, ChoiceKind.MINIMUM, ChoiceKind.FULL, ChoiceKind.OTHER})
DEPOSIT = frozenset({ChoiceKind.NO_PAY, ChoiceKind.FREE})
QUOTA = frozenset({ChoiceKind.NO_PAY, ChoiceKind.MINIMUM, ChoiceKind.FREE})
money = st.integers(min_value=0, max_value=10**11).map(lambda c: Money(Decimal(c).scaleb(-2)))


def pesos(value: str) -> Money:
    return Money.of(value)


def credit_line(minimum="1800", full="1500000", **extra) -> Product:
    return Product(OWNER, product_type("CR"), "300027626", minimum_due=pesos(minimum), full_due=pesos(full),
                   due_date=date(2026, 3, 15), **extra)


def savings(max_deposit=None, active=True) -> Product:
    return Product(OWNER, product_type("AV"), "100207756", active=active, max_deposit=max_deposit)


def equity(minimum="1500") -> Product:
    return Product(OWNER, product_type("PO"), "400018768", minimum_due=pesos(minimum))


# --- the table ------------------------------------------------------------------------------------
def test_the_product_table_has_the_ten_product_types_of_the_instruction():
    assert list(PRODUCT_TYPES) == ["OB", "CR", "TC", "AV", "PO", "AC", "AP", "CC", "DE", "DS"]


@pytest.mark.parametrize(
    ("code", "name", "nature", "choices", "floor", "capped"),
    [
        ("OB", "Obligaciones", ProductNature.CREDIT, CREDIT, AmountFloor.MINIMUM_DUE, True),
        ("CR", "Cupo de Crédito", ProductNature.CREDIT, CREDIT, AmountFloor.MINIMUM_DUE, True),
        ("TC", "Tarjeta de Crédito", ProductNature.CREDIT, CREDIT, AmountFloor.MINIMUM_DUE, True),
        ("AV", "Ahorros a la Vista", ProductNature.SAVINGS, DEPOSIT, AmountFloor.ABOVE_ZERO, False),
        ("PO", "Aportes Sociales", ProductNature.EQUITY, QUOTA, AmountFloor.MINIMUM_DUE, False),
        ("AC", "Ahorros Contractuales", ProductNature.SAVINGS, QUOTA, AmountFloor.MINIMUM_DUE, False),
        ("AP", "Ahorros Permanentes", ProductNature.SAVINGS, QUOTA, AmountFloor.MINIMUM_DUE, False),
        ("CC", "Cuenta Corriente", ProductNature.SAVINGS, DEPOSIT, AmountFloor.ABOVE_ZERO, False),
        ("DE", "Depósito Electrónico", ProductNature.SAVINGS, DEPOSIT, AmountFloor.ABOVE_ZERO, False),
        ("DS", "Depósito Electrónico con Subsidio", ProductNature.SAVINGS, DEPOSIT, AmountFloor.ABOVE_ZERO, False),
    ],
)
def test_each_product_type_knows_its_name_nature_and_payment_choices(code, name, nature, choices, floor, capped):
    kind = product_type(code)
    assert (kind.name, kind.nature, kind.choices, kind.typed_amount_floor, kind.capped_by_full_due) == (
        name, nature, choices, floor, capped,
    )


def test_product_types_are_found_by_code_regardless_of_case():
    assert product_type(" av ") is PRODUCT_TYPES["AV"]
    with pytest.raises(DomainError, match="desconocido") as refused:
        product_type("XX")
    assert refused.value.field == "product_type"


def test_every_choice_has_the_label_of_the_screens():
    assert [k.label for k in (ChoiceKind.NO_PAY, ChoiceKind.MINIMUM, ChoiceKind.FULL, ChoiceKind.OTHER)] == [
        "No pagar", "Pago mínimo", "Pago total", "Otro valor",
    ]


# --- the product ----------------------------------------------------------------------------------
def test_products_are_shown_masked_with_their_last_four_digits():
    assert savings().masked_name == "Ahorros a la Vista(****7756)"
    assert credit_line().masked_name == "Cupo de Crédito(****7626)"
    assert equity().masked_name == "Aportes Sociales(****8768)"
    assert savings().key == ("AV", "100207756")


def test_a_credit_product_is_past_due_only_after_its_due_date():
    assert not credit_line().is_past_due(date(2026, 3, 15))
    assert credit_line().is_past_due(date(2026, 3, 16))
    assert not savings().is_past_due(date(2030, 1, 1))


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: credit_line(minimum="-1"), "amount"),
        (lambda: credit_line(minimum="2000", full="1000"), "minimum_due"),
        (lambda: savings(max_deposit=Money.zero()), "max_deposit"),
        (lambda: Product(OWNER, product_type("PO"), "4001", minimum_due=pesos("1500"),
                         max_deposit=pesos("1000")), "max_deposit"),
        (lambda: Product(OWNER, product_type("AV"), "1002-7756"), "product_number"),
        (lambda: Product(OWNER, product_type("AV"), ""), "product_number"),
    ],
)
def test_inconsistent_products_are_refused(build, field):
    with pytest.raises(DomainError) as refused:
        build()
    assert refused.value.field == field


@pytest.mark.parametrize("choice", [
    PaymentChoice.no_pay(), PaymentChoice.free(pesos("1000")), PaymentChoice.minimum(),
])
def test_an_inactive_product_receives_nothing(choice):
    with pytest.raises(DomainError, match="no está activo") as refused:
        savings(active=False).amount_for(choice)
    assert refused.value.field == "product"


def test_a_credit_product_offers_no_pay_minimum_full_and_other():
    product = credit_line()
    assert product.amount_for(PaymentChoice.no_pay()) == Money.zero()
    assert product.amount_for(PaymentChoice.minimum()) == pesos("1800")
    assert product.amount_for(PaymentChoice.full()) == pesos("1500000")
    assert product.amount_for(PaymentChoice.other(pesos("250000"))) == pesos("250000")


def test_other_amount_on_credit_may_be_exactly_the_minimum_or_exactly_the_full_due():
    assert credit_line().amount_for(PaymentChoice.other(pesos("1800"))) == pesos("1800")
    assert credit_line().amount_for(PaymentChoice.other(pesos("1500000"))) == pesos("1500000")


def test_other_amount_on_credit_cannot_be_below_the_minimum_due():
    with pytest.raises(InvalidAmount, match=r"al menos el pago mínimo \$1\.800,00"):
        credit_line().amount_for(PaymentChoice.other(pesos("1799.99")))


def test_other_amount_on_credit_cannot_overpay_the_debt():
    with pytest.raises(InvalidAmount, match=r"no puede superar el pago total \$1\.500\.000,00"):
        credit_line().amount_for(PaymentChoice.other(pesos("1500000.01")))


@pytest.mark.parametrize("amount", ["0", "-5"])
def test_typed_amounts_must_be_above_zero(amount):
    for product, choice in ((credit_line(minimum="0"), PaymentChoice.other), (savings(), PaymentChoice.free)):
        with pytest.raises(InvalidAmount, match="mayor a cero") as refused:
            product.amount_for(choice(pesos(amount)))
        assert refused.value.field == "amount"


def test_a_credit_without_minimum_due_takes_any_other_amount_up_to_the_full_due():
    product = credit_line(minimum="0")
    assert product.amount_for(PaymentChoice.other(pesos("0.01"))) == pesos("0.01")
    with pytest.raises(DomainError, match="no tiene pago mínimo pendiente"):
        product.amount_for(PaymentChoice.minimum())


def test_a_paid_off_credit_has_no_full_payment():
    with pytest.raises(DomainError, match="no tiene saldo pendiente"):
        credit_line(minimum="0", full="0").amount_for(PaymentChoice.full())


def test_a_credit_product_does_not_take_a_free_deposit():
    with pytest.raises(DomainError, match="no admite la opción") as refused:
        credit_line().amount_for(PaymentChoice.free(pesos("1000")))
    assert refused.value.field == "choice"


def test_savings_take_a_free_amount_only():
    assert savings().amount_for(PaymentChoice.free(pesos("1000000"))) == pesos("1000000")
    for choice in (PaymentChoice.minimum(), PaymentChoice.full(), PaymentChoice.other(pesos("10"))):
        with pytest.raises(DomainError, match="no admite"):
            savings().amount_for(choice)


def test_savings_respect_the_products_maximum_per_deposit():
    product = savings(max_deposit=pesos("5000000"))
    assert product.amount_for(PaymentChoice.free(pesos("5000000"))) == pesos("5000000")
    with pytest.raises(InvalidAmount, match=r"no puede superar \$5\.000\.000,00"):
        product.amount_for(PaymentChoice.free(pesos("5000000.01")))


def test_aportes_take_the_minimum_or_a_free_amount_not_below_it():
    assert equity().amount_for(PaymentChoice.minimum()) == pesos("1500")
    assert equity().amount_for(PaymentChoice.free(pesos("1500"))) == pesos("1500")
    assert equity().amount_for(PaymentChoice.free(pesos("900000"))) == pesos("900000")
    with pytest.raises(InvalidAmount, match="al menos el pago mínimo"):
        equity().amount_for(PaymentChoice.free(pesos("1499.99")))
    with pytest.raises(DomainError, match="no admite"):
        equity().amount_for(PaymentChoice.full())


def test_other_and_free_need_an_amount_and_the_fixed_choices_refuse_one():
    with pytest.raises(InvalidAmount, match="Ingrese el valor"):
        PaymentChoice(ChoiceKind.OTHER)
    with pytest.raises(InvalidAmount):
        PaymentChoice(ChoiceKind.FREE)
    with pytest.raises(DomainError, match="no lleva valor"):
        PaymentChoice(ChoiceKind.MINIMUM, pesos("1800"))


# --- the rules as properties ----------------------------------------------------------------------
@FAST
@given(money, money, money)
def test_other_on_credit_is_accepted_exactly_between_minimum_and_full(a, b, typed):
    minimum, full = min(a, b), max(a, b)
    product = credit_line(minimum=str(minimum.amount), full=str(full.amount))
    accepted = not typed.is_zero and minimum <= typed <= full
    try:
        assert product.amount_for(PaymentChoice.other(typed)) == typed
    except InvalidAmount:
        assert not accepted
    else:
        assert accepted


@FAST
@given(money, st.none() | money.filter(lambda m: not m.is_zero))
def test_a_free_deposit_is_accepted_exactly_above_zero_and_up_to_the_maximum(typed, maximum):
    product = savings(max_deposit=maximum)
    accepted = not typed.is_zero and (maximum is None or typed <= maximum)
    try:
        assert product.amount_for(PaymentChoice.free(typed)) == typed
    except InvalidAmount:
        assert not accepted
    else:
        assert accepted


@FAST
@given(money, money)
def test_a_free_amount_on_aportes_is_accepted_exactly_from_the_minimum_up(minimum, typed):
    product = equity(minimum=str(minimum.amount))
    accepted = not typed.is_zero and typed >= minimum
    try:
        assert product.amount_for(PaymentChoice.free(typed)) == typed
    except InvalidAmount:
        assert not accepted
    else:
        assert accepted
