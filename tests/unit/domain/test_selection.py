from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.shared.errors import DomainError
from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money, total
from domain.recaudo.products import NOTHING_SELECTED, PaymentChoice, Product, Selection, SelectionLine, product_type


def by_type(products, code, active=True):
    return next(p for p in products if p.product_type.code == code and p.active is active)


def test_the_total_is_the_sum_the_domain_computes(make_products):
    products = make_products()
    savings, credit, aportes = by_type(products, "AV"), by_type(products, "CR"), by_type(products, "PO")
    selection = Selection.of([
        (savings, PaymentChoice.free(Money.of("50000"))),
        (credit, PaymentChoice.minimum()),
        (aportes, PaymentChoice.minimum()),
    ])
    assert selection.total() == Money.of("53300")
    assert selection.total().format() == "$53.300,00"


def test_an_empty_selection_is_refused():
    with pytest.raises(DomainError, match="Seleccione al menos un producto con valor mayor a cero") as refused:
        Selection.of([])
    assert refused.value.field == "products"


def test_a_selection_that_pays_nothing_is_refused(make_products):
    products = make_products()
    with pytest.raises(DomainError, match=NOTHING_SELECTED):
        Selection.of([(by_type(products, "CR"), PaymentChoice.no_pay()),
                      (by_type(products, "PO"), PaymentChoice.no_pay())])


def test_no_pay_lines_are_kept_but_not_listed_in_the_payment_detail(make_products):
    products = make_products()
    selection = Selection.of([(by_type(products, "CR"), PaymentChoice.no_pay()),
                              (by_type(products, "PO"), PaymentChoice.minimum())])
    assert len(selection.lines) == 2
    assert [line.product.product_type.code for line in selection.payable_lines()] == ["PO"]


def test_the_same_product_cannot_be_chosen_twice(make_products):
    savings = by_type(make_products(), "AV")
    with pytest.raises(DomainError, match="más de una vez"):
        Selection.of([(savings, PaymentChoice.free(Money.of("1"))), (savings, PaymentChoice.free(Money.of("2")))])


def test_products_of_two_associates_cannot_be_paid_together(make_products):
    mine = by_type(make_products(), "AV")
    other_owner = IdentityDocument(DocumentType.CC, "79000001")
    theirs = Product(other_owner, product_type("AV"), "555501234")
    with pytest.raises(DomainError, match="mismo asociado"):
        Selection.of([(mine, PaymentChoice.free(Money.of("1"))), (theirs, PaymentChoice.free(Money.of("1")))])


def test_an_inactive_product_in_the_selection_refuses_the_whole_selection(make_products):
    products = make_products()
    with pytest.raises(DomainError, match="no está activo"):
        Selection.of([(by_type(products, "CR"), PaymentChoice.minimum()),
                      (by_type(products, "AV", active=False), PaymentChoice.free(Money.of("1000")))])


def test_a_line_amount_is_computed_not_given(make_products):
    line = SelectionLine(by_type(make_products(), "CR"), PaymentChoice.full())
    assert line.amount == Money.of("1500000")
    with pytest.raises(TypeError):
        SelectionLine(by_type(make_products(), "CR"), PaymentChoice.full(), Money.of("1"))


deposit = st.integers(min_value=0, max_value=10**10).map(lambda c: Money(Decimal(c).scaleb(-2)))


@settings(max_examples=200, deadline=None)
@given(st.lists(deposit, min_size=1, max_size=8))
def test_the_selection_total_is_the_sum_of_its_lines(amounts):
    owner = IdentityDocument(DocumentType.CC, "1033370434")
    choices = [
        (Product(owner, product_type("AV"), f"{1000 + i}"),
         PaymentChoice.free(a) if not a.is_zero else PaymentChoice.no_pay())
        for i, a in enumerate(amounts)
    ]
    if total(amounts).is_zero:
        with pytest.raises(DomainError, match=NOTHING_SELECTED):
            Selection.of(choices)
        return
    selection = Selection.of(choices)
    assert selection.total() == total(amounts)
    assert selection.total() == total([line.amount for line in selection.payable_lines()])
