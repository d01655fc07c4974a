"""Paths and pages as IIS serves them (issue 13), on a real `pasarela serve` process: every path in any case of
its letters (SOAP endpoints and `?WSDL`, the payment page, static files, the recaudo portal, the control API,
PSE's, the banks' and the Red Coopcentral's pages), a path that exists in no case still a 404, and `pago.asp`
answering a POST the way it answers a GET (a merchant's plugin that auto-posts the payer to the page)."""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest

from features.drivers.coopcentral import CoopcentralClient
from simulator.process import SimulatorProcess
from tests.wire.legacy_helpers import verify_v3_body
from tests.wire.pse_helpers import created, page
from tests.wire.soap_helpers import get, inicio_body, new_reference, post, verify_body
from tests.wire.test_payment_page_http import Browserless, attempts_of, page_path, pay_form, started, verify

pytestmark = pytest.mark.wire

REGISTERED = "nick.rivera@example.com"


def spellings(path: str) -> list[str]:
    """The registered path and three other spellings of it: upper case, lower case, alternating."""
    alternating = "".join(c.upper() if i % 2 else c.lower() for i, c in enumerate(path))
    return list(dict.fromkeys([path.upper(), path.lower(), alternating]))


def status_of(url: str, data: bytes | None = None, method: str | None = None,
              headers: dict[str, str] | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read()


# -- SOAP endpoints and their WSDL -----------------------------------------------------------------

SOAP_PATHS = {
    "/ws_inicio_pagov2/Zpagos.asmx": "http://www.zonapagos.com",
    "/WsVerificarPagoV4/VerificarPagos.asmx": "http://www.zonapagos.com/ws_verificar_pagosV4",
    "/ws_verificar_pagos/Service.asmx": "http://www.zonapagos.com/ws_verificar_pagos",
    "/tokenizaciontc/tokentc.asmx": "http://www.zonapagos.com/tokenizaciontc",
    "/ws_pagoaptc/PagoAPTC.asmx": "http://www.zonapagos.com/ws_pagoaptc",
    "/PSEWebServices3/MainServices.asmx": "http://vesta.com.br/pse/MainServices",
}
WSDL_CASES = [(spelled, query, namespace) for path, namespace in SOAP_PATHS.items()
              for spelled, query in zip(spellings(path), ("WSDL", "wsdl", "Wsdl"))]


@pytest.mark.parametrize(("path", "query", "namespace"), WSDL_CASES)
def test_every_soap_endpoint_serves_its_wsdl_at_any_spelling_of_its_path(simulator, path, query, namespace):
    answer = get(f"{simulator.url}{path}?{query}")
    assert answer.status == 200, (path, answer.body[:300])
    assert answer.root.get("targetNamespace") == namespace
    address = [el.get("location") for el in answer.root.iter() if isinstance(el.tag, str) and el.get("location")]
    assert address and all(a.startswith(simulator.url) for a in address)


@pytest.mark.parametrize("path", spellings("/ws_inicio_pagov2/Zpagos.asmx") + ["/Ws_Inicio_PagoV2/ZPAGOS.asmx"])
def test_inicio_pago_v2_starts_a_payment_at_any_spelling_of_its_path(simulator, path):
    reference = new_reference()
    answer = post(simulator.url + path, inicio_body(reference))
    assert answer.status == 200 and answer.value("inicio_pagoV2Result").isdigit(), answer.body[:300]
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert attempt[1] == "888"


@pytest.mark.parametrize("path", spellings("/WsVerificarPagoV4/VerificarPagos.asmx"))
def test_verificar_pago_v4_answers_at_any_spelling_of_its_path(simulator, path):
    reference = new_reference()
    assert post(simulator.url + "/WS_INICIO_PAGOV2/ZPAGOS.ASMX", inicio_body(reference)).status == 200
    answer = post(simulator.url + path, verify_body(reference))
    assert answer.status == 200 and answer.value("verificar_pago_v4Result") == "1", answer.body[:300]
    assert answer.value("int_cantidad_pagos") == "1"


@pytest.mark.parametrize("path", spellings("/ws_verificar_pagos/Service.asmx"))
def test_verificar_pago_v3_answers_at_any_spelling_of_its_path(simulator, path):
    answer = post(simulator.url + path, verify_v3_body(new_reference()))
    assert answer.status == 200 and answer.value("verificar_pago_v3Result") == "0", answer.body[:300]


@pytest.mark.parametrize("path", [spellings(p)[0] for p in ("/tokenizaciontc/tokentc.asmx", "/ws_pagoaptc/PagoAPTC.asmx",
                                                             "/PSEWebServices3/MainServices.asmx")])
def test_the_other_endpoints_answer_a_soap_fault_not_a_404_at_another_spelling(simulator, path):
    """A verificar_pago_v4 body is not theirs: the endpoint itself refuses it, as ASMX does."""
    answer = post(simulator.url + path, verify_body(new_reference()))
    assert answer.status == 500 and answer.fault, (answer.status, answer.body[:300])


# -- pages, static files, the portal, the control API ----------------------------------------------

def test_the_payment_page_and_its_receipt_answer_at_any_spelling(simulator):
    _, identifier = started(simulator.url)
    for path in ("/T_DEMO/PAGO.ASP", "/t_demo/Pago.Asp", "/T_Demo/pago.asp"):
        shown = Browserless(simulator.url).get(f"{path}?estado_pago=iniciar_pago&identificador={identifier}")
        assert shown.status == 200 and shown.by_id("total") == "$23.800,00"
        assert shown.by_id("factura") == identifier


def test_the_route_names_the_merchant_whatever_its_case(simulator):
    """`t_ruta` is a folder on IIS: `T_DEMO` is the demo merchant's `t_demo`; another route is still refused."""
    _, identifier = started(simulator.url)
    assert Browserless(simulator.url).get(page_path(identifier, route="T_DEMO")).status == 200
    other = Browserless(simulator.url).get(page_path(identifier, route="T_OTRO"))
    assert other.status == 404 and "no corresponde a este comercio" in other.body


@pytest.mark.parametrize(("path", "kind", "text"), [
    ("/static/GATEWAY.CSS", "text/css", b"@media print"),
    ("/STATIC/gateway.css", "text/css", b"@media print"),
    ("/Static/Sim.Css", "text/css", b""),
    ("/RECAUDO/static/PORTAL.CSS", "text/css", b""),
    ("/Recaudo/Static/portal.JS", "javascript", b""),
])
def test_static_files_answer_at_any_spelling(simulator, path, kind, text):
    status, content_type, body = status_of(simulator.url + path)
    assert status == 200 and kind in content_type and text in body and body


@pytest.mark.parametrize("path", ["/RECAUDO/", "/Recaudo/", "/rEcAuDo/"])
def test_the_recaudo_portal_answers_at_any_spelling(simulator, path):
    status, content_type, body = status_of(simulator.url + path)
    assert status == 200 and "text/html" in content_type and "Pagos PSE".encode() in body


@pytest.mark.parametrize("path", ["/_SIM/HEALTH", "/_Sim/Health", "/_sim/HEALTH"])
def test_the_control_apis_health_answers_at_any_spelling(simulator, path):
    status, content_type, body = status_of(simulator.url + path)
    assert status == 200 and "json" in content_type and json.loads(body)


def test_the_control_api_answers_json_at_any_spelling(simulator):
    _, identifier = started(simulator.url)
    status, _, body = status_of(f"{simulator.url}/_SIM/Payments/{identifier}")
    assert status == 200 and str(json.loads(body)["identificador"]) == identifier
    status, content_type, _ = status_of(f"{simulator.url}/_SIM/")  # the dashboard
    assert status == 200 and "text/html" in content_type
    status, content_type, body = status_of(f"{simulator.url}/_SIM/RESET")  # GET of a POST-only path
    assert status == 405 and "problem+json" in content_type


# -- PSE, the banks, the Red Coopcentral ----------------------------------------------------------

def test_pses_page_and_the_test_banks_page_answer_at_any_spelling(simulator):
    t = created(simulator.url)
    query = urllib.parse.urlsplit(t.bank_url).query
    start = page(f"{simulator.url}/psEUserRegister/StartTransaction.htm?{query}")
    assert start.status == 200 and "Ir al Banco" in start.text and t.cus in start.text
    going = page(f"{simulator.url}/PSEUSERREGISTER/STARTTRANSACTION.HTM?{query}",
                 {"csrf": start.csrf(), "enc": t.token, "email": REGISTERED})
    assert going.status == 303 and going.location.startswith("/banco/1022?enc="), going.text[:300]
    bank = page(f"{simulator.url}/BANCO/1022?enc={t.token}")
    assert bank.status == 200 and "PSE Sample FE" in bank.text
    assert page(f"{simulator.url}/PseUserRegister/registro").status == 200


def test_the_red_coopcentral_pages_answer_at_any_spelling(simulator):
    client = CoopcentralClient(simulator.url)
    transaction = client.create_transaction()
    network = client.to_the_network()
    assert "/coopcentral/pse?enc=" in network.url
    token = urllib.parse.parse_qs(urllib.parse.urlsplit(transaction.bank_url).query)["enc"][0]
    shown = client.get(f"/COOPCENTRAL/PSE?enc={token}")
    assert shown.status == 200 and 'id="numero_documento"' in shown.text


# -- what is not there ----------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/WS_NADA/ZPAGOS.ASMX", "/ws_inicio_pagov2/Nada.asmx", "/T_DEMO/NADA.ASP",
                                  "/STATIC/NADA.CSS", "/static/gateway.css/x", "/RECAUDO/NADA", "/BANCO/12",
                                  "/PSEUserRegister/Nada.htm", "/ws_inicio_pagov2/Zpagos.asmx/x"])
