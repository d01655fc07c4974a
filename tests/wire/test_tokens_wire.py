"""Tokentc_crear and ZPagoAPTC over real HTTP: WSDLs, every combination, errors, recurring charges,
verification of the charges, and no card number or CVV anywhere on disk or in the log."""
from __future__ import annotations

import re

import pytest

from tests.wire.soap_helpers import attempts_of, get, post, verify
from tests.stored_data import stored_bytes, stored_values
from tests.wire.token_helpers import (
    APTC_NS, APTC_PATH, TOKENTC_NS, TOKENTC_PATH, aptc_body, charge, new_id_pago, new_int_id_pago, return_list,
    tokenize, tokentc_body,
)

pytestmark = pytest.mark.wire


def element_positions(body: str, names: list[str]) -> list[int]:
    return [re.search(rf"<{name}[ />]", body).start() for name in names]


def tokenized(simulator, **changes) -> tuple[str, str, str]:
    """Token, no_pago and id_pago of an approved first charge of 4111…"""
    id_pago = new_id_pago()
    answer = tokenize(simulator.url, id_pago=id_pago, **changes)
    assert answer.value("estado_tokenizacion") == "1", answer.body
    return answer.value("token"), answer.value("no_pago"), id_pago


# -- WSDL --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("path", "namespace", "operation", "service"), [
    (TOKENTC_PATH, TOKENTC_NS, "Tokentc_crear", "TokenTC"), (APTC_PATH, APTC_NS, "ZPagoAPTC", "PagoAPTC"),
])
@pytest.mark.parametrize("query", ["?wsdl", "?WSDL"])
def test_each_token_service_serves_its_wsdl(simulator, path, namespace, operation, service, query):
    answer = get(simulator.url + path + query)
    assert answer.status == 200 and answer.content_type.startswith("text/xml")
    wsdl = answer.root
    assert wsdl.get("targetNamespace") == namespace
    assert wsdl.find("{http://schemas.xmlsoap.org/wsdl/}service").get("name") == service
    text = answer.body.decode()
    assert f'soapAction="{namespace}/{operation}"' in text
    assert f'location="{simulator.url}{path}"' in text
    assert f'name="{operation}Result"' in text and 'name="lista_info_retorno_valor"' in text


def test_paths_are_case_insensitive_like_iis(simulator):
    assert get(simulator.url + TOKENTC_PATH.lower() + "?wsdl").status == 200
    assert get(simulator.url + APTC_PATH.lower() + "?wsdl").status == 200


# -- Tokentc_crear: generar_pago × ban_tokenizar ------------------------------------------------------

@pytest.mark.parametrize(("generar", "ban", "card", "result", "tokenized_state", "transaction"), [
    ("1", "1", "4111111111111111", "1", "1", "1"),
    ("1", "1", "4000000000000002", "1", "2", "2"),
    ("1", "1", "4000000000009995", "1", "2", "2"),
    ("1", "2", "4111111111111111", "1", "1", "1"),
    ("1", "2", "4000000000000002", "1", "1", "2"),
    ("0", "0", "4111111111111111", "1", "1", "0"),
    ("2", "0", "4000000000000002", "1", "1", "0"),
    ("1", "0", "4111111111111111", "-1", "2", "2"),
    ("1", "3", "4111111111111111", "-1", "2", "2"),
    ("0", "1", "4111111111111111", "-1", "2", "2"),
    ("0", "2", "4111111111111111", "-1", "2", "2"),
])
def test_every_combination_of_generar_pago_and_ban_tokenizar(
        simulator, generar, ban, card, result, tokenized_state, transaction):
    answer = tokenize(simulator.url, generar_pago=generar, ban_tokenizar=ban, numero_tarjeta=card)
    assert answer.status == 200
    assert (answer.value("Tokentc_crearResult"), answer.value("estado_tokenizacion"),
            answer.value("estado_transaccion")) == (result, tokenized_state, transaction)
    token = answer.value("token")
    assert (re.fullmatch(r"[1-9]\d{21}", token) is not None) is (tokenized_state == "1")
    if result == "-1":
        assert "ban_tokenizar" in answer.value("detalle_error")


