"""The error and limit rows of zonapagos-ws.md §4–§6 (and shared/spec/README.md) that the V2 and V4 wire
tests leave open, for inicio_pagoV2/V3/V4, verificar_pago_v4 and verificar_pago_v3, over real HTTP.

V3 and V4 of the start share V2's 21 elements and rules, so each start row runs against all three.
"""
from __future__ import annotations

import re

import pytest
from lxml import etree

from tests.wire.legacy_helpers import (
    VERIFY_V3_NS, VERIFY_V3_PATH, inicio_version_body, record_names, records_of, strings_xml, verify_v3,
    verify_v3_body,
)
from tests.wire.soap_helpers import (
    START_PATH, START_REFUSALS, VERIFY_PATH, attempts_of, control, get, inicio_body, new_reference, post, start,
    verify, verify_body,
)
from tests.wire.test_control_merchants import NEW_MERCHANT, send

pytestmark = pytest.mark.wire

VERSIONS = ["V2", "V3", "V4"]


def start_body(version: str, reference: str, **kwargs) -> str:
    return inicio_body(reference, **kwargs) if version == "V2" else inicio_version_body(version, reference, **kwargs)


def start_result(url: str, version: str, body: str) -> str | None:
    return post(url + START_PATH, body).value(f"inicio_pago{version}Result")


def without(body: str, element: str) -> str:
    return re.sub(f"<{element}>.*?</{element}>", "", body)


# -- inicio_pagoV2 / V3 / V4 (§4) ------------------------------------------------------------------

@pytest.mark.parametrize("version", ["V3", "V4"])
@pytest.mark.parametrize(("change", "message"), START_REFUSALS)
def test_v3_and_v4_refuse_what_v2_refuses_with_the_same_message(simulator, version, change, message):
    assert start_result(simulator.url, version, start_body(version, new_reference(), **change)).startswith(message)


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("element", ["id_tienda", "clave", "total_con_iva", "valor_iva", "id_pago",
                                     "descripcion_pago"])
def test_a_missing_required_start_element_is_refused_naming_it(simulator, version, element):
    body = without(start_body(version, new_reference()), element)
    assert start_result(simulator.url, version, body) == f"-1 El campo {element} es obligatorio"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("field", "limit"), [
    ("clave", 50), ("tipo_id", 2), ("apellido_cliente", 50), ("telefono_cliente", 50), ("info_opcional1", 70),
    ("info_opcional3", 70), ("codigo_servicio_principal", 10), ("email", 70), ("id_cliente", 30),
])
def test_every_start_size_limit_is_refused_naming_the_field(simulator, version, field, limit):
    value = "1" * (limit + 1)
    kwargs = {"password": value} if field == "clave" else {field: value}
    assert start_result(simulator.url, version, start_body(version, new_reference(), **kwargs)) == (
        f"-1 El campo {field} excede la longitud máxima de {limit} caracteres")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("reference", ['a"b', "a;b", "a|b"])
def test_forbidden_characters_in_id_pago_are_refused(simulator, version, reference):
    assert start_result(simulator.url, version, start_body(version, reference)) == (
        '-1 El campo id_pago contiene caracteres no permitidos (| " ;)')


@pytest.mark.parametrize("description", ['cuota "enero"', "cuota; enero"])
def test_forbidden_characters_in_the_description_are_refused(simulator, description):
    assert start_result(simulator.url, "V2", inicio_body(new_reference(), description=description)).startswith(
        "-1 El campo descripcion_pago contiene caracteres no permitidos")


