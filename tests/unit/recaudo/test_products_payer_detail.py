"""Steps 6–8 of the portal on fakes: products and amounts, the payer, the detail and its reference."""
from __future__ import annotations

import pytest

from domain.shared.errors import DomainError
from domain.shared.money import Money
from domain.recaudo.products import ChoiceKind
from domain.recaudo.session import SessionState
from domain.recaudo.usecases import visit as steps
from tests.unit.recaudo.conftest import APORTES, CREDIT, INACTIVE, SAVINGS, SAVINGS_2

C = steps.ChoiceInput


def test_each_product_offers_the_choices_its_type_allows_with_the_fixed_amounts(portal):
    portal.verified()
    offers = {o.key: o for o in steps.products_to_choose("s1", portal.sessions, portal.clock)}
    credit = offers[CREDIT]
    assert [c.label for c in credit.choices] == [
        "No pagar", "Pago mínimo $1.800,00", "Pago total $1.500.000,00", "Otro valor"]
    assert credit.due_date is not None
    assert [c.kind for c in offers[SAVINGS].choices] == [ChoiceKind.NO_PAY, ChoiceKind.FREE]
    assert [c.label for c in offers[APORTES].choices] == ["No pagar", "Pago mínimo $1.500,00", "Valor a depositar"]
    assert INACTIVE not in offers


def test_the_total_is_computed_from_the_registered_products(portal):
    portal.verified()
    selection = portal.choose("s1", C(*CREDIT, "MINIMUM"), C(*SAVINGS, "FREE", "$50.000,00"), C(*SAVINGS_2, "NO_PAY"))
    assert selection.total() == Money.of("51800")
    assert portal.sessions.get("s1").state is SessionState.PRODUCTS_CHOSEN


def test_every_refused_line_gets_its_own_reason_and_the_good_lines_keep_their_amounts(portal):
    portal.verified()
    with pytest.raises(steps.ProductsRefused) as refused:
        portal.choose("s1", C(*CREDIT, "OTHER", "1000"), C(*SAVINGS, "FREE", "abc"), C(*APORTES, "MINIMUM"),
                      C(*SAVINGS_2, "FREE", ""))
    reasons = refused.value.reasons
    assert "al menos el pago mínimo $1.800,00" in reasons[CREDIT]
    assert "no es un valor en pesos" in reasons[SAVINGS]
    assert "Ingrese el valor" in reasons[SAVINGS_2]
    assert refused.value.amounts == {APORTES: Money.of("1500")}
    assert portal.sessions.get("s1").state is SessionState.OTP_VERIFIED


def test_a_choice_the_type_does_not_allow_is_refused_next_to_the_product(portal):
    portal.verified()
    with pytest.raises(steps.ProductsRefused) as refused:
        portal.choose("s1", C(*SAVINGS, "MINIMUM"))
    assert "no admite la opción «Pago mínimo»" in refused.value.reasons[SAVINGS]


def test_nothing_to_pay_is_refused(portal):
    portal.verified()
    with pytest.raises(DomainError, match="Seleccione al menos un producto"):
        portal.choose("s1", C(*SAVINGS, "NO_PAY"), C(*CREDIT, "NO_PAY"))


def test_an_inactive_or_foreign_product_in_the_request_is_refused(portal):
    portal.verified()
    with pytest.raises(steps.ProductsRefused, match="Revise") as refused:
        portal.choose("s1", C(*INACTIVE, "FREE", "1000"))
    assert "no está activo" in refused.value.reasons[INACTIVE]
    with pytest.raises(DomainError, match="no pertenece al asociado"):
        portal.choose("s1", C("AV", "700001111", "FREE", "1000"))


def test_the_associate_is_the_payer_by_default(portal):
    portal.verified()
    portal.choose("s1", C(*SAVINGS, "FREE", "10000"))
    payer = steps.set_payer("s1", None, portal.sessions, portal.clock)
    assert (payer.first_names, payer.last_names, payer.is_associate) == ("NICK", "RIVERA CAMINERO", True)


def test_a_different_depositor_is_validated_field_by_field(portal):
    portal.verified()
    portal.choose("s1", C(*SAVINGS, "FREE", "10000"))
    bad = steps.DepositorInput("CC", "12", "", "Pérez", "no-es-correo", "2001234567")
    with pytest.raises(steps.PayerRefused) as refused:
        steps.set_payer("s1", bad, portal.sessions, portal.clock)
    assert set(refused.value.errors) == {"document_number", "email", "mobile", "first_names"}
    good = steps.DepositorInput("CE", "AB12345", "María José", "Pérez Gómez", "maria@example.com", "3001234567")
    payer = steps.set_payer("s1", good, portal.sessions, portal.clock)
    assert payer.full_name == "María José Pérez Gómez" and not payer.is_associate


def test_the_detail_gets_one_reference_shown_with_eight_digits(portal):
    detail = portal.ready_to_start()
    assert (detail.product, detail.reference, detail.total) == ("PSE recaudos", "10000025", Money.of("51800"))
    assert [l.product.masked_name for l in detail.lines] == ["Cupo de Crédito(****7626)", "Ahorros a la Vista(****7756)"]
    again = steps.payment_detail("s1", portal.sessions, portal.payments, portal.clock)
    assert again.reference == "10000025"


def test_the_detail_needs_products_and_payer_first(portal):
    portal.verified()
    with pytest.raises(DomainError, match="Complete primero"):
        steps.payment_detail("s1", portal.sessions, portal.payments, portal.clock)


def test_the_description_may_not_carry_characters_pse_forbids(portal):
    with pytest.raises(DomainError, match="no puede contener"):
        steps.check_description('Pago "cuota" | marzo')
