"""The control API is described by a valid OpenAPI document generated from its route table: every /_sim/
route of the application is in it, every answer has a schema, errors are problem+json, the token is applied;
and what a running simulator answers to every documented GET matches those schemas."""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import jsonschema
import pytest
from openapi_spec_validator import validate

from simulator.control.endpoint import ENDPOINTS
from simulator.openapi import openapi_document
from simulator.settings import Settings
from tests.wire.pse_helpers import created
from tests.wire.soap_helpers import get, new_reference, start

pytestmark = pytest.mark.wire


def fetch(url: str, data: bytes | None = None, method: str = "GET") -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    from simulator.bootstrap import bootstrap, prepare_database

    settings = Settings(db=str(tmp_path_factory.mktemp("doc") / "doc.sqlite3"))
    prepare_database(settings)
    return bootstrap(settings).app()


@pytest.fixture(scope="module")
def document(app) -> dict:
    return openapi_document(app[ENDPOINTS])


def operations(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            yield path, method, operation


def test_the_served_document_is_valid_openapi(simulator):
    with urllib.request.urlopen(f"{simulator.url}/_sim/openapi.json", timeout=5) as response:
        served = json.loads(response.read())
    validate(served)
    assert served["openapi"].startswith("3.1") and len(served["paths"]) >= 25


def test_every_control_route_of_the_router_is_in_the_document(app, document):
    missing = []
    for route in app.router.routes():
        path = route.resource.canonical if route.resource else ""
        if path.lower().startswith("/_sim") and route.method != "HEAD":
            if route.method.lower() not in document["paths"].get(path, {}):
                missing.append(f"{route.method} {path}")
    assert missing == []


def test_every_answer_has_a_schema_and_every_error_is_a_problem(document):
    lacking = []
    for path, method, operation in operations(document):
        for status, response in operation["responses"].items():
            content = response.get("content", {})
            schemas = [media.get("schema") for media in content.values()]
            if not schemas or any(not schema for schema in schemas):
                lacking.append(f"{method.upper()} {path} {status}")
            if status.startswith(("4", "5")) and list(content) != ["application/problem+json"]:
                lacking.append(f"{method.upper()} {path} {status}: not problem+json")
    assert lacking == []
    problem = document["components"]["schemas"]["Problem"]
    assert {"type", "title", "status", "detail", "errores"} <= set(problem["properties"])


def test_bodies_are_described_by_their_models_and_409s_where_transitions_are_refused(document):
    paths = document["paths"]
    for path, method in (("/_sim/faults", "post"), ("/_sim/merchants/{merchant_id}", "put"),
                         ("/_sim/merchants/{merchant_id}", "patch"), ("/_sim/clock/advance", "post"),
                         ("/_sim/payments/{identifier}/outcome", "post"), ("/_sim/pse/transacciones/{cus}/estado", "post")):
        schema = paths[path][method]["requestBody"]["content"]["application/json"]["schema"]
        name = schema["$ref"].rsplit("/", 1)[1]
        assert document["components"]["schemas"][name]["additionalProperties"] is False, name
    assert "409" in paths["/_sim/payments/{identifier}/outcome"]["post"]["responses"]
    assert "409" in paths["/_sim/pse/transacciones/{cus}/estado"]["post"]["responses"]


def test_the_token_is_declared_and_applied_to_every_operation_but_health(document):
    schemes = document["components"]["securitySchemes"]
    assert schemes["token"] == {**schemes["token"], "type": "http", "scheme": "bearer"}
    assert schemes["cabecera"]["name"] == "X-Pasarela-Token" and schemes["consulta"]["name"] == "token"
    for path, method, operation in operations(document):
        if path == "/_sim/health":
            assert operation["security"] == [] and "401" not in operation["responses"]
        else:
            assert {next(iter(s)) for s in operation["security"]} == set(schemes), (method, path)
            assert "401" in operation["responses"], (method, path)


def test_list_operations_take_limite_and_desde_and_document_the_next_link(document):
    for path in ("/_sim/payments", "/_sim/journal", "/_sim/inbox", "/_sim/pse/transacciones", "/_sim/merchants",
                 "/_sim/faults", "/_sim/associates", "/_sim/notificaciones"):
        operation = document["paths"][path]["get"]
        assert {"limite", "desde"} <= {p["name"] for p in operation["parameters"] if p["in"] == "query"}, path
        assert "Link" in operation["responses"]["200"]["headers"], path


def _schema(document: dict, operation: dict, status: int, content_type: str) -> dict:
    response = operation["responses"][str(status)]
    media = content_type.split(";")[0].strip()
    return {**response["content"][media]["schema"], "components": document["components"]}


def _a_notification(url: str) -> int:
    """A notification queued for a merchant of this test's own (its server is unreachable: it stays pending)."""
    merchant = {"nombre": "Documento", "nit": "860034313-7", "clave_inicio": "clave-doc", "usuario_v4": "doc",
                "clave_v4": "clave-doc-v4", "codigo_servicio": "2701", "t_ruta": "t_doc",
                "url_retorno": "https://tienda.example/retorno", "url_notificacion": "http://127.0.0.1:9/notificar"}
    status, _, raw = fetch(f"{url}/_sim/merchants/7071", json.dumps(merchant).encode(), "PUT")
    assert status == 200, raw
    assert start(url, new_reference(), total="20000.01", merchant="7071", password="clave-doc").status == 200
    _, _, raw = fetch(f"{url}/_sim/notificaciones?comercio=7071&limite=1")
    return int(json.loads(raw)[0]["id"])


def test_every_documented_get_answers_what_its_schema_says(simulator):
    url = simulator.url
    reference = new_reference()
    start(url, reference)
    pse = created(url)
    _, _, body = fetch(f"{url}/_sim/payments?limite=1")
    identifier = json.loads(body)[0]["identificador"]
    _, _, body = fetch(f"{url}/_sim/associates?limite=1")
    associate = json.loads(body)[0]
    delivery = _a_notification(url)
    values = {"identifier": str(identifier), "merchant_id": "1001", "cus": pse.cus,
              "document_type": associate["tipo_documento"], "document": associate["documento"],
              "delivery_id": str(delivery)}
    queries = {"/_sim/red-coopcentral/cuentas": f"?tipo={associate['tipo_documento']}&numero={associate['documento']}",
               "/_sim/certificacion": "?comercio=1001", "/_sim/certificacion/informe": "?comercio=1001"}
    status, _, raw = fetch(f"{url}/_sim/openapi.json")
    document = json.loads(raw)
    checked, wrong = [], []
    for path, method, operation in operations(document):
        if method != "get":
            continue
        concrete = re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], path) + queries.get(path, "")
        status, content_type, raw = fetch(url + concrete)
        if str(status) not in operation["responses"]:
            wrong.append(f"GET {concrete}: {status} is not documented")
            continue
        if content_type.startswith("text/html"):
            assert "text/html" in operation["responses"][str(status)]["content"], concrete
        else:
            try:
                jsonschema.validate(json.loads(raw), _schema(document, operation, status, content_type))
            except jsonschema.ValidationError as error:
                wrong.append(f"GET {concrete}: {error.message} at {list(error.absolute_path)}")
        checked.append((concrete, status))
    assert wrong == []
    assert sum(1 for _, status in checked if status == 200) >= len(checked) - 1  # only the unpaid CUS's debit: 404
    assert len(checked) >= 23  # every GET of the control API as it is today


