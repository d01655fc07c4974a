"""`POST /ApisToken/api/PagoAPTC` over real HTTP (zonapagos-ws.md §13): a token from Tokentc_crear charged by
REST, approved, rejected, pending, with a bad token, and the REST generation's 415/400; the charge is the same
payment verificar_pago_v4 finds, and the merchant's password never reaches the journal."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from tests.wire.soap_helpers import attempts_of, verify
from tests.wire.token_helpers import new_id_pago, new_int_id_pago, tokenize

pytestmark = pytest.mark.wire

PATH = "/ApisToken/api/PagoAPTC"


def rest(url: str, body: bytes | str, content_type: str | None = "application/json") -> tuple[int, dict]:
    data = body.encode() if isinstance(body, str) else body
    headers = {"Content-Type": content_type} if content_type else {}
    request = urllib.request.Request(url + PATH, data=data, method="POST", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def aptc(token: str, **changes) -> dict:
    body = {"int_id_comercio": 1001, "str_usuario": "usuario-v4", "str_clave": "clave-v4",
            "str_tipo_identificador": "1", "str_identificador": token, "str_id_pago": new_int_id_pago(),
            "str_total_con_iva": "35000", "str_valor_iva": "0", "int_no_cuotas": 1,
            "str_descripcion_pago": "Cuota mensual", "str_direccion_ip_cliente": "10.20.30.40"}
    body.update(changes)
    return body


@pytest.fixture(scope="module")
def token(simulator) -> str:
    answer = tokenize(simulator.url, id_pago=new_id_pago())
    assert answer.value("estado_tokenizacion") == "1", answer.body
    return answer.value("token")


def test_an_approved_charge_by_token_answers_the_payment_number_and_the_return_list(simulator, token):
    body = aptc(token)
    status, answer = rest(simulator.url, json.dumps(body))
    assert status == 200
    assert (answer["int_estado_transaccion"], answer["str_detalle_error"]) == (1, None)
    assert answer["str_no_pago"].isdigit() and answer["str_detalle_estado"]
    codes = {item["str_codigo"]: item["str_valor"] for item in answer["lista_retorno"]}
    assert codes["100"] == body["str_id_pago"] and codes["101"].isdigit() and codes["102"].isdigit()
    [attempt] = attempts_of(verify(simulator.url, body["str_id_pago"]))
    assert attempt[0] == answer["str_no_pago"] and attempt[1] == "1"  # the same payment, approved


@pytest.mark.parametrize(("cents", "transaction", "state"), [(".02", 2, "1000"), (".07", 3, "4001")])
def test_rejected_and_pending_charges_answer_2_and_3(simulator, token, cents, transaction, state):
    body = aptc(token, str_total_con_iva=f"35000{cents}")
    status, answer = rest(simulator.url, json.dumps(body))
    assert status == 200 and answer["int_estado_transaccion"] == transaction
    assert [item["str_codigo"] for item in answer["lista_retorno"]] == ["100"]  # 101/102 only when approved
    [attempt] = attempts_of(verify(simulator.url, body["str_id_pago"]))
    assert attempt[1] == state


@pytest.mark.parametrize(("changes", "names"), [
    ({"str_identificador": "9999999999000000000001"}, "identificador"),
    ({"str_clave": "otra"}, "Credenciales"),
    ({"str_total_con_iva": "abc"}, "str_total_con_iva"),
    ({"str_id_pago": None}, "str_id_pago"),
    ({"int_no_cuotas": 99}, "int_no_cuotas"),
])
def test_business_errors_answer_http_200_with_minus_one_and_a_detail(simulator, token, changes, names):
    status, answer = rest(simulator.url, json.dumps(aptc(token, **changes)))
    assert status == 200 and answer["int_estado_transaccion"] == -1
    assert names in answer["str_detalle_error"] and answer["str_no_pago"] == "" and answer["lista_retorno"] == []


@pytest.mark.parametrize("content_type", [None, "text/plain", "application/x-www-form-urlencoded"])
def test_a_body_that_is_not_declared_json_is_refused_with_415(simulator, token, content_type):
    status, answer = rest(simulator.url, json.dumps(aptc(token)), content_type)
    assert status == 415 and "media type" in answer["Message"]


@pytest.mark.parametrize("body", ['{"int_id_comercio": 1001,', b"\xff\xfe{", ""])
def test_malformed_json_is_refused_with_400(simulator, body):
    status, answer = rest(simulator.url, body)
    assert status == 400 and answer == {"Message": "The request is invalid."}


@pytest.mark.parametrize("body", ["[]", "[1, 2]", '"texto"', "42", "null"])
def test_well_formed_json_that_is_not_an_object_is_a_business_error(simulator, body):
    """zonapagos-ws.md §8: 400 is for malformed JSON only; the body's structure is a business error (HTTP 200)."""
    status, answer = rest(simulator.url, body)
    assert status == 200 and answer["int_estado_transaccion"] == -1 and "objeto JSON" in answer["str_detalle_error"]


def test_the_journal_keeps_the_charge_without_the_merchants_password(simulator, token):
    body = aptc(token, str_clave="clave-v4")
    rest(simulator.url, json.dumps(body))
    request = urllib.request.Request(f"{simulator.url}/_sim/journal?operacion=PagoAPTC&limite=5")
    with urllib.request.urlopen(request, timeout=10) as response:
        entries = json.loads(response.read())
    [entry] = [e for e in entries if body["str_id_pago"] in e["solicitud"]]
    assert "clave-v4" not in entry["solicitud"] and '"str_clave": "****"' in entry["solicitud"]


NASTY = [None, [], {}, True, -1, 2**63, "x" * 3000, "1e400", "NaN", "-Infinity", "", " ", "ñ😀\u202e", 1.5]


def test_no_value_in_any_field_gets_a_5xx_or_a_traceback(simulator, token):
    for field in aptc(token):
        for value in NASTY:
            status, answer = rest(simulator.url, json.dumps(aptc(token, **{field: value})))
            assert status == 200, (field, value, answer)
            assert answer["int_estado_transaccion"] in (-1, 1, 2, 3), (field, value, answer)
            assert "Traceback" not in json.dumps(answer)
