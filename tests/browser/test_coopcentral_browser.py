"""A cooperative's associate pays a merchant in Chromium through bank 1066, the Red Coopcentral
(pse-coopcentral.md "Paying through PSE with a cooperative account", steps 1–10).

The merchant starts the payment by SOAP; the payer walks ZonaPAGOS' page, PSE's e-mail page and the
network's pages (document, entity, Portal Transaccional with its bot check, an account declined for
insufficient funds, a second account, the security code read from the simulator's inbox, the receipt),
returns to the merchant, and the merchant's verificar_pago_v4 says 1. Each page is saved under
reports/screenshots/<test>/.
"""
from __future__ import annotations

import re
import urllib.parse

import pytest

from features.drivers.coopcentral import CODE, json_get
from tests.browser.conftest import TEST_MERCHANT_ID, TEST_ROUTE
from tests.wire.soap_helpers import attempts_of, new_reference, start, verify

pytestmark = [pytest.mark.browser, pytest.mark.wire]

REGISTERED_PAYER = "nick.rivera@example.com"
GOOD, POOR = "4010015566", "4010023344"
STATE, METHOD = 1, 14  # positions in a str_res_pago attempt


def available(url: str, number: str) -> str:
    accounts = json_get(url, "/_sim/red-coopcentral/cuentas?tipo=CC&numero=1033370434")
    return next(a["disponible"] for a in accounts if a["numero"] == number)


def latest_code(url: str, to: str = "3107126048") -> str:
    for message in json_get(url, f"/_sim/inbox?para={urllib.parse.quote(to)}"):
        found = CODE.search(message["cuerpo"])
        if found:
            return found.group(1)
    raise AssertionError(f"no security code for {to}")


def click(payer, selector: str, shot: str) -> None:
    with payer.page.expect_navigation():
        payer.page.click(selector)
    payer.shot(shot)


def test_an_associate_pays_through_the_network_after_an_insufficient_funds_decline(payer, browser_simulator,
                                                                                   merchant_site):
    url = browser_simulator.url
    good_before, poor_before = available(url, GOOD), available(url, POOR)
    reference = new_reference()
    identifier = start(url, reference, total="119000", vat="19000", merchant=str(TEST_MERCHANT_ID),
                       description="Pedido 7 &lt;Red&gt;").value("inicio_pagoV2Result")
    assert identifier and identifier.isdigit(), identifier

    # 1–3: the merchant's (gateway's) page, PSE, the bank
    payer.open_payment(identifier, TEST_ROUTE)
    assert payer.text("#factura") == identifier
    payer.accept_terms()
    payer.choose_pse("natural")
    payer.choose_bank("1066")
    payer.pay("pse-correo")
    assert "/PSEUserRegister/StartTransaction.htm" in payer.url
    payer.pse_email(REGISTERED_PAYER)
    assert "/coopcentral/pse?enc=" in payer.url
    page = payer.page
    assert payer.text("#valor") == "$119,000.00"  # this portal's own format: comma thousands

    # 4: document
    page.select_option("#tipo_documento", "CC")
    page.fill("#numero_documento", "1033370434")
    click(payer, "#continuar", "red-entidades")

    # 5: the network's entities where the associate has active products
    entities = page.locator("#lista-entidades label").all_inner_texts()
    assert [e.split(" NIT")[0].strip() for e in entities] == ["Cooperativa Alianza",
                                                             "Cooperativa Financiera de Antioquia"]
    page.check("#entidad-alianza")
    click(payer, "#continuar", "portal-usuario")

    # 6: Portal Transaccional: user, bot check, password
    assert payer.text("#olvido-usuario") == "¿Olvidaste tu usuario?"  # as the instructivo writes it (issue 18)
    clock = json_get(url, "/_sim/clock")["ahora"]  # the header's date and time run on the simulated clock
    assert payer.text("#fecha-hora").startswith(clock[:10].replace("-", "") + " " + clock[11:14])
    page.fill("#usuario", "nrivera")
    click(payer, "#continuar", "portal-clave")
    question = re.search(r"¿Cuánto es (\d+) \+ (\d+)\?", payer.text("label[for=verificacion]"))
    assert question, "the bot check asks a small sum"
    page.fill("#verificacion", str(int(question.group(1)) + int(question.group(2))))
    page.fill("#clave", "clave-red")
    assert payer.text("#olvido-clave") == "¿Olvidaste tu contraseña?"
    click(payer, "#ingresar", "cuentas")

    # 7: the account and "Datos del pago"
    assert payer.text("#entidad-nombre") == "Cooperativa Alianza"
    assert (payer.text("#valor"), payer.text("#iva")) == ("$119,000.00", "$19,000.00")
    assert payer.text("#descripcion") == "Pedido 7 <Red>"
    assert re.fullmatch(r"\d{8}", payer.text("#fecha-solicitud")) and payer.text("#cus").isdigit()
    # Referencia1–3 as the instructivo's screens show them: the payer's IP, document type and number (issue 18)
    assert [payer.text(f"#referencia{n}") for n in (1, 2, 3)] == ["127.0.0.1", "CC", "1033370434"]
    assert payer.text("#factura") == identifier  # the gateway's "Número de factura" (issue 18)
    page.check(f"#cuenta-{POOR}")
    click(payer, "#pagar", "cuenta-rechazada-fondos")

    # 8: declined for insufficient funds; choose another account
    assert payer.text("#mensaje").startswith("La cuenta ****3344 fue rechazada: Fondos insuficientes")
    assert page.is_disabled(f"#cuenta-{POOR}")
    page.check(f"#cuenta-{GOOD}")
    click(payer, "#pagar", "codigo-seguridad")

    # 9: the security code, by e-mail and SMS, from the simulator's inbox
    assert "******6048" in payer.text("#destinos")
    code = latest_code(url)
    assert code == latest_code(url, REGISTERED_PAYER)
    page.fill("#codigo_seguridad", code)
    click(payer, "#aceptar", "comprobante-red")

    # 10: the receipt
    assert payer.text("#resultado") == "Pago realizado exitosamente"
    assert payer.text("#cuenta") == "****5566 Ahorros"
    assert (payer.text("#valor"), payer.text("#iva")) == ("$119,000.00", "$19,000.00")
    for selector in ("#fecha-solicitud", "#comercio", "#descripcion", "#referencia-pago", "#factura", "#cus", "#ip",
                     "#referencia1", "#referencia2", "#referencia3", "#fecha-pago", "#transaccion"):
        assert payer.text(selector), selector
    cus = payer.text("#cus")

    # "Cancelar" on the receipt: the payment stays made, and the page says so (issue 18, defect 7)
    click(payer, "#cancelar", "red-sesion-finalizada")
    assert payer.text("#resultado") == "Sesión finalizada"
    assert "ya fue realizado exitosamente" in payer.text("#causa") and "no se puede cancelar" in payer.text("#causa")

    # back to the merchant: the gateway asks ACH, shows its receipt, then the merchant's page
    click(payer, "#regresar", "pasarela-comprobante")
    assert "estado_pago=respuesta" in payer.url and payer.text("#resultado") == "Pago aprobado"
    assert payer.text("#banco") == "BANCO COOPERATIVO COOPCENTRAL" and payer.text("#cus") == cus
    payer.back_to_merchant()
    assert merchant_site.visits[-1] == {"id_comercio": str(TEST_MERCHANT_ID), "id_pago": reference}
    [attempt] = attempts_of(verify(url, reference, merchant=str(TEST_MERCHANT_ID)))
    assert (attempt[STATE], attempt[METHOD]) == ("1", "29")
    assert float(good_before) - float(available(url, GOOD)) == 119000
    assert available(url, POOR) == poor_before