def test_a_path_that_exists_in_no_case_is_still_404(simulator, path):
    assert status_of(simulator.url + path)[0] == 404


def test_an_unknown_control_path_in_any_case_is_a_json_404(simulator):
    status, content_type, _ = status_of(simulator.url + "/_SIM/NADA")
    assert status == 404 and "problem+json" in content_type


# -- pago.asp: GET and POST alike -----------------------------------------------------------------

def post_form(simulator, path: str, body: bytes) -> Browserless:
    payer = Browserless(simulator.url)
    payer.answer = payer.post(path, {}, raw=body)
    return payer


@pytest.mark.parametrize(("path", "body"), [
    ("/t_demo/pago.asp?estado_pago=iniciar_pago&identificador={id}", b""),  # nopCommerce: an empty body
    ("/T_DEMO/PAGO.ASP?estado_pago=iniciar_pago&identificador={id}", b""),
    ("/t_demo/pago.asp", b"estado_pago=iniciar_pago&identificador={id}"),  # only the two fields, in the form
    ("/t_demo/pago.asp?identificador={id}", b"estado_pago=iniciar_pago"),  # some in each
    ("/t_demo/pago.asp?estado_pago=iniciar_pago&identificador={id}", b"identificador=abc"),  # the query first
])
def test_a_merchant_auto_posting_the_payer_gets_the_payment_page(simulator, path, body):
    reference, identifier = started(simulator.url)
    payer = post_form(simulator, path.format(id=identifier), body.replace(b"{id}", identifier.encode()))
    shown = payer.answer
    assert shown.status == 200, shown.body[:500]
    assert shown.by_id("saludo") == "Bienvenido(a), NICK RIVERA CAMINERO"
    assert (shown.by_id("factura"), shown.by_id("total")) == (identifier, "$23.800,00")
    assert shown.csrf  # the page's own form, ready for the payer
    [attempt] = attempts_of(verify(simulator.url, reference))
    assert attempt[1] == "888"