@pytest.mark.parametrize("total", ["NaN", "INF", "-INF"])
def test_non_finite_amounts_are_refused_in_band(simulator, total):
    assert start_result(simulator.url, "V2", inicio_body(new_reference(), total=total)) == (
        "-1 El campo total_con_iva no es válido: El valor no es un número válido")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("change", "field"), [
    ({"merchant": "abc"}, "id_tienda"),
    ({"merchant": "99999999999"}, "id_tienda"),  # beyond Int32
    ({"total": "1,5"}, "total_con_iva"),  # a decimal comma is not an xs:double
    ({"vat": "cero"}, "valor_iva"),
    ({"extra": "<lista_valores_iva><double>abc</double></lista_valores_iva>"}, "lista_valores_iva"),
])
def test_a_value_of_the_wrong_xsd_type_is_a_soap_fault_naming_the_field(simulator, version, change, field):
    if version != "V2" and "extra" in change:  # V3/V4 take their own `extra`; put the list inside V2's part
        body = start_body(version, new_reference()).replace(
            "<total_codigos_servicio>", change["extra"] + "<total_codigos_servicio>")
    else:
        body = start_body(version, new_reference(), **change)
    answer = post(simulator.url + START_PATH, body)
    assert answer.status == 500 and answer.value("faultcode") == "soap:Client"
    assert f"Input string was not in a correct format (campo {field})" in answer.fault


def test_a_wrong_total_codigos_servicio_type_is_a_fault(simulator):
    body = inicio_body(new_reference()).replace("<total_codigos_servicio>0<", "<total_codigos_servicio>x<")
    answer = post(simulator.url + START_PATH, body)
    assert answer.status == 500 and "(campo total_codigos_servicio)" in answer.fault


def test_one_reference_space_for_all_start_versions(simulator):
    reference = new_reference()
    assert start_result(simulator.url, "V2", inicio_body(reference)).isdigit()
    for version in ("V3", "V4"):
        assert start_result(simulator.url, version, start_body(version, reference)) == (
            f"-1 El id_pago {reference} ya existe para este comercio")


def test_leading_zeros_in_id_pago_are_accepted_on_soap(simulator):
    # docs/decisions.md: REST's "no leading zeros" is not enforced on SOAP V2
    reference = "000" + new_reference()[:12]
    assert start(simulator.url, reference).value("inicio_pagoV2Result").isdigit()
    assert attempts_of(verify(simulator.url, reference))[0][1] == "888"


def test_inicio_pago_v4_hands_lista_respuesta_back_on_errors_too(simulator):
    body = inicio_version_body("V4", new_reference(), strings_xml("lista_respuesta", ["eco"]), password="mala")
    answer = post(simulator.url + START_PATH, body)
    assert answer.value("inicio_pagoV4Result") == "-1 Credenciales inválidas"
    assert answer.value("string") == "eco"


def test_the_start_wsdl_declares_the_three_versions_with_asp_net_soap_actions(simulator):
    wsdl = get(f"{simulator.url}{START_PATH}?wsdl").body
    for version in VERSIONS:
        assert f'soapAction="http://www.zonapagos.com/inicio_pago{version}"'.encode() in wsdl
    assert b'name="lista_respuesta"' in wsdl and b'name="archivo_adjunto_nombre_guardado"' in wsdl


# -- a disabled merchant (README: refused like wrong credentials) ----------------------------------

@pytest.fixture(scope="module")
def disabled_merchant(simulator) -> str:
    status, _ = send(f"{simulator.url}/_sim/merchants/2010", "PUT", {**NEW_MERCHANT, "habilitado": False})
    assert status == 200
    return "2010"


@pytest.mark.parametrize("version", VERSIONS)
def test_a_disabled_merchant_with_the_right_start_password_is_refused(simulator, disabled_merchant, version):
    body = start_body(version, new_reference(), merchant=disabled_merchant, password=NEW_MERCHANT["clave_inicio"],
                      codigo_servicio_principal=NEW_MERCHANT["codigo_servicio"])
    assert start_result(simulator.url, version, body) == "-1 Credenciales inválidas"


def test_a_disabled_merchant_with_the_right_verification_credentials_is_refused(simulator, disabled_merchant):
    v4 = verify(simulator.url, new_reference(), merchant=disabled_merchant, user=NEW_MERCHANT["usuario_v4"],
                password=NEW_MERCHANT["clave_v4"])
    assert (v4.value("verificar_pago_v4Result"), v4.value("str_detalle")) == ("-1", "Credenciales inválidas")
    v3 = verify_v3(simulator.url, new_reference(), merchant=disabled_merchant, key=NEW_MERCHANT["clave_inicio"])
    assert (v3.value("verificar_pago_v3Result"), v3.value("int_error")) == ("-1", "2")


