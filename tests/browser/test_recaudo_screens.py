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


# a placeholder fits when its text, in the box's own font, is no wider than the box's content area
PLACEHOLDER_FITS = """box => {
  const style = getComputedStyle(box);
  const ctx = document.createElement("canvas").getContext("2d");
  ctx.font = style.font;
  const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return ctx.measureText(box.placeholder).width <= room;
}"""
ANA = ("3209876543", "1098765432")  # the seeded associate with every product type: mobile, CC
COMMA_THOUSANDS = re.compile(r"\$\s?\d{1,3}(?:,\d{3})+\.\d{2}")


def test_d_the_small_defects_of_issue_18_in_one_walk(associate):
    """Defect 5: Spanish messages instead of the browser's pop-ups, what an empty form lacks, one resend timer,
    the amount boxes at 390 px, the card expiry's label and placeholder, one peso format, a favicon, the return
    page's entity name and a rejected payment's next step."""
    page = associate.page
    missing: list[str] = []
    page.on("response", lambda response: missing.append(response.url) if response.status == 404 else None)
    page.goto(f"{associate.base_url}/recaudo/")
    assert page.eval_on_selector_all("form", "forms => forms.every(f => f.noValidate)")
    associate.click_and_wait("#buscar")  # an empty form reaches the server: no "Please fill out this field"
    associate.shot("identificacion-vacia")
    assert associate.text("#error") == "Falta el tipo de documento y el número de documento."
    assert page.get_attribute("#tipo_documento", "aria-invalid") == "true"
    associate.identify("CC", ANA[1])  # not Nick: test_c leaves his ,03 payment pending at the bank
    associate.consult_products()
    assert page.eval_on_selector_all("form", "forms => forms.every(f => f.noValidate)")
    associate.click_and_wait("#aceptar")  # no code typed: a Spanish message, and no wrong attempt counted
    assert associate.text("#error") == "Escriba el código de seguridad que le enviamos."
    associate.click_and_wait("#reenviar")  # too soon: the refusal is the one timer
    associate.shot("un-solo-contador")
    assert page.locator("#espera").count() == 1 and page.locator("#error #espera").count() == 1
    assert page.get_by_text(re.compile("Podrá solicitar un nuevo código")).count() == 1
    first = int(re.search(r"en (\d+) segundo", associate.text("#espera")).group(1))
    page.wait_for_function(f"() => !document.getElementById('espera').textContent.includes(' {first} segundo')")
    associate.enter_code(associate.code(ANA[0]))

    page.set_viewport_size({"width": 390, "height": 844})
    associate.shot("productos-390")
    boxes = page.locator("input.valor")
    assert boxes.count() >= 2
    for index in range(boxes.count()):
        assert boxes.nth(index).evaluate(PLACEHOLDER_FITS), boxes.nth(index).get_attribute("aria-label")
    page.set_viewport_size({"width": 1000, "height": 800})
    associate.choose("DE", "910005566", "FREE", "20.000")
    associate.continue_to_payer()
    associate.continue_to_detail()
    associate.click_and_wait("#iniciar")  # no description, no terms: the server's Spanish message
    assert "descripción" in associate.text("#error").lower()
    associate.start_transaction("Ahorro rechazado")

    # the gateway: the expiry's label and placeholder agree with the spec's MMAAAA; pesos as the portal writes them
    assert "(MMAAAA)" in associate.text("label[for=fecha_vencimiento]")
    assert page.get_attribute("#fecha_vencimiento", "placeholder") == "MMAAAA"
    assert associate.text("#total") == "$20.000,00" and not COMMA_THOUSANDS.search(associate.text("body"))
    associate.pay_through_pse("Cancel")
    assert not COMMA_THOUSANDS.search(associate.text("body"))
    associate.back_to_portal()
    assert associate.text("#estado") != "Pago aprobado"
    assert associate.text("#siguiente-paso").startswith("No se debitó ningún valor")
    assert associate.text(".cabecera .entidad").upper() == "BANCO COOPERATIVO COOPCENTRAL"  # the entity's name stays
    assert page.get_attribute("link[rel=icon]", "href") == "/recaudo/static/favicon.svg"
    assert page.request.get(f"{associate.base_url}/favicon.ico").status == 200
    associate.click_and_wait("#intentar-de-nuevo")
    assert page.locator("#buscar").count() == 1 and associate.text("[role=status]").startswith("Ingrese su documento")
    assert missing == [], missing