def to_the_portal(payer, url: str, total: str, entity: str) -> str:
    """A gateway payment of `total` through PSE and bank 1066, logged in at `entity`'s portal; its reference."""
    reference = new_reference()
    identifier = start(url, reference, total=total, vat="0", merchant=str(TEST_MERCHANT_ID)).value(
        "inicio_pagoV2Result")
    payer.open_payment(identifier, TEST_ROUTE)
    payer.accept_terms()
    payer.choose_pse("natural")
    payer.choose_bank("1066")
    payer.pay("pse-correo")
    payer.pse_email(REGISTERED_PAYER)
    page = payer.page
    page.select_option("#tipo_documento", "CC")
    page.fill("#numero_documento", "1033370434")
    click(payer, "#continuar", "red-entidades")
    page.check(f"#entidad-{entity}")
    click(payer, "#continuar", "portal-usuario")
    page.fill("#usuario", "nrivera")
    click(payer, "#continuar", "portal-clave")
    question = re.search(r"¿Cuánto es (\d+) \+ (\d+)\?", payer.text("label[for=verificacion]"))
    page.fill("#verificacion", str(int(question.group(1)) + int(question.group(2))))
    page.fill("#clave", "clave-red")
    click(payer, "#ingresar", "cuentas")
    return reference


def test_when_no_account_can_pay_the_associate_sees_each_decline_and_the_cancel_page_names_them(
        payer, browser_simulator, merchant_site):
    """Issue 18, defect 7: the Financiera's savings account is short and its credit line too; the first decline
    is shown with the line still to choose, and only the last one cancels, naming both accounts and why."""
    url = browser_simulator.url
    savings, line = "4020019901", "5020027755"
    before = available(url, savings), available(url, line)
    reference = to_the_portal(payer, url, "2000000", "cfa")
    page = payer.page
    page.check(f"#cuenta-{savings}")
    click(payer, "#pagar", "cuenta-rechazada")
    assert payer.text("#mensaje").startswith("La cuenta ****9901 fue rechazada: Fondos insuficientes")
    assert page.is_disabled(f"#cuenta-{savings}") and page.is_enabled(f"#cuenta-{line}")
    assert payer.text(f"#rechazo-{savings}").startswith("Rechazada: Fondos insuficientes")
    page.check(f"#cuenta-{line}")
    click(payer, "#pagar", "pago-cancelado")
    assert payer.text("#resultado") == "Pago cancelado"
    assert payer.text("#causa").startswith("Ninguna de sus cuentas en esta entidad permite el débito")
    assert [payer.text(f"#rechazo-cuenta-{n}") for n in (1, 2)] == ["****9901 Ahorros", "****7755 Crédito"]
    assert payer.text("#rechazo-motivo-2").startswith("Fondos insuficientes")
    assert (available(url, savings), available(url, line)) == before
    click(payer, "#regresar", "pasarela-comprobante")
    assert "estado_pago=respuesta" in payer.url and payer.text("#resultado") != "Pago aprobado"
    [attempt] = attempts_of(verify(url, reference, merchant=str(TEST_MERCHANT_ID)))
    assert attempt[STATE] != "1"
