"""PSE's pages and the banks' pages over HTTP on the real simulator: the e-mail page, registration with
its e-mails in the inbox, the test bank's Pay / Cancel / Debug Sonda and a generic bank, each checked
through getTransactionInformation; form validation, CSRF refusal and clear pages for unknown links."""
from __future__ import annotations

import json
import urllib.parse
import uuid

import pytest

from tests.wire.pse_helpers import created, information, page
from tests.wire.soap_helpers import control

pytestmark = pytest.mark.wire

REGISTERED = "nick.rivera@example.com"
RETURN_URL = "https://comercio.example/retorno?ref=1"
SAMPLE_FE_LABELS = (
    "Transaction ID", "Service Code", "Amount", "Ticket ID", "Solicit Date", "Cycle Number", "User Type",
    "Reference Numbers", "VAT Amount", "Entity Code", "Entity Name", "Financial Institution Code",
    "Payment Description", "Débito/Crédito", "Account Agency", "Account Number", "Password",
)


def state(url: str, cus: str) -> str:
    return information(url, cus).value("transactionState")


def inbox(url: str, to: str) -> list[dict]:
    status, messages = control(url, "/_sim/inbox?" + urllib.parse.urlencode({"para": to}))
    assert status == 200
    return messages


def at_bank(url: str, **overrides: str):
    """A transaction whose payer typed the registered e-mail: the bank page of its bank."""
    t = created(url, **overrides)
    start = page(t.bank_url)
    answer = page(t.bank_url, {"csrf": start.csrf(), "enc": t.token, "email": REGISTERED})
    assert answer.status == 303, answer.text
    bank_url = url + answer.location
    return t, bank_url, page(bank_url)


def test_the_pse_page_asks_for_the_registered_email(simulator):
    t = created(simulator.url)
    start = page(t.bank_url)
    assert start.status == 200
    for text in ("Ir al Banco", "Quiero registrarme ahora", t.cus, "$150.000,00", "BANCO UNION COLOMBIANO",
                 'id="email"', "Persona natural"):
        assert text in start.text


def test_an_unknown_email_offers_to_register_and_a_bad_one_is_explained(simulator):
    t = created(simulator.url)
    csrf = page(t.bank_url).csrf()
    unknown = page(t.bank_url, {"csrf": csrf, "enc": t.token, "email": "nadie@example.com"})
    assert unknown.status == 200 and "no está registrado en PSE" in unknown.text
    assert 'id="no-registrado"' in unknown.text and "Quiero registrarme ahora" in unknown.text
    bad = page(t.bank_url, {"csrf": csrf, "enc": t.token, "email": "no es correo"})
    assert bad.status == 400 and "El correo electrónico no es válido" in bad.text


def test_forms_without_a_valid_csrf_token_are_refused_on_the_page(simulator):
    t = created(simulator.url)
    for token in ("", "123.abc", page(t.bank_url).csrf().replace(".", ".0")):
        answer = page(t.bank_url, {"csrf": token, "enc": t.token, "email": REGISTERED})
        assert answer.status == 403 and "La página expiró o no es válida" in answer.text
    other = created(simulator.url)  # a token is bound to its transaction
    answer = page(t.bank_url, {"csrf": page(other.bank_url).csrf(), "enc": t.token, "email": REGISTERED})
    assert answer.status == 403
    assert state(simulator.url, t.cus) == "PENDING"


def test_unknown_links_get_a_clear_page(simulator):
    for path in ("/PSEUserRegister/StartTransaction.htm?enc=desconocido", "/PSEUserRegister/StartTransaction.htm",
                 "/banco/1022?enc=nope"):
        answer = page(simulator.url + path)
        assert answer.status == 404 and "Transacción no encontrada" in answer.text
        assert "Traceback" not in answer.text
    assert page(simulator.url + "/PSEUserRegister/Registro/otro/registrar").status == 404


def test_the_test_bank_page_shows_every_sample_fe_field_and_button(simulator):
    t, _, bank = at_bank(simulator.url)
    assert bank.status == 200 and "PSE Sample FE" in bank.text
    for label in SAMPLE_FE_LABELS:
        assert f">{label}</label>" in bank.text, label
    for button in (">Pay<", ">Cancel<", ">Debug Sonda<"):
        assert button in bank.text
    for value in (t.cus, t.ticket, "2701", "8902030889", "BANCO COOPERATIVO COOPCENTRAL", "1033370434 / CC / 127.0.0.1"):
        assert f'value="{value}"' in bank.text, value


def pay_fields(bank, action: str, **overrides: str) -> dict:
    fields = {"csrf": bank.csrf(), "enc": bank.hidden("enc"), "accion": action, "debito_credito": "debito",
              "agencia": "12", "cuenta": "4455667788", "clave": "1234"}
    fields.update(overrides)
    return fields


