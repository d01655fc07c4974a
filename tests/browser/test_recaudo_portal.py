"""The recaudo portal in Chromium, every step of IOTCS-09 as an associate clicks it (issue 5's flows a–f).

The simulator runs as its own process with the bot check off, the sonda's background task off and its
loopback trigger on, so the sonda runs exactly when a test asks (after moving the simulator's clock).
Balances are read from the cooperative's core in the same SQLite file the portal credits.
"""
from __future__ import annotations

import re

import pytest

from domain.shared.identity import DocumentType, IdentityDocument
from domain.shared.money import Money
from tests.browser.recaudo_browser import Associate
from tests.wire.portal_helpers import json_post

pytestmark = [pytest.mark.browser, pytest.mark.wire]

NICK = IdentityDocument(DocumentType.CC, "1033370434")
CREDIT, SAVINGS, SAVINGS_2 = ("CR", "300027626"), ("AV", "100207756"), ("AV", "100206764")


def balances(core, key):
    return core.balances(NICK, key)


def reference_of(associate: Associate) -> str:
    return associate.text("#referencia")


def test_a_an_approved_payment_to_a_credit_at_minimum_and_a_savings_deposit_credits_each_once(associate, core,
                                                                                               portal_simulator):
    credit_before, savings_before = balances(core, CREDIT), balances(core, SAVINGS)
    associate.identify()
    assert associate.text("#saludo") == "Bienvenido(a), NICK RIVERA CAMINERO"
    associate.consult_products()
    assert "Código de seguridad" in associate.text("h1")
    assert "******6048" in associate.text(".dialogo")
    associate.enter_code(associate.code())
    rows = associate.page.locator("tr.producto strong").all_inner_texts()
    assert rows == ["Ahorros a la Vista(****7756)", "Ahorros a la Vista(****6764)", "Cupo de Crédito(****7626)",
                    "Aportes Sociales(****8768)"]  # the inactive product is never offered
    assert "Fecha límite de pago" in associate.text("tr[data-producto='CR-300027626']")
    associate.choose(*CREDIT, "MINIMUM")
    associate.choose(*SAVINGS, "FREE", "50.000")
    assert associate.text("#total") == "$51.800,00"  # the live total (the server recomputes it)
    associate.continue_to_payer()
    assert "NICK RIVERA CAMINERO" in associate.text("#asociado")
    associate.continue_to_detail()
    assert associate.text("#producto") == "PSE recaudos"
    assert re.fullmatch(r"\d{8}", reference_of(associate))
    reference = reference_of(associate)
    assert associate.text("#total") == "$51.800,00"
    associate.start_transaction("Cuota de noviembre y ahorro")
    assert "/t_demo/pago.asp" in associate.page.url
    assert associate.text("#total") == "$51.800,00"
    associate.pay_through_pse("Pay")
    assert associate.text("#resultado") == "Pago aprobado"
    associate.back_to_portal()
    assert "/recaudo/retorno" in associate.page.url and "id_comercio=1001" in associate.page.url
    assert associate.text("#estado") == "Pago aprobado"
    assert associate.text("#referencia") == reference
    assert associate.text("#banco") == "BANCO UNION COLOMBIANO" and associate.text("#cus").isdigit()
    assert associate.text("#abonado") == "El pago fue abonado a sus productos."
    credit_after, savings_after = balances(core, CREDIT), balances(core, SAVINGS)
    assert credit_after.full_due == credit_before.full_due - Money.of("1800")
    assert credit_after.minimum_due == Money.zero()
    assert savings_after.balance == savings_before.balance + Money.of("50000")
    associate.page.reload()  # a second visit, and a sonda pass, credit nothing more
    json_post(portal_simulator.url, "/recaudo/_sonda/ejecutar")
    assert balances(core, SAVINGS).balance == savings_after.balance
    assert balances(core, CREDIT).full_due == credit_after.full_due
    assert sorted((t, n, a) for t, n, a, _ in core.credits(reference)) == [
        (*SAVINGS, Money.of("50000")), (*CREDIT, Money.of("1800"))]