def test_a_field_the_model_refuses_is_a_400_problem_naming_it(simulator):
    status, content_type, raw = fetch(f"{simulator.url}/_sim/faults", json.dumps(
        {"operacion": "x", "tipo": "terremoto", "probabilidad": 3}).encode(), "POST")
    problem = json.loads(raw)
    assert status == 400 and content_type.startswith("application/problem+json")
    assert {e["campo"] for e in problem["errores"]} == {"tipo", "probabilidad"}
    assert "'tipo'" in problem["detail"] and "debe ser uno de" in problem["detail"]
    assert " or " not in problem["detail"] and "'http_503' o 'desconexion'" in problem["detail"]
    status, _, raw = fetch(f"{simulator.url}/_sim/journal?limite=0")
    assert status == 400 and json.loads(raw)["errores"][0]["campo"] == "limite"


@pytest.mark.parametrize(("change", "field"), [({"url_notificacion": "ftp://x"}, "url_notificacion"),
                                              ({"url_notificacion_token": "javascript:x"}, "url_notificacion_token"),
                                              ({"url_retorno": "//otro.example"}, "url_retorno"),
                                              ({"nit": "900123456-7"}, "nit")])
def test_a_field_a_business_rule_refuses_is_named_in_errores_too(simulator, change, field):
    path, method, body = "/_sim/merchants/1001", "PATCH", change
    if "nit" in change:  # set when a merchant is created
        path, method, body = "/_sim/merchants/7999", "PUT", {
            "nombre": "Tienda", "clave_inicio": "c", "usuario_v4": "u", "clave_v4": "v", "codigo_servicio": "2701",
            "t_ruta": "t_tienda", "url_retorno": "/retorno", **change}
    status, content_type, raw = fetch(simulator.url + path, json.dumps(body).encode(), method)
    problem = json.loads(raw)
    assert status == 400 and content_type.startswith("application/problem+json"), problem
    assert [e["campo"] for e in problem["errores"]] == [field] and problem["errores"][0]["mensaje"] == problem["detail"]


def test_old_english_spellings_are_still_accepted_on_input(simulator):
    status, _, raw = fetch(f"{simulator.url}/_sim/clock/advance", b'{"seconds": 0}', "POST")
    assert status == 200 and "ahora" in json.loads(raw)
    status, _, raw = fetch(f"{simulator.url}/_sim/inbox?to=nadie@example.com")
    assert status == 200 and json.loads(raw) == []


def test_the_dashboard_lists_a_new_payment_and_escapes_what_merchants_send(simulator):
    reference = new_reference()
    start(simulator.url, reference, description="&lt;script&gt;alert(1)&lt;/script&gt;")
    page = get(f"{simulator.url}/_sim/").body.decode()
    assert reference in page and "Tablero del simulador" in page
    assert "<script>alert(1)" not in page and "&lt;script&gt;" in page