@pytest.mark.parametrize("action, expected", [("pay", "OK"), ("cancel", "NOT_AUTHORIZED")])
def test_pay_and_cancel_confirm_through_ach_and_return_to_the_entity(simulator, action, expected):
    t, bank_url, bank = at_bank(simulator.url)
    answer = page(bank_url, pay_fields(bank, action))
    assert answer.status == 303 and answer.location == RETURN_URL
    assert state(simulator.url, t.cus) == expected
    again = page(bank_url)
    assert "ya fue procesada" in again.text and RETURN_URL.replace("&", "&amp;") in again.text


def test_debug_sonda_leaves_it_pending_until_the_clock_passes_the_bank_time(simulator):
    t, bank_url, bank = at_bank(simulator.url)
    answer = page(bank_url, pay_fields(bank, "sonda"))
    assert answer.status == 303 and answer.location == RETURN_URL
    assert state(simulator.url, t.cus) == "PENDING"
    control(simulator.url, "/_sim/clock/advance", {"segundos": 7 * 60})
    try:
        assert state(simulator.url, t.cus) == "OK"
    finally:
        control(simulator.url, "/_sim/clock/reset", {})


def test_debug_sonda_then_forced_by_the_control_api(simulator):
    t, bank_url, bank = at_bank(simulator.url)
    page(bank_url, pay_fields(bank, "sonda"))
    status, body = control(simulator.url, f"/_sim/pse/transacciones/{t.cus}/estado", {"estado": "NOT_AUTHORIZED"})
    assert status == 200 and body["estado"] == "NOT_AUTHORIZED" and body["retenida_para_monitor"] == "OK"
    assert state(simulator.url, t.cus) == "NOT_AUTHORIZED"
    status, problem = control(simulator.url, f"/_sim/pse/transacciones/{t.cus}/estado", {"estado": "OK"})
    assert status == 409 and problem["status"] == 409
    assert control(simulator.url, "/_sim/pse/transacciones/999999999/estado", {"estado": "OK"})[0] == 404
    assert control(simulator.url, "/_sim/pse/transacciones/abc")[0] == 400
    listed = control(simulator.url, "/_sim/pse/transacciones")[1]
    assert t.cus in {item["cus"] for item in listed}


def test_the_bank_page_validates_the_account_and_its_csrf(simulator):
    t, bank_url, bank = at_bank(simulator.url)
    answer = page(bank_url, pay_fields(bank, "pay", agencia="", cuenta="12a", clave=""))
    assert answer.status == 400
    for message in ("La agencia de la cuenta debe tener entre 1 y 6 dígitos",
                    "El número de cuenta debe tener entre 4 y 20 dígitos", "La clave es obligatoria"):
        assert message in answer.text
    assert page(bank_url, pay_fields(bank, "pay", csrf="1.2")).status == 403
    assert page(bank_url, pay_fields(bank, "aprobar")).status == 400  # not a button of this page
    assert state(simulator.url, t.cus) == "PENDING"
    cancelled = page(bank_url, pay_fields(bank, "cancel", cuenta="", clave=""))  # cancelling needs no account
    assert cancelled.status == 303 and state(simulator.url, t.cus) == "NOT_AUTHORIZED"


def test_a_bank_page_before_the_pse_email_page_sends_the_payer_there(simulator):
    t = created(simulator.url)
    answer = page(f"{simulator.url}/banco/1022?enc={t.token}")
    assert answer.status == 303 and answer.location.startswith("/PSEUserRegister/StartTransaction.htm?enc=")


@pytest.mark.parametrize("bank_code, action, expected", [("1007", "aprobar", "OK"), ("1051", "rechazar", "NOT_AUTHORIZED")])
def test_other_banks_use_the_generic_page(simulator, bank_code, action, expected):
    t, bank_url, bank = at_bank(simulator.url, financialInstitutionCode=bank_code)
    assert bank_url.endswith(f"/banco/{bank_code}?enc={t.token}")
    assert ">Aprobar<" in bank.text and ">Rechazar<" in bank.text and "Debug Sonda" not in bank.text
    answer = page(bank_url, {"csrf": bank.csrf(), "enc": t.token, "accion": action, "cuenta": "123456", "clave": "x"})
    assert answer.status == 303 and answer.location == RETURN_URL
    assert state(simulator.url, t.cus) == expected


def test_the_bank_page_of_another_bank_is_not_found(simulator):
    t, _, _ = at_bank(simulator.url)
    assert page(f"{simulator.url}/banco/1007?enc={t.token}").status == 404


# -- registration ---------------------------------------------------------------------------------

