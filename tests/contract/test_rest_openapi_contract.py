"""The served OpenAPI 3.1 description of the REST generation is valid, describes what a merchant sends, and every
real answer of the simulator matches its response schema (a `requests` merchant against the served document)."""
from __future__ import annotations

import pytest
import requests
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from tests.wire.rest_helpers import (
    LEGACY_START, LEGACY_VERIFY, START, VERIFY, inicio, legacy_start_fields, new_reference, start_body, started_rest,
    verificacion,
)

pytestmark = pytest.mark.wire


@pytest.fixture(scope="module")
def document(simulator) -> dict:
    served = requests.get(simulator.url + "/_sim/openapi/rest.json", timeout=10)
    assert served.status_code == 200
    return served.json()


def schema(document: dict, path: str, status: str = "200", media: str = "application/json") -> Draft202012Validator:
    ref = document["paths"][path]["post"]["responses"][status]["content"][media]["schema"]["$ref"]
    return Draft202012Validator(document["components"]["schemas"][ref.rsplit("/", 1)[1]])


def request_schema(document: dict, path: str, media: str) -> Draft202012Validator:
    ref = document["paths"][path]["post"]["requestBody"]["content"][media]["schema"]["$ref"]
    return Draft202012Validator(document["components"]["schemas"][ref.rsplit("/", 1)[1]])


def test_the_served_document_is_valid_openapi_3_1(document):
    validate(document)
    assert document["openapi"].startswith("3.1")
    assert {START, VERIFY, LEGACY_START, LEGACY_VERIFY} <= set(document["paths"])


def test_the_documented_request_schemas_accept_what_merchants_send(document):
    request_schema(document, START, "application/json").validate(start_body())
    request_schema(document, LEGACY_START, "application/x-www-form-urlencoded").validate(
        legacy_start_fields(new_reference()))
    assert list(request_schema(document, START, "application/json").iter_errors({"InformacionPago": {}}))
    registration = start_body(total=None, vat=None, configuration=[{"int_codigo": 200, "str_valor": "1"}])
    del registration["AdicionalesPago"]  # a card registration may omit it (zonapagos-ws.md §13)
    request_schema(document, START, "application/json").validate(registration)
    payment = start_body()
    del payment["AdicionalesPago"]
    assert list(request_schema(document, START, "application/json").iter_errors(payment))


def test_every_rest_answer_matches_its_schema(simulator, document):
    start_answer, verify_answer = schema(document, START), schema(document, VERIFY)
    reference, _ = started_rest(simulator.url)
    answers = [
        (start_answer, inicio(simulator.url, start_body()).json()),
        (start_answer, inicio(simulator.url, start_body(reference)).json()),  # duplicate: error form
        (start_answer, inicio(simulator.url, {**start_body(), "AdicionalesPago": 3}).json()),
        (start_answer, inicio(simulator.url, start_body(total=None, vat=None, configuration=[
            {"int_codigo": 200, "str_valor": "1"}, {"int_codigo": 50, "str_valor": "2701"}])).json()),
        (verify_answer, verificacion(simulator.url, reference).json()),
        (verify_answer, verificacion(simulator.url, new_reference()).json()),
        (verify_answer, verificacion(simulator.url, reference, password="mala").json()),
        (verify_answer, verificacion(simulator.url, "").json()),
    ]
    for validator, answer in answers:
        validator.validate(answer)
    refused = requests.post(simulator.url + START, data="{", headers={"Content-Type": "application/json"}, timeout=10)
    schema(document, START, "400").validate(refused.json())
    wrong_media = requests.post(simulator.url + VERIFY, data="{}", headers={"Content-Type": "text/plain"}, timeout=10)
    schema(document, VERIFY, "415").validate(wrong_media.json())


def test_every_pago_aptc_answer_matches_its_schema(simulator, document):
    validator = schema(document, "/ApisToken/api/PagoAPTC")
    body = {"int_id_comercio": 1001, "str_usuario": "usuario-v4", "str_clave": "clave-v4",
            "str_tipo_identificador": "1", "str_identificador": "1842154537000000001169", "str_id_pago": "123456789",
            "str_total_con_iva": "35000", "str_valor_iva": "0", "int_no_cuotas": 1,
            "str_descripcion_pago": "Cuota", "str_direccion_ip_cliente": "10.20.30.40"}
    request_schema(document, "/ApisToken/api/PagoAPTC", "application/json").validate(body)
    for change in ({}, {"str_clave": "mala"}, {"str_id_pago": "x"}):
        answer = requests.post(simulator.url + "/ApisToken/api/PagoAPTC", json={**body, **change}, timeout=10)
        validator.validate(answer.json())


def test_every_legacy_answer_matches_its_schema(simulator, document):
    start_answer, verify_answer = schema(document, LEGACY_START), schema(document, LEGACY_VERIFY)
    reference = new_reference()
    started = requests.post(simulator.url + LEGACY_START, data=legacy_start_fields(reference), timeout=10).json()
    start_answer.validate(started)
    start_answer.validate(requests.post(simulator.url + LEGACY_START, data={"id_tienda": "x"}, timeout=10).json())
    for fields in ({"int_id_tienda": "1001", "str_id_clave": "clave-inicio", "str_id_pago": reference},
                   {"int_id_tienda": "1001", "str_id_clave": "mala", "str_id_pago": reference}, {"str_id_pago": ""}):
        verify_answer.validate(requests.post(simulator.url + LEGACY_VERIFY, data=fields, timeout=10).json())


def test_a_schema_violation_would_be_seen(document):
    """The response schemas are strict enough to fail: an extra or mistyped field is an error."""
    validator = schema(document, START)
    assert list(validator.iter_errors({"int_codigo": 1, "str_cod_error": "", "str_descripcion_error": "",
                                       "str_url": "http://x/Ciclo_Pago/Pago.aspx?rut=abc"}))
    assert list(validator.iter_errors({"int_codigo": "1", "str_cod_error": "", "str_descripcion_error": "",
                                       "str_url": None, "extra": 1}))