def test_an_approved_first_charge_answers_every_byref_output_in_order(simulator):
    id_pago = new_id_pago()
    answer = tokenize(simulator.url, id_pago=id_pago)
    body = answer.body.decode()
    names = ["Tokentc_crearResult", "estado_tokenizacion", "token", "detalle_estado_token", "estado_transaccion",
             "detalle_estado", "no_pago", "detalle_error", "lista_info_retorno_codigo", "lista_info_retorno_valor"]
    assert element_positions(body, names) == sorted(element_positions(body, names))
    assert f'<Tokentc_crearResponse xmlns="{TOKENTC_NS}">' in body
    assert answer.value("detalle_estado") == "Aprobada" and answer.value("detalle_error") == ""
    assert answer.value("detalle_estado_token") == "Token generado"
    returned = return_list(answer)
    assert list(returned) == ["100", "101", "102"] and returned["100"] == id_pago
    assert re.fullmatch(r"\d{6}", returned["101"]) and returned["102"].isdigit()
    assert not answer.value("lista_info_retorno_codigo").endswith("|")


def test_the_first_charge_is_found_by_verification_as_a_card_payment(simulator):
    _, no_pago, id_pago = tokenized(simulator, numero_tarjeta="5555555555554444", tipo_tarjeta="2")
    [attempt] = attempts_of(verify(simulator.url, id_pago))
    assert attempt[0] == no_pago and attempt[1] == "1" and attempt[14] == "32"
    assert attempt[16:18] == ["4444", "MASTERCARD"]
    assert attempt[5:8] == ["1033370434", "NICK", "RIVERA CAMINERO"] and attempt[10] == "afiliado-25"


def test_a_declined_first_charge_is_verified_as_declined_and_answers_no_authorization(simulator):
    id_pago = new_id_pago()
    answer = tokenize(simulator.url, id_pago=id_pago, numero_tarjeta="4000000000009995", ban_tokenizar="2")
    assert answer.value("detalle_estado") == "Fondos insuficientes"
    assert return_list(answer) == {"100": id_pago}
    assert attempts_of(verify(simulator.url, id_pago))[0][1] == "777"


def test_tokenizing_only_charges_nothing(simulator):
    id_pago = new_id_pago()
    answer = tokenize(simulator.url, generar_pago="0", ban_tokenizar="0", id_pago=id_pago, total_con_iva=None,
                      valor_iva=None, codigo_seguridad=None, no_cuotas=None, descripcion_pago=None)
    assert answer.value("Tokentc_crearResult") == "1" and answer.value("no_pago") == "0"
    assert answer.value("lista_info_retorno_codigo") == ""
    assert verify(simulator.url, id_pago).value("int_cantidad_pagos") == "0"