# -- verificar_pago_v4 (§5) ------------------------------------------------------------------------

@pytest.mark.parametrize("element", ["int_id_comercio", "str_usr_comercio", "str_pwd_Comercio", "str_id_pago"])
def test_a_missing_required_verification_element_answers_minus_one_naming_it(simulator, element):
    answer = post(simulator.url + VERIFY_PATH, without(verify_body(new_reference(), prefix=""), element))
    assert answer.value("verificar_pago_v4Result") == "-1" and answer.value("int_error") == "-1"
    assert answer.value("str_detalle") == f"El campo {element} es obligatorio"
    assert answer.value("int_cantidad_pagos") == "0" and answer.value("str_res_pago") == ""


def test_the_lower_case_password_spelling_is_not_the_password_element(simulator):
    # §16.8: D-TOK writes str_pwd_comercio; the SOAP element is str_pwd_Comercio, so the other is ignored
    body = verify_body(new_reference()).replace("str_pwd_Comercio", "str_pwd_comercio")
    answer = post(simulator.url + VERIFY_PATH, body)
    assert answer.value("str_detalle") == "El campo str_pwd_Comercio es obligatorio"


@pytest.mark.parametrize(("change", "field", "limit"), [
    ({"user": "u" * 41}, "str_usr_comercio", 40),
    ({"password": "p" * 51}, "str_pwd_Comercio", 50),
    ({"reference": "1" * 31}, "str_id_pago", 30),
])
def test_verification_size_limits_are_refused_naming_the_field(simulator, change, field, limit):
    reference = change.pop("reference", new_reference())
    answer = verify(simulator.url, reference, **change)
    assert answer.value("verificar_pago_v4Result") == "-1"
    assert answer.value("str_detalle") == f"El campo {field} excede la longitud máxima de {limit} caracteres"


@pytest.mark.parametrize(("change", "field"), [({"merchant": "abc"}, "int_id_comercio"),
                                               ({"attempt": "todos"}, "int_no_pago")])
def test_a_verification_value_of_the_wrong_type_is_a_fault(simulator, change, field):
    answer = verify(simulator.url, new_reference(), **change)
    assert answer.status == 500 and f"(campo {field})" in answer.fault


def test_an_omitted_int_no_pago_lists_every_attempt(simulator):
    reference = new_reference()
    start(simulator.url, reference)
    body = without(verify_body(reference, prefix=""), "int_no_pago")
    assert post(simulator.url + VERIFY_PATH, body).value("int_cantidad_pagos") == "1"


# -- verificar_pago_v3 (§6) ------------------------------------------------------------------------

SPEC_PAGOS_V3_ORDER = [
    "str_id_pago", "int_estado_pago", "int_id_forma_pago", "dbl_valor_pagado", "str_ticketID", "str_id_clave",
    "str_id_cliente", "str_franquicia", "int_cod_aprobacion", "int_codigo_servico", "int_codigo_banco",
    "str_nombre_banco", "str_codigo_transaccion", "int_ciclo_transaccion", "str_campo1", "str_campo2",
    "str_campo3", "dat_fecha",
]


def started(simulator, **kwargs) -> tuple[str, str]:
    reference = new_reference()
    identifier = start(simulator.url, reference, **kwargs).value("inicio_pagoV2Result")
    assert identifier.isdigit(), identifier
    return reference, identifier


def test_v3_answers_one_pagos_v3_record_per_attempt_in_the_wsdl_order(simulator):
    reference, identifier = started(simulator, total="12500", description="camisa", id_cliente="123456789")
    assert control(simulator.url, f"/_sim/payments/{identifier}/outcome", {"estado": 1})[0] == 200
    answer = verify_v3(simulator.url, reference)
    assert answer.status == 200
    body = answer.body.decode()
    assert f'<verificar_pago_v3Response xmlns="{VERIFY_V3_NS}">' in body
    positions = [body.index(f"<{name}") for name in ("verificar_pago_v3Result", "res_pagos_v3", "int_error",
                                                     "str_error")]
    assert positions == sorted(positions)
    assert (answer.value("verificar_pago_v3Result"), answer.value("int_error"), answer.value("str_error")) == (
        "1", "0", "")
    assert record_names(answer) == [SPEC_PAGOS_V3_ORDER]
    [record] = records_of(answer)
    assert record["str_id_pago"] == reference and record["str_id_clave"] == identifier
    assert (record["int_estado_pago"], record["int_id_forma_pago"], record["dbl_valor_pagado"]) == ("1", "29", "12500")
    assert (record["int_codigo_servico"], record["int_codigo_banco"]) == ("2701", "1022")
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}", record["dat_fecha"])  # xs:dateTime, no offset


