"""The recaudo portal's screens as issue 18 found them: each defect of its list, in Chromium.

Its own simulator process (a credit is paid off here, which the flows of test_recaudo_portal.py must not see).
"""
from __future__ import annotations

import re
from datetime import datetime

import pytest

from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money

pytestmark = [pytest.mark.browser, pytest.mark.wire]

NICK = IdentityDocument(DocumentType.CC, "1033370434")
CREDIT, SAVINGS = ("CR", "300027626"), ("AV", "100207756")


def row(type_code: str, number: str) -> str:
    return f"tr[data-producto='{type_code}-{number}']"


def test_a_refused_amount_keeps_its_option_and_fixing_only_the_amount_is_accepted(associate):
    associate.verified()
    associate.choose(*CREDIT, "OTHER", "10")  # below the minimum: refused by the server
    associate.choose(*SAVINGS, "FREE", "20.000")
    associate.click_and_wait("#continuar")
    associate.shot("valor-rechazado")
    assert "debe ser al menos el pago mínimo" in associate.text(row(*CREDIT))
    assert associate.page.is_checked(f"{row(*CREDIT)} input[value='OTHER']")
    assert associate.page.is_checked(f"{row(*SAVINGS)} input[value='FREE']")
    assert associate.text(f"{row(*SAVINGS)} .linea-valor") == "$20.000,00"
    assert associate.text(f"{row(*CREDIT)} .linea-valor") == "$10,00"  # the typed amount, as the box shows it
    assert associate.text("#total") == "$20.010,00"
    associate.page.fill(f"{row(*CREDIT)} input.valor", "2.000")  # only the amount is fixed
    associate.click_and_wait("#continuar")
    assert associate.text("h1") == "Información del pagador"


def test_b_a_credit_paid_in_full_is_shown_as_paid_and_offers_nothing_to_pay(associate, core):
    owed = core.balances(NICK, CREDIT).full_due
    assert core.credit("PAGADO-EN-PRUEBA", NICK, CREDIT, owed, datetime(2024, 1, 1))
    associate.verified()
    credit = associate.text(row(*CREDIT))
    assert "Sin saldo pendiente" in credit
    assert "Fecha límite de pago" not in credit and "Otro valor" not in credit
    assert associate.page.locator(f"{row(*CREDIT)} input").count() == 0


def test_c_the_reference_is_written_the_same_on_the_portal_the_gateway_and_in_the_pending_texts(associate):
    associate.verified()
    associate.choose(*SAVINGS, "FREE", "20.000,03")  # ,03: pending at the bank
    associate.continue_to_payer()
    associate.continue_to_detail()
    reference = associate.text("#referencia")
    assert re.fullmatch(r"[1-9]\d{7}", reference)  # 8 digits as the instruction shows them, no leading zero
    associate.start_transaction("Ahorro pendiente")
    assert f"su #{reference} presenta" in associate.text("main")  # ZonaPAGOS' page: ACH's pending text
    associate.page.goto(f"{associate.base_url}/recaudo/retorno?id_comercio=1001&id_pago={reference}")
    assert associate.text("#referencia") == reference
    assert associate.text("#aviso-ach").startswith(f"En este momento su #{reference} presenta")