# -- Tokentc_crear: errors --------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "message"), [
    ({"clave": "mala"}, "Credenciales inválidas"),
    ({"clave": "clave-inicio"}, "Credenciales inválidas"),
    ({"id_comercio": "4242"}, "Credenciales inválidas"),
    ({"usuario": None}, "El campo usuario es obligatorio"),
    ({"clave": "c" * 21}, "El campo clave excede la longitud máxima de 20 caracteres"),
    ({"numero_tarjeta": None}, "El campo numero_tarjeta es obligatorio"),
    ({"numero_tarjeta": "41111111111111111"}, "El campo numero_tarjeta excede la longitud máxima de 16 caracteres"),
    ({"numero_tarjeta": "4111111111111112"}, "El número de tarjeta no es válido"),
    ({"tipo_tarjeta": "2"}, "El número de tarjeta no corresponde al tipo de tarjeta indicado"),
    ({"tipo_tarjeta": "3"}, "El tipo de tarjeta 3 ya no se admite"),
    ({"tipo_tarjeta": None}, "El campo tipo_tarjeta es obligatorio"),
    ({"fecha_vencimiento": "012020"}, "La tarjeta está vencida"),
    ({"fecha_vencimiento": "2030-12"}, "El campo fecha_vencimiento excede la longitud máxima de 6 caracteres"),
    ({"fecha_vencimiento": "1230"}, "La fecha de vencimiento debe tener el formato MMAAAA"),
    ({"codigo_seguridad": "12"}, "El código de seguridad de la tarjeta debe tener 3 dígitos"),
    ({"codigo_seguridad": "12345"}, "El campo codigo_seguridad excede la longitud máxima de 4 caracteres"),
    ({"direccion_ip_cliente": None}, "El campo direccion_ip_cliente es obligatorio"),
    ({"direccion_ip_cliente": "localhost"}, "El campo direccion_ip_cliente no es una dirección IP válida"),
    ({"generar_pago": None}, "El campo generar_pago es obligatorio"),
    ({"total_con_iva": None}, "El campo total_con_iva es obligatorio cuando generar_pago es 1"),
    ({"valor_iva": None}, "El campo valor_iva es obligatorio cuando generar_pago es 1"),
    ({"id_pago": None}, "El campo id_pago es obligatorio cuando generar_pago es 1"),
    ({"descripcion_pago": ""}, "El campo descripcion_pago es obligatorio cuando generar_pago es 1"),
    ({"codigo_seguridad": None}, "El campo codigo_seguridad es obligatorio cuando generar_pago es 1"),
    ({"no_cuotas": None}, "El campo no_cuotas es obligatorio cuando generar_pago es 1"),
    ({"id_pago": "12-34"}, "El campo id_pago solo admite dígitos"),
    ({"id_pago": "1" * 31}, "El campo id_pago excede la longitud máxima de 30 caracteres"),
    ({"total_con_iva": "20000.001"}, "El campo total_con_iva no es válido: El valor admite máximo 2 decimales"),
    ({"total_con_iva": "-5"}, "El campo total_con_iva no puede ser negativo"),
    ({"total_con_iva": "0"}, "El campo total_con_iva debe ser mayor que cero"),
    ({"valor_iva": "-1"}, "El campo valor_iva no puede ser negativo"),
    ({"valor_iva": "20000.5"}, "El campo valor_iva no puede ser mayor que total_con_iva"),
    ({"descripcion_pago": "a;b"}, "El campo descripcion_pago contiene caracteres no permitidos"),
    ({"descripcion_pago": "d" * 71}, "El campo descripcion_pago excede la longitud máxima de 70 caracteres"),
    ({"no_cuotas": "0"}, "El campo no_cuotas debe estar entre 1 y 36"),
    ({"tipo_id": "12"}, "El campo tipo_id no es un tipo de identificación válido (0 a 11)"),
    ({"email": "e" * 61}, "El campo email excede la longitud máxima de 60 caracteres"),
    ({"nombre_en_tarjeta": "n" * 31}, "El campo nombre_en_tarjeta excede la longitud máxima de 30 caracteres"),
    ({"txtcampo2": "t" * 71}, "El campo txtcampo2 excede la longitud máxima de 70 caracteres"),
    ({"lista_info_adicional_codigo": "1|2|", "lista_info_adicional_valor": "a|b|"},
     "El campo lista_info_adicional_codigo no debe terminar en |"),
    ({"lista_info_adicional_codigo": "1|2", "lista_info_adicional_valor": "a"},
     "Los campos lista_info_adicional_codigo y lista_info_adicional_valor deben tener el mismo número"),
])
def test_tokentc_errors_answer_minus_one_with_a_spanish_message_naming_the_field(simulator, change, message):
    id_pago = change.get("id_pago") or new_id_pago()
    answer = tokenize(simulator.url, **{"id_pago": id_pago, **change})
    assert answer.status == 200
    assert answer.value("Tokentc_crearResult") == "-1"
    assert answer.value("detalle_error").startswith(message)
    assert (answer.value("estado_tokenizacion"), answer.value("estado_transaccion")) == ("2", "2")
    assert answer.value("token") == "" and answer.value("no_pago") == "0"
    if id_pago.isdigit() and len(id_pago) <= 30:
        assert verify(simulator.url, id_pago).value("int_cantidad_pagos") == "0"


def test_a_duplicate_id_pago_is_refused(simulator):
    _, _, id_pago = tokenized(simulator)
    answer = tokenize(simulator.url, id_pago=id_pago)
    assert answer.value("detalle_error") == f"El id_pago {id_pago} ya existe para este comercio"


def test_a_value_of_the_wrong_type_is_a_soap_fault(simulator):
    answer = post(simulator.url + TOKENTC_PATH, tokentc_body(generar_pago="uno"))
    assert answer.status == 500 and "campo generar_pago" in answer.fault


def test_php_soapclient_parameter_sets_with_the_byref_outputs_are_answered(simulator):
    byref = {"estado_tokenizacion": "0", "token": "", "detalle_estado_token": "", "estado_transaccion": "0",
             "detalle_estado": "", "no_pago": "0", "detalle_error": "", "lista_info_retorno_codigo": "",
             "lista_info_retorno_valor": ""}
    assert tokenize(simulator.url, **byref).value("estado_tokenizacion") == "1"
    token, _, _ = tokenized(simulator)
    body = aptc_body(token, estado_transaccion="0", detalle_estado="", no_pago="0", detalle_error="",
                     lista_info_retorno_codigo="", lista_info_retorno_valor="")
    assert post(simulator.url + APTC_PATH, body).value("estado_transaccion") == "1"


# -- magic amounts on a charge ----------------------------------------------------------------------

@pytest.mark.parametrize(("cents", "transaction", "state"), [("07", "3", "4001"), ("08", "2", "4000"),
                                                             ("09", "2", "4003")])