def test_the_payer_sent_by_post_pays_on_the_page_it_was_shown(simulator):
    reference, identifier = started(simulator.url)
    payer = post_form(simulator, f"/t_demo/pago.asp?estado_pago=iniciar_pago&identificador={identifier}", b"")
    paid = payer.post("/t_demo/pago.asp", pay_form(
        payer.answer, identifier, terminos="si", forma_pago="tarjeta", numero_tarjeta="4111111111111111",
        fecha_vencimiento="122031", codigo_seguridad="123", cuotas="1", nombre_tarjeta="NICK RIVERA"))
    assert paid.status == 303 and paid.location == page_path(identifier, "comprobante")
    assert attempts_of(verify(simulator.url, reference))[0][1] == "1"


def test_a_receipt_may_be_asked_for_by_post_too(simulator):
    _, identifier = started(simulator.url, total="23800.01")  # ,01: approved at start
    payer = post_form(simulator, f"/t_demo/pago.asp?estado_pago=comprobante&identificador={identifier}", b"")
    assert payer.answer.status == 200 and payer.answer.by_id("resultado") == "Pago aprobado"


@pytest.mark.parametrize("body", [b"estado_pago=pagar&identificador={id}", b"identificador={id}&terminos=si",
                                  b"estado_pago=iniciar_pago&identificador={id}&forma_pago=tarjeta"])