def test_v3_reports_the_same_attempt_as_v4(simulator):
    reference, _ = started(simulator, total="20000.02")  # rejected (1000) at once
    [v4] = attempts_of(verify(simulator.url, reference))
    [v3] = records_of(verify_v3(simulator.url, reference))
    assert (v3["int_estado_pago"], v3["int_id_forma_pago"], v3["str_codigo_transaccion"]) == (v4[1], v4[14], v4[19])
    day, month, rest = v4[13].split("/")
    assert v3["dat_fecha"] == f"{rest[:4]}-{month}-{day}T{rest[5:]}"


def test_v3_card_attempts_carry_the_franchise(simulator):
    reference, _ = started(simulator, total="20000.07")  # card held for review (4001)
    [record] = records_of(verify_v3(simulator.url, reference))
    assert (record["int_estado_pago"], record["int_id_forma_pago"], record["str_franquicia"]) == ("4001", "32", "Visa")
    assert record["int_codigo_banco"] == "0" and record["str_ticketID"].isdigit()


def test_v3_with_no_payments_answers_zero_and_an_empty_list(simulator):
    answer = verify_v3(simulator.url, "no-existe-" + new_reference()[:10])
    assert (answer.value("verificar_pago_v3Result"), answer.value("int_error")) == ("0", "1")
    assert answer.value("str_error") == "No se encontraron pagos"
    assert answer.value("res_pagos_v3") == "" and records_of(answer) == []


@pytest.mark.parametrize("change", [
    {"key": "mala"}, {"key": "clave-v4"}, {"key": ""}, {"merchant": "4242"}, {"merchant": ""},
], ids=["wrong-key", "v4-password", "empty-key", "unknown-merchant", "no-merchant"])
def test_v3_wrong_key_or_merchant_answers_minus_one_and_error_2(simulator, change):
    reference, _ = started(simulator)
    body = verify_v3_body(reference, **change)
    if change.get("merchant") == "":
        body = without(body, "ns1:int_id_tienda")
    answer = post(simulator.url + VERIFY_V3_PATH, body)
    assert (answer.value("verificar_pago_v3Result"), answer.value("int_error")) == ("-1", "2")
    assert answer.value("str_error") == "Credenciales inválidas" and records_of(answer) == []


@pytest.mark.parametrize(("reference", "message"), [
    ("", "El campo str_id_pago es obligatorio"),
    ("1" * 31, "El campo str_id_pago excede la longitud máxima de 30 caracteres"),
])
def test_v3_request_errors_answer_minus_one_and_error_minus_one(simulator, reference, message):
    answer = verify_v3(simulator.url, reference)
    assert (answer.value("verificar_pago_v3Result"), answer.value("int_error")) == ("-1", "-1")
    assert answer.value("str_error") == message


def test_v3_first_verification_of_a_06_payment_is_indeterminate(simulator):
    reference, _ = started(simulator, total="30000.06")
    first = verify_v3(simulator.url, reference)
    assert (first.value("verificar_pago_v3Result"), first.value("int_error")) == ("-1", "-1")
    assert "intente de nuevo" in first.value("str_error")
    second = verify_v3(simulator.url, reference)
    assert second.value("verificar_pago_v3Result") == "1" and records_of(second)[0]["int_estado_pago"] == "888"


