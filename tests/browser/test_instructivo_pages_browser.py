"""What the instructivos' flows show and the simulator lacked (issue 18, "Missing from the documents' flows"),
in Chromium: ZonaPAGOS' page texts, PSE's tabs and support block, the "PSE Sample FE" fields, ACH's receipt
e-mail after the bank answers (step 15), the registration's wording, and on the recaudo portal the terms'
"(leer)", the personal-data text, the chosen products with their "x" and an associate with every product type.
"""
from __future__ import annotations

import json
import re
import urllib.parse
import urllib.request

import pytest

from tests.browser.conftest import TEST_MERCHANT_ID, TEST_ROUTE
from tests.wire.soap_helpers import new_reference, start

pytestmark = [pytest.mark.browser, pytest.mark.wire]

REGISTERED = "nick.rivera@example.com"
DOTNET_DATE = re.compile(r"\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}:\d{2} (AM|PM)")


def json_get(url: str, path: str):
    with urllib.request.urlopen(url + path, timeout=5) as response:
        return json.loads(response.read())


def receipts(url: str, email: str) -> list[str]:
    return [m["cuerpo"] for m in json_get(url, f"/_sim/inbox?para={urllib.parse.quote(email)}")
            if m["asunto"] == "PSE - Comprobante de su transacción"]


def to_the_test_bank(payer, url: str, total: str = "45000") -> None:
    identifier = start(url, new_reference(), total=total, vat="0", merchant=str(TEST_MERCHANT_ID)).value(
        "inicio_pagoV2Result")
    payer.open_payment(identifier, TEST_ROUTE)
    payer.accept_terms()
    payer.choose_pse("natural")
    payer.choose_bank("1022")
    payer.pay("pse-correo")
    payer.pse_email(REGISTERED)


def test_the_gateway_pse_and_the_test_bank_pages_as_the_documents_show_them(payer, browser_simulator):
    url, page = browser_simulator.url, payer.page
    identifier = start(url, new_reference(), total="45000", vat="0", merchant=str(TEST_MERCHANT_ID)).value(
        "inicio_pagoV2Result")
    payer.open_payment(identifier, TEST_ROUTE)
    # ZonaPAGOS: "Información de tu pago", "Paga seguro con", "Selecciona el medio de pago", PSE's explanation
    assert payer.text("#informacion-pago") == "Información de tu pago"
    assert payer.text("#paga-seguro").startswith("Paga seguro con")
    assert payer.text("#selecciona-medio") == "Selecciona el medio de pago"
    payer.accept_terms()
    payer.choose_pse("natural")
    assert payer.text("#explicacion-pse").startswith("El pago se efectuará a través de PSE")
    payer.choose_bank("1022")
    payer.pay("pse-correo")
    # PSE: the "Soy un usuario registrado" tab beside "Quiero registrarme ahora", and the support block
    assert payer.text("#pestana-registrado") == "Soy un usuario registrado"
    assert payer.text("#pestana-registrarme") == "Quiero registrarme ahora"
    assert "¿Necesita ayuda?" in payer.text("#soporte")
    payer.pse_email(REGISTERED)
    # PSE Sample FE: welcome line, Medio de Pago, User Type as Item0, the .NET date, Débito/Crédito radios
    assert payer.text("#bienvenida") == f"Welcome to PSE Sample FE, {REGISTERED}"
    assert page.locator("#medio-pago option").all_inner_texts()[0] == "15 - Débito a cuenta"
    assert page.input_value("#user-type") == "Item0"
    assert DOTNET_DATE.fullmatch(page.input_value("#solicit-date")), page.input_value("#solicit-date")
    assert page.is_checked("#debito") and not page.is_checked("#credito")
    assert page.is_checked("#llamar-confirm")
    cus = page.input_value("#transaction-id")
    page.check("#credito")
    payer.bank_button("Pay")
    assert payer.text("#resultado") == "Pago aprobado"
    # step 15: ACH e-mails the payer the receipt once the bank answered
    [mail] = [body for body in receipts(url, REGISTERED) if f"CUS: {cus}" in body]
    for line in ("Banco: BANCO UNION COLOMBIANO", "Valor: $45.000,00", "Estado: Aprobada"):
        assert line in mail, mail

    # "Call ConfirmTransactionPayment" unticked: the bank decides but tells ACH nothing; ACH keeps it PENDING
    to_the_test_bank(payer, url)
    cus = page.input_value("#transaction-id")
    page.uncheck("#llamar-confirm")
    payer.bank_button("Pay", "pasarela-pendiente")
    assert json_get(url, f"/_sim/pse/transacciones/{cus}")["estado"] == "PENDING"
    assert not [body for body in receipts(url, REGISTERED) if f"CUS: {cus}" in body]