def test_a_post_with_the_payment_forms_fields_still_needs_the_pages_token(simulator, body):
    _, identifier = started(simulator.url)
    refused = post_form(simulator, "/t_demo/pago.asp", body.replace(b"{id}", identifier.encode())).answer
    assert refused.status == 403 and "La página de pago expiró o no es válida" in refused.by_id("mensaje")


def test_a_post_without_an_identificador_is_the_gets_clear_page(simulator):
    shown = post_form(simulator, "/t_demo/pago.asp?estado_pago=iniciar_pago", b"").answer
    assert shown.status == 400 and "Falta el identificador del pago" in shown.by_id("aviso-texto")


# -- the control API's token, faults and the journal with mixed-case paths --------------------------

TOKEN = "s3creto-iis"


@pytest.fixture(scope="module")
def guarded(tmp_path_factory):
    """Its own process: a control token, and fault rules that must not meet the session's other tests."""
    with SimulatorProcess(tmp_path_factory.mktemp("iis") / "pasarela.sqlite3",
                          extra_args=["--control-token", TOKEN]) as process:
        yield process


def control(sim, method: str, path: str, payload: dict | None = None) -> tuple[int, object]:
    data = json.dumps(payload).encode() if payload is not None else None
    status, _, body = status_of(sim.url + path, data, method,
                                {"Content-Type": "application/json", "Authorization": f"Bearer {TOKEN}"})
    return status, json.loads(body) if body else None


@pytest.mark.parametrize("path", ["/_SIM/PAYMENTS", "/_Sim/payments", "/_sim/Faults", "/_SIM/"])
def test_the_control_token_guards_every_spelling_of_the_control_api(guarded, path):
    assert status_of(guarded.url + path)[0] == 401
    assert status_of(f"{guarded.url}{path}?token={TOKEN}")[0] == 200


def test_health_stays_open_at_any_spelling(guarded):
    assert status_of(guarded.url + "/_SIM/HEALTH")[0] == 200


def test_a_path_prefix_fault_hits_every_spelling_of_its_path(guarded):
    control(guarded, "POST", "/_sim/faults", {"operacion": "/t_demo/", "tipo": "http_503", "cantidad": 1})
    try:
        status, _, body = status_of(f"{guarded.url}/T_DEMO/PAGO.ASP?estado_pago=iniciar_pago&identificador=1")
        assert status == 503 and b"Service Unavailable" in body
    finally:
        control(guarded, "DELETE", "/_sim/faults")


def test_the_journal_records_a_soap_call_at_another_spelling_as_the_operation(guarded):
    control(guarded, "DELETE", "/_SIM/JOURNAL")
    reference = new_reference()
    assert post(guarded.url + "/WS_INICIO_PAGOV2/ZPAGOS.ASMX", inicio_body(reference)).status == 200
    deadline = time.monotonic() + 5
    while True:
        entries = control(guarded, "GET", "/_Sim/Journal?limite=10")[1]
        if entries or time.monotonic() > deadline:
            break
        time.sleep(0.1)
    [entry] = entries
    assert entry["operacion"] == "inicio_pagoV2" and entry["canal"] == "soap"
    assert entry["ruta"] == "/WS_INICIO_PAGOV2/ZPAGOS.ASMX"  # what the client sent
