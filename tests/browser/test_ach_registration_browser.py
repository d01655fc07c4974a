"""In Chromium: an unregistered payer registers at ACH from the PSE page, receives the e-mail, pays,
then updates and deletes the registration (pse-coopcentral.md "Registering with ACH")."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

from tests.browser.conftest import TEST_MERCHANT_ID, TEST_ROUTE
from tests.wire.soap_helpers import attempts_of, new_reference, start, verify

pytestmark = [pytest.mark.browser, pytest.mark.wire]
EMAIL = "laura.gomez@example.com"


def inbox(url: str, address: str) -> list[dict]:
    with urllib.request.urlopen(f"{url}/_sim/inbox?para={urllib.parse.quote(address)}", timeout=5) as response:
        return json.loads(response.read())


def fill_natural_person(page, email_confirmation: str) -> None:
    page.select_option("#tipo_documento", "CC")
    page.fill("#numero_documento", "52123456")
    page.fill("#nombres", "LAURA")
    page.fill("#apellidos", "GÓMEZ ROJAS")
    page.fill("#celular", "3154447788")
    page.fill("#direccion", "Calle 10 # 5-20")
    page.fill("#email", EMAIL)
    page.fill("#email_confirmacion", email_confirmation)
    page.select_option("#pregunta", index=1)
    page.fill("#respuesta", "Colegio San Bartolomé")
    page.check("#terminos")


def test_a_payer_registers_at_ach_pays_then_updates_and_deletes_the_registration(payer, browser_simulator):
    url = browser_simulator.url
    reference = new_reference()
    identifier = start(url, reference, merchant=str(TEST_MERCHANT_ID)).value("inicio_pagoV2Result")
    assert identifier.isdigit(), identifier
    payer.open_payment(identifier, TEST_ROUTE)
    payer.accept_terms()
    payer.choose_pse("natural")
    payer.choose_bank("1022")
    payer.pay("pse-correo")

    page = payer.page
    page.fill("#email", EMAIL)
    page.get_by_role("button", name="Ir al Banco").click()
    assert "Quiero registrarme ahora" in page.content()
    payer.shot("pse-correo-no-registrado")
    page.click("#quiero-registrarme")
    page.check("#tipo-natural")
    page.check("#accion-registrar")
    page.click("#seguir")
    payer.shot("registro-formulario")

    fill_natural_person(page, "otra@example.com")
    page.click("#enviar")
    assert page.locator("#error-email_confirmacion").count() == 1
    payer.shot("registro-correo-distinto")
    fill_natural_person(page, EMAIL)
    page.click("#enviar")
    assert page.locator("#resultado").count() == 1
    payer.shot("registro-listo")
    [mail] = inbox(url, EMAIL)
    assert "registr" in (mail.get("asunto", "") + mail.get("subject", "")).lower()

    page.click("#continuar-pago")
    payer.pse_email(EMAIL)
    payer.bank_button("Pay")
    assert attempts_of(verify(url, reference, merchant=str(TEST_MERCHANT_ID)))[-1][1] == "1"

    for action, button in (("actualizar", "Actualizar"), ("eliminar", "Eliminar")):
        page.goto(f"{url}/PSEUserRegister/Registro")
        page.check("#tipo-natural")
        page.check(f"#accion-{action}")
        page.click("#seguir")
        payer.shot(f"registro-{action}")
        if action == "actualizar":
            fill_natural_person(page, EMAIL)
            page.fill("#direccion", "Carrera 7 # 12-30")
        else:  # deleting asks for the security answer too
            page.fill("#email", EMAIL)
            page.select_option("#pregunta", index=1)
            page.fill("#respuesta", "Colegio San Bartolomé")
        page.get_by_role("button", name=button).click()
        assert page.locator("#resultado").count() == 1, page.content()[:2000]
        payer.shot(f"registro-{action}-listo")
        # done on its own (no payment behind it): not a dead end (issue 18, defect 5)
        assert "elija PSE en el comercio" in payer.text("#siguiente-paso")
        with page.expect_navigation():
            page.click("#regresar")
        assert page.locator("#seguir").count() == 1
    # registration, ACH's receipt of the payment (IOTCS-09 step 15), update, deletion
    assert [m["asunto"] for m in inbox(url, EMAIL)][::-1] == [
        "PSE - Confirmación de su registro", "PSE - Comprobante de su transacción", "PSE - Actualización de sus datos",
        "PSE - Eliminación de su registro"]