def test_review_amounts_hold_or_reject_the_first_charge(simulator, cents, transaction, state):
    id_pago = new_id_pago()
    answer = tokenize(simulator.url, id_pago=id_pago, total_con_iva=f"20000.{cents}", ban_tokenizar="2")
    assert answer.value("estado_transaccion") == transaction
    assert attempts_of(verify(simulator.url, id_pago))[0][1] == state


def test_a_06_charge_answers_minus_one_and_the_caller_must_verify(simulator):
    id_pago = new_id_pago()
    answer = tokenize(simulator.url, id_pago=id_pago, total_con_iva="20000.06")
    assert answer.value("Tokentc_crearResult") == "-1" and answer.value("estado_transaccion") == "-1"
    assert "verificar_pago_v4" in answer.value("detalle_error")
    verification = verify(simulator.url, id_pago)
    assert verification.value("verificar_pago_v4Result") == "1"
    assert attempts_of(verification)[0][1] == "1"


def test_a_05_charge_fails_at_the_gateway_and_charges_nothing(simulator):
    id_pago = new_id_pago()
    answer = tokenize(simulator.url, id_pago=id_pago, total_con_iva="20000.05", ban_tokenizar="2")
    assert answer.value("Tokentc_crearResult") == "-1" and answer.value("estado_transaccion") == "-1"
    assert answer.value("detalle_error").startswith("Error en la pasarela")
    assert answer.value("estado_tokenizacion") == "2"
    assert verify(simulator.url, id_pago).value("int_cantidad_pagos") == "0"


# -- ZPagoAPTC --------------------------------------------------------------------------------------

def test_a_token_is_charged_again_by_token_and_by_the_initial_no_pago_and_verified(simulator):
    token, no_pago, _ = tokenized(simulator)
    for kind, identifier in (("1", token), ("2", no_pago)):
        id_pago = new_int_id_pago()
        answer = charge(simulator.url, identifier, id_pago, tipo_identificador=kind)
        assert answer.status == 200
        assert (answer.value("ZPagoAPTCResult"), answer.value("estado_transaccion")) == ("1", "1")
        assert answer.value("detalle_estado") == "Aprobada" and answer.value("detalle_error") == ""
        returned = return_list(answer)
        assert returned["100"] == id_pago and len(returned["101"]) == 6 and returned["102"].isdigit()
        [attempt] = attempts_of(verify(simulator.url, id_pago))
        assert attempt[0] == answer.value("no_pago") and attempt[1] == "1" and attempt[14] == "32"
        assert attempt[2] == "35000" and attempt[16:20] == ["1111", "VISA", returned["101"], returned["102"]]


def test_zpagoaptc_answers_its_outputs_in_order(simulator):
    token, _, _ = tokenized(simulator)
    body = charge(simulator.url, token).body.decode()
    names = ["ZPagoAPTCResult", "estado_transaccion", "detalle_estado", "no_pago", "detalle_error",
             "lista_info_retorno_codigo", "lista_info_retorno_valor"]
    assert element_positions(body, names) == sorted(element_positions(body, names))
    assert f'<ZPagoAPTCResponse xmlns="{APTC_NS}">' in body


def test_a_token_of_a_declining_card_is_declined_without_authorization_codes(simulator):
    answer = tokenize(simulator.url, generar_pago="0", ban_tokenizar="0", numero_tarjeta="4000000000000002")
    id_pago = new_int_id_pago()
    charged = charge(simulator.url, answer.value("token"), id_pago)
    assert (charged.value("ZPagoAPTCResult"), charged.value("estado_transaccion")) == ("1", "2")
    assert charged.value("detalle_estado") == "Tarjeta declinada por el emisor"
    assert return_list(charged) == {"100": id_pago}


def test_a_recurring_06_charge_is_settled_by_verification(simulator):
    token, _, _ = tokenized(simulator)
    id_pago = new_int_id_pago()
    answer = charge(simulator.url, token, id_pago, total_con_iva="35000.06")
    assert (answer.value("ZPagoAPTCResult"), answer.value("estado_transaccion")) == ("-1", "-1")
    assert attempts_of(verify(simulator.url, id_pago))[0][1] == "1"