def test_b_a_different_depositor_pays_for_the_associates_products(associate, core):
    before = balances(core, SAVINGS_2)
    associate.verified()
    associate.choose(*SAVINGS_2, "FREE", "25.000")
    associate.continue_to_payer()
    associate.page.check("#depositante")
    associate.page.select_option("#tipo_documento", "CC")
    associate.page.fill("#numero_documento", "79123456")
    associate.page.fill("#nombres", "María José")
    associate.page.fill("#apellidos", "Pérez Gómez")
    associate.page.fill("#correo", "maria.perez@example")  # refused: the page says why, next to the field
    associate.page.fill("#celular", "3001234567")
    associate.click_and_wait("#continuar")
    associate.shot("depositante-invalido")
    assert "El correo electrónico no es válido" in associate.text("form")
    assert associate.page.is_checked("#depositante")
    associate.page.fill("#correo", "maria.perez@example.com")
    associate.continue_to_detail()
    assert "María José Pérez Gómez" in associate.text(".datos")
    associate.start_transaction("Depósito de María José")
    assert associate.text("#saludo") == "Bienvenido(a), María José Pérez Gómez"  # the gateway has the depositor
    associate.pay_through_pse("Pay")
    associate.back_to_portal()
    assert associate.text("#estado") == "Pago aprobado"
    assert balances(core, SAVINGS_2).balance == before.balance + Money.of("25000")


def test_c_an_expired_code_is_refused_and_a_resend_within_30_seconds_too(associate):
    associate.identify()
    associate.consult_products()
    first = associate.code()
    associate.click_and_wait("#reenviar")
    associate.shot("reenvio-antes-de-30-segundos")
    assert re.search(r"Podrá solicitar un nuevo código en ([12]?\d|30) segundos?", associate.text("#error"))
    assert associate.code() == first  # no new code was sent
    associate.advance_clock(5 * 60 + 1)
    associate.enter_code(first, "codigo-expirado")
    assert associate.text("#error") == "El código de seguridad expiró. Solicite un nuevo código"
    associate.click_and_wait("#reenviar")
    associate.shot("codigo-reenviado")
    assert "Enviamos un nuevo código" in associate.text("[role=status]")
    second = associate.code()
    assert second != first
    associate.enter_code(second)
    assert associate.text("h1") == "Información de productos"


def test_d_three_wrong_codes_lock_the_session(associate):
    associate.identify()
    associate.consult_products()
    right = associate.code()
    wrong = "000000" if right != "000000" else "111111"
    associate.enter_code(wrong, "codigo-incorrecto")
    assert associate.text("#error") == "El código de seguridad no es correcto. Le quedan 2 intentos"
    associate.enter_code(wrong, "codigo-incorrecto")
    associate.enter_code(wrong, "codigo-bloqueado")
    assert associate.text("#error").startswith("Código bloqueado por demasiados intentos fallidos")
    associate.page.goto(f"{associate.base_url}/recaudo/codigo")  # the locked session is gone
    assert associate.page.is_visible("#numero_documento")


def test_e_a_rejected_payment_credits_nothing(associate, core):
    before = balances(core, SAVINGS)
    associate.verified()
    associate.choose(*SAVINGS, "FREE", "30.000")
    associate.continue_to_payer()
    associate.continue_to_detail()
    reference = reference_of(associate)
    associate.start_transaction("Ahorro rechazado")
    associate.pay_through_pse("Cancel")
    assert associate.text("#resultado") == "Pago rechazado"
    associate.back_to_portal()
    assert associate.text("#estado") == "Pago rechazado"
    assert balances(core, SAVINGS).balance == before.balance
    assert core.credits(reference) == []


def test_f_a_pending_payment_is_resolved_by_the_sonda_after_the_clock_moves(associate, core, portal_simulator):
    before = balances(core, SAVINGS)
    associate.verified()
    associate.choose(*SAVINGS, "FREE", "20.000,03")  # ,03: pending at the bank for its 7 minutes, then approved
    associate.continue_to_payer()
    associate.continue_to_detail()
    reference = reference_of(associate)
    associate.start_transaction("Ahorro pendiente")
    associate.page.goto(f"{associate.base_url}/recaudo/retorno?id_comercio=1001&id_pago={int(reference)}")
    associate.shot("resultado-pendiente")
    assert associate.text("#estado") == "Pago pendiente"
    notice = associate.text("#aviso-ach")
    assert notice.startswith(f"En este momento su #{reference} presenta un proceso de pago cuya transacción se "
                             "encuentra PENDIENTE de recibir confirmación por parte de su entidad financiera")
    assert re.search(r"preguntar por el estado de la transacción: \d+$", notice)
    early = json_post(portal_simulator.url, "/recaudo/_sonda/ejecutar")
    assert reference not in early["verified"]  # not before 7 minutes
    associate.advance_clock(8 * 60)
    report = json_post(portal_simulator.url, "/recaudo/_sonda/ejecutar")
    assert reference in report["finished"] and reference in report["credited"]
    assert balances(core, SAVINGS).balance == before.balance + Money.of("20000.03")
    associate.page.reload()
    associate.shot("resultado-aprobado-por-la-sonda")
    assert associate.text("#estado") == "Pago aprobado"