def registration_fields(form_page, email: str, **overrides: str) -> dict:
    fields = {
        "csrf": form_page.csrf(), "nonce": form_page.hidden("nonce"), "enc": form_page.hidden("enc"),
        "tipo_documento": "CC", "numero_documento": "52123456", "nombres": "Ana María", "apellidos": "Gómez",
        "celular": "3001234567", "direccion": "Carrera 7 # 1-2", "email": email, "email_confirmacion": email,
        "pregunta": "mascota", "respuesta": "Firulais", "terminos": "si",
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def test_register_from_the_payment_then_pay_update_and_delete_with_emails(simulator):
    url = simulator.url
    email = f"ana.{uuid.uuid4().hex[:8]}@example.com"
    t = created(url)
    start = page(t.bank_url)
    register_link = start.text.split('id="quiero-registrarme" href="')[1].split('"')[0].replace("&amp;", "&")
    choice = page(url + register_link)
    assert choice.status == 200 and "Persona natural" in choice.text and "Persona jurídica" in choice.text
    chosen = page(url + "/PSEUserRegister/Registro", {"csrf": choice.csrf(), "nonce": choice.hidden("nonce"),
                                                      "enc": t.token, "tipo_persona": "natural",
                                                      "accion": "registrar"})
    assert chosen.status == 303 and chosen.location.startswith("/PSEUserRegister/Registro/natural/registrar")
    form_url = url + chosen.location
    form = page(form_url)
    assert form.status == 200 and ">Registrar<" in form.text

    invalid = page(form_url, registration_fields(form, email, email_confirmacion="otro@example.com",
                                                 terminos=None, celular="123"))
    assert invalid.status == 400
    for message in ("La confirmación del correo electrónico no coincide", "Debe aceptar los términos",
                    "El número de celular debe tener 10 dígitos"):
        assert message in invalid.text
    assert page(form_url, registration_fields(form, email, csrf="0.0")).status == 403
    assert inbox(url, email) == []

    done = page(form_url, registration_fields(form, email))
    assert done.status == 200 and "Registro exitoso" in done.text and "Continuar con el pago" in done.text
    messages = inbox(url, email)
    assert [m["asunto"] for m in messages] == ["PSE - Confirmación de su registro"]
    assert messages[0]["canal"] == "email" and "Ana María Gómez" in messages[0]["cuerpo"]
    twice = page(form_url, registration_fields(form, email))
    assert twice.status == 400 and "ya está registrado" in twice.text

    going = page(t.bank_url, {"csrf": page(t.bank_url).csrf(), "enc": t.token, "email": email.upper()})
    assert going.status == 303 and going.location.startswith("/banco/1022")

    update_url = url + "/PSEUserRegister/Registro/natural/actualizar"
    update_form = page(update_url)
    wrong = page(update_url, registration_fields(update_form, email, respuesta="Otro"))
    assert wrong.status == 400 and "no coinciden con su registro" in wrong.text
    updated = page(update_url, registration_fields(update_form, email, direccion="Calle 100 # 1-1"))
    assert updated.status == 200 and "Datos actualizados" in updated.text

    delete_url = url + "/PSEUserRegister/Registro/natural/eliminar"
    delete_form = page(delete_url)
    assert ">Eliminar<" in delete_form.text
    deleted = page(delete_url, {"csrf": delete_form.csrf(), "nonce": delete_form.hidden("nonce"), "enc": "",
                                "email": email, "pregunta": "mascota", "respuesta": " firulais "})
    assert deleted.status == 200 and "Registro eliminado" in deleted.text
    assert [m["asunto"] for m in inbox(url, email)] == [
        "PSE - Eliminación de su registro", "PSE - Actualización de sus datos", "PSE - Confirmación de su registro"]
    other = created(url)
    gone = page(other.bank_url, {"csrf": page(other.bank_url).csrf(), "enc": other.token, "email": email})
    assert "no está registrado en PSE" in gone.text


def test_a_company_registers_with_its_nit(simulator):
    url = simulator.url + "/PSEUserRegister/Registro/juridica/registrar"
    email = f"tesoreria.{uuid.uuid4().hex[:8]}@example.com"
    form = page(url)
    assert "NIT (con dígito de verificación)" in form.text and "Razón social" in form.text
    fields = registration_fields(form, email, tipo_documento=None, numero_documento="890203088-1",
                                 nombres=None, apellidos=None, razon_social="Cooperativa Ejemplo")
    wrong = page(url, fields)
    assert wrong.status == 400 and "El dígito de verificación del NIT no es correcto" in wrong.text
    done = page(url, {**fields, "numero_documento": "890203088-9"})
    assert done.status == 200 and "Registro exitoso" in done.text
    assert inbox(simulator.url, email)[0]["asunto"] == "PSE - Confirmación de su registro"


def test_the_choice_page_validates_and_checks_its_token(simulator):
    url = simulator.url + "/PSEUserRegister/Registro"
    choice = page(url)
    empty = page(url, {"csrf": choice.csrf(), "nonce": choice.hidden("nonce")})
    assert empty.status == 400 and "Seleccione persona natural o persona jurídica" in empty.text
    assert "Seleccione si desea registrarse" in empty.text
    forged = page(url, {"csrf": choice.csrf(), "nonce": "otro", "tipo_persona": "natural", "accion": "registrar"})
    assert forged.status == 403


def test_the_inbox_page_and_json_show_messages_newest_first(simulator):
    answer = page(simulator.url + "/_sim/buzon?para=nadie%40example.com")
    assert answer.status == 200 and "No hay mensajes" in answer.text
    status, problem = control(simulator.url, "/_sim/inbox?para=" + "x" * 80)
    assert status == 400 and problem["title"]
    everything = control(simulator.url, "/_sim/inbox")[1]
    assert [m["id"] for m in everything] == sorted((m["id"] for m in everything), reverse=True)
    json.dumps(everything)