@pytest.mark.parametrize(("change", "message"), [
    ({"clave": "mala"}, "Credenciales inválidas"),
    ({"identificador": "1842154537000000001169"}, "no corresponde a una tarjeta tokenizada de este comercio"),
    ({"tipo_identificador": "2", "identificador": "123456789"}, "no corresponde a una tarjeta tokenizada"),
    ({"tipo_identificador": "2", "identificador": "1234567890123"},
     "El campo identificador debe ser el no_pago inicial"),
    ({"tipo_identificador": "3"}, "El campo tipo_identificador debe ser 1 (token) o 2 (no_pago inicial)"),
    ({"identificador": "9" * 41}, "El campo identificador excede la longitud máxima de 40 caracteres"),
    ({"id_pago": None}, "El campo id_pago es obligatorio"),
    ({"id_pago": "0"}, "El campo id_pago debe ser un número mayor que cero"),
    ({"total_con_iva": None}, "El campo total_con_iva es obligatorio"),
    ({"total_con_iva": "1.234"}, "El campo total_con_iva no es válido"),
    ({"valor_iva": "-2"}, "El campo valor_iva no puede ser negativo"),
    ({"valor_iva": "35000.01"}, "El campo valor_iva no puede ser mayor que total_con_iva"),
    ({"numero_cuotas": None}, "El campo numero_cuotas es obligatorio"),
    ({"numero_cuotas": "48"}, "El campo numero_cuotas debe estar entre 1 y 36"),
    ({"descripcion_pago": None}, "El campo descripcion_pago es obligatorio"),
    ({"direccion_ip_cliente": "1.2.3"}, "El campo direccion_ip_cliente no es una dirección IP válida"),
    ({"total_con_iva": "35000.05"}, "Error en la pasarela"),
])
def test_zpagoaptc_errors_answer_minus_one_with_a_spanish_message_naming_the_field(simulator, change, message):
    token, _, _ = tokenized(simulator)
    id_pago = new_int_id_pago()
    answer = charge(simulator.url, change.pop("identificador", token), **{"id_pago": id_pago, **change})
    assert answer.status == 200
    assert (answer.value("ZPagoAPTCResult"), answer.value("estado_transaccion")) == ("-1", "-1")
    assert message in answer.value("detalle_error")
    assert answer.value("no_pago") == "0" and answer.value("lista_info_retorno_codigo") == ""
    assert verify(simulator.url, id_pago).value("int_cantidad_pagos") == "0"


def test_a_recurring_charge_refuses_a_duplicate_id_pago(simulator):
    token, _, _ = tokenized(simulator)
    id_pago = new_int_id_pago()
    assert charge(simulator.url, token, id_pago).value("estado_transaccion") == "1"
    assert charge(simulator.url, token, id_pago).value("detalle_error") == (
        f"El id_pago {id_pago} ya existe para este comercio")


def test_an_id_pago_that_is_no_int_is_a_soap_fault(simulator):
    token, _, _ = tokenized(simulator)
    answer = charge(simulator.url, token, "pago-1")
    assert answer.status == 500 and "campo id_pago" in answer.fault


# -- card data never kept ---------------------------------------------------------------------------

# CVVs with a leading zero: no sequence number, amount or code of the session is written like that.
CARDS = [("1", "4111111111111111", "047"), ("2", "5555555555554444", "083"), ("4", "36227206271667", "069"),
         ("5", "378282246310005", "0738"), ("1", "4000000000000002", "058"), ("1", "4000000000009995", "092")]


def test_no_full_card_number_or_cvv_is_stored_or_logged(simulator):
    for kind, number, cvv in CARDS:
        for ban in ("1", "2"):
            answer = tokenize(simulator.url, tipo_tarjeta=kind, numero_tarjeta=number, codigo_seguridad=cvv,
                              ban_tokenizar=ban)
            if answer.value("estado_tokenizacion") == "1":
                charge(simulator.url, answer.value("token"))
                charge(simulator.url, answer.value("no_pago"), tipo_identificador="2")
        tokenize(simulator.url, tipo_tarjeta=kind, numero_tarjeta=number, codigo_seguridad=cvv,
                 fecha_vencimiento="012020")  # refused: the number still must not end up anywhere
    stored, values, log = stored_bytes(simulator.db), stored_values(simulator.db), simulator.output()
    assert b"1111" in stored and any(v.endswith("1111") for v in values)  # the right bytes are searched
    for _, number, cvv in CARDS:
        assert number.encode() not in stored and number not in log
        # A CVV as a text value, or inside a stored text (a journal body, JSON) between non-alphanumerics
        # (not a fraction like 0.047); raw bytes between XML, JSON or form delimiters, since a bare
        # 3-digit run occurs by chance in binary pages and hex digests.
        standalone = re.compile(r"(?<![0-9A-Za-z.])" + cvv + r"(?![0-9A-Za-z.])")
        assert not [v for v in values if standalone.search(v)], cvv
        assert re.search(rb"""[>"'=:]\s*""" + cvv.encode() + rb"""\s*[<"'&,]""", stored) is None, cvv
        assert standalone.search(log) is None, cvv