def test_the_registration_pages_use_the_documents_wording(payer, browser_simulator):
    page = payer.page
    page.goto(f"{browser_simulator.url}/PSEUserRegister/Registro")
    payer.shot("registro")
    options = payer.text("#pse-registro")
    assert "Quiero actualizar mi registro" in options and "Quiero borrar mi registro" in options
    page.check("#tipo-natural")
    page.check("#accion-registrar")
    with page.expect_navigation():
        page.click("#seguir")
    payer.shot("registro-formulario")
    assert "¿Colegio en el cual obtuvo su título de bachiller?" in page.locator("#pregunta option").all_inner_texts()
    assert payer.text("label:has(#novedades)").startswith("Quiero mantenerme al día")
    assert payer.text("#ver-mas") == "Ver más"
    page.click("#ver-mas")
    assert page.is_visible("#terminos-texto p")
    with page.expect_navigation():
        page.click("#regresar")
    assert page.locator("#seguir").count() == 1


ANA_MOBILE = "3209876543"
EVERY_TYPE = ("Obligaciones", "Tarjeta de Crédito", "Ahorros Contractuales", "Ahorros Permanentes",
              "Cuenta Corriente", "Depósito Electrónico", "Depósito Electrónico con Subsidio")


def test_every_product_type_the_chosen_list_and_its_x_and_the_terms_to_read(associate):
    page = associate.page
    associate.identify("CC", "1098765432")
    associate.consult_products()
    associate.enter_code(associate.code(ANA_MOBILE))
    names = " ".join(page.locator("tr.producto strong").all_inner_texts())
    for name in EVERY_TYPE:
        assert f"{name}(****" in names, name
    assert associate.text("#sin-elegidos") == "Aún no ha elegido productos."
    associate.choose("TC", "450012345", "MINIMUM")
    associate.choose("DS", "920007788", "FREE", "10.000")
    associate.choose("AC", "510004567", "FREE", "60.000")  # an active Ahorros Contractuales takes money
    associate.shot("productos-elegidos-lista")
    listed = page.locator("#lista-elegidos li")
    assert listed.count() == 3 and not page.is_visible("#sin-elegidos")
    assert " ".join(listed.nth(0).inner_text().split()) == "Tarjeta de Crédito(****2345) · $120.000,00 x"
    # "x" in the page: the product goes back to "No pagar" and the total follows
    page.click("#lista-elegidos li[data-producto='DS-920007788'] button.quitar")
    assert listed.count() == 2 and associate.text("#total") == "$180.000,00"
    assert page.is_checked("tr[data-producto='DS-920007788'] input[value='NO_PAY']")
    # the same "x" without the page's script: the server answers with the product removed
    remove = "#lista-elegidos li[data-producto='AC-510004567'] button.quitar"
    with page.expect_navigation():
        page.eval_on_selector(remove, "button => button.form.requestSubmit(button)")
    associate.shot("producto-quitado")
    assert page.locator("#lista-elegidos li").count() == 1 and associate.text("#total") == "$120.000,00"
    assert page.is_checked("tr[data-producto='AC-510004567'] input[value='NO_PAY']")
    associate.continue_to_payer()
    associate.continue_to_detail()
    # the terms' "(leer)" and the personal-data text
    assert not page.is_visible("#texto-terminos p")
    page.click("#leer-terminos")
    assert page.is_visible("#texto-terminos p")
    assert "Ley 1581 de 2012" in associate.text("#datos-personales")
    associate.shot("detalle-terminos")