@pytest.mark.parametrize("res_pagos", [
    "<{p}res_pagos_v3><{p}pagos_v3/></{p}res_pagos_v3>",  # PHP's rendering of array("0")
    '<{p}res_pagos_v3 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"/>',
    "<{p}res_pagos_v3><{p}pagos_v3><{p}int_estado_pago>1</{p}int_estado_pago></{p}pagos_v3></{p}res_pagos_v3>",
], ids=["php-array-0", "nil", "a-record"])
def test_v3_ignores_whatever_the_caller_sends_in_the_byref_list(simulator, res_pagos):
    reference, _ = started(simulator)
    answer = verify_v3(simulator.url, reference, res_pagos=res_pagos)
    assert answer.value("verificar_pago_v3Result") == "1" and records_of(answer)[0]["int_estado_pago"] == "888"


def test_v3_without_the_byref_parameters_is_answered(simulator):
    reference, _ = started(simulator)
    assert verify_v3(simulator.url, reference, byref=False, prefix="").value("verificar_pago_v3Result") == "1"


def test_v3_values_of_the_wrong_type_are_faults(simulator):
    answer = verify_v3(simulator.url, new_reference(), merchant="abc")
    assert answer.status == 500 and "(campo int_id_tienda)" in answer.fault
    bad_date = "<{p}res_pagos_v3><{p}pagos_v3><{p}dat_fecha>ayer</{p}dat_fecha></{p}pagos_v3></{p}res_pagos_v3>"
    answer = verify_v3(simulator.url, new_reference(), res_pagos=bad_date)
    assert answer.status == 500 and "(campo dat_fecha)" in answer.fault


@pytest.mark.parametrize("operation", ["ds_verificar_pago", "ds_verificar_pago_v2"])
def test_the_dataset_operations_answer_none_found_with_an_empty_dataset(simulator, operation):
    body = (f'<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>'
            f'<{operation} xmlns="{VERIFY_V3_NS}"><id_pago>no-existe</id_pago><id_tienda>1001</id_tienda>'
            f"<id_clave>clave-inicio</id_clave></{operation}></soap:Body></soap:Envelope>")
    answer = post(simulator.url + VERIFY_V3_PATH, body)
    assert answer.status == 200
    result = answer.root.find(f".//{{{VERIFY_V3_NS}}}{operation}Result")
    assert [etree.QName(c).localname for c in result] == ["codigo", "descripcion", "ds_verificar_pago"]
    assert result.findtext(f"{{{VERIFY_V3_NS}}}codigo") == "0"
    assert result.findtext(f"{{{VERIFY_V3_NS}}}descripcion") == "No se encontraron pagos"
    dataset = result.find(f"{{{VERIFY_V3_NS}}}ds_verificar_pago")
    schema, diffgram = list(dataset)
    assert schema.tag == "{http://www.w3.org/2001/XMLSchema}schema" and schema.get("id") == "NewDataSet"
    assert diffgram.tag == "{urn:schemas-microsoft-com:xml-diffgram-v1}diffgram" and len(diffgram) == 0


@pytest.mark.parametrize("action", [None, f'"{VERIFY_V3_NS}/verificar_pago_v3"', "otra/cosa"])
def test_v3_routes_by_body_element_whatever_the_soapaction(simulator, action):
    answer = post(simulator.url + VERIFY_V3_PATH, verify_v3_body("no-existe"), soap_action=action)
    assert answer.value("verificar_pago_v3Result") == "0"


def test_v3_malformed_envelopes_are_faults_and_paths_ignore_case(simulator):
    answer = post(simulator.url + VERIFY_V3_PATH, b"<soap:Envelope")
    assert answer.status == 500 and "There is an error in XML document" in answer.fault
    assert post(simulator.url + VERIFY_V3_PATH.lower(), verify_v3_body("no-existe")).value(
        "verificar_pago_v3Result") == "0"


def test_the_v3_wsdl_has_the_asp_net_names(simulator):
    wsdl = get(f"{simulator.url}{VERIFY_V3_PATH}?WSDL").body
    assert f'targetNamespace="{VERIFY_V3_NS}"'.encode() in wsdl
    assert f'soapAction="{VERIFY_V3_NS}/verificar_pago_v3"'.encode() in wsdl
    assert b'name="ArrayOfPagos_v3"' in wsdl and b'name="pagos_v3"' in wsdl
    assert f'location="{simulator.url}{VERIFY_V3_PATH}"'.encode() in wsdl
