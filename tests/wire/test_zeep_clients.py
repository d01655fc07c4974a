"""zeep, a WSDL-driven SOAP client, against the simulator's own WSDLs: start, force, verify, refuse.

This is how a Python merchant that does not hand-write envelopes integrates: `Client(<asmx>?wsdl)`.
"""
from __future__ import annotations

import json
import urllib.request
import uuid

import pytest
from lxml import etree
from zeep import Client
from zeep.transports import Transport

from loadtests.soap_answers import split_attempts

pytestmark = pytest.mark.wire

START_PATH = "/ws_inicio_pagov2/Zpagos.asmx"
VERIFY_PATH = "/WsVerificarPagoV4/VerificarPagos.asmx"
START_SOAP_ACTION = "http://www.zonapagos.com/inicio_pagoV2"
VERIFY_SOAP_ACTION = "http://www.zonapagos.com/ws_verificar_pagosV4/verificar_pago_v4"
WSDL_NS = "http://schemas.xmlsoap.org/wsdl/"
SOAP11_NS = "http://schemas.xmlsoap.org/wsdl/soap/"

MERCHANT = 1001
START_PASSWORD = "clave-inicio"
VERIFY_USER = "usuario-v4"
VERIFY_PASSWORD = "clave-v4"


def new_reference() -> str:
    return str(uuid.uuid4().int)[:20]  # numeric, no leading zero, ≤ 30 characters


def client(url: str) -> Client:
    return Client(url, transport=Transport(timeout=10, operation_timeout=10))


@pytest.fixture(scope="module")
def start_client(simulator) -> Client:
    return client(f"{simulator.url}{START_PATH}?wsdl")


@pytest.fixture(scope="module")
def verify_client(simulator) -> Client:
    return client(f"{simulator.url}{VERIFY_PATH}?wsdl")


def start(start_client: Client, reference: str, password: str = START_PASSWORD) -> str:
    """All 21 parameters, the lists None: what a PHP SoapClient or zeep merchant sends."""
    return start_client.service.inicio_pagoV2(
        id_tienda=MERCHANT, clave=password, total_con_iva=119000.0, valor_iva=19000.0, id_pago=reference,
        descripcion_pago="Cuota de aportes", email="cristina.vargas@ejemplo.com.co", id_cliente="52123456",
        tipo_id="1", nombre_cliente="Cristina", apellido_cliente="Vargas", telefono_cliente="3001234567",
        info_opcional1="opcion1", info_opcional2="opcion2", info_opcional3="opcion3",
        codigo_servicio_principal="2701",
        lista_codigos_servicio_multicredito=None, lista_nit_codigos_servicio_multicredito=None,
        lista_valores_con_iva=None, lista_valores_iva=None, total_codigos_servicio=0,
    )


def verify(verify_client: Client, reference: str, password: str = VERIFY_PASSWORD):
    """The WOO / PS parameter set (fixture F3)."""
    return verify_client.service.verificar_pago_v4(
        int_id_comercio=MERCHANT, str_usr_comercio=VERIFY_USER, str_pwd_Comercio=password,
        str_id_pago=reference, int_no_pago=-1, int_error=0, int_cantidad_pagos=0,
    )


def force_outcome(url: str, identificador: str, estado: int) -> dict:
    request = urllib.request.Request(
        f"{url}/_sim/payments/{identificador}/outcome", data=json.dumps({"estado": estado}).encode(),
        headers={"Content-Type": "application/json"}, method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
        return json.loads(response.read())


def fetch(url: str) -> tuple[int, bytes]:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.status, response.read()


def test_zeep_starts_a_payment_and_verifies_it_approved_after_the_outcome_is_forced(
        simulator, start_client, verify_client):
    reference = new_reference()

    identificador = start(start_client, reference)

    assert isinstance(identificador, str) and identificador.isdigit(), identificador
    payment = force_outcome(simulator.url, identificador, 1)
    assert payment["id_pago"] == reference

    answer = verify(verify_client, reference)

    assert answer.verificar_pago_v4Result == 1
    assert answer.int_error == 0, answer.str_detalle
    assert answer.int_cantidad_pagos == 1
    [attempt] = split_attempts(answer.str_res_pago)
    assert attempt[1] == "1"
    assert attempt[2] == "119000" and attempt[3] == "19000"
    assert attempt[4] == "Cuota de aportes"
    assert attempt[10:13] == ["opcion1", "opcion2", "opcion3"]


def test_zeep_sees_a_fresh_payment_pending_to_start(start_client, verify_client):
    reference = new_reference()
    start(start_client, reference)

    answer = verify(verify_client, reference)

    assert (answer.verificar_pago_v4Result, answer.int_error, answer.int_cantidad_pagos) == (1, 0, 1)
    assert [a[1] for a in split_attempts(answer.str_res_pago)] == ["888"]


def test_a_wrong_start_password_answers_minus_one_through_zeep(start_client):
    result = start(start_client, new_reference(), password="clave-equivocada")

    assert result.startswith("-1"), result
    assert len(result) > 3  # "-1 <mensaje>"


def test_a_wrong_verify_password_answers_minus_one_with_a_detail_through_zeep(start_client, verify_client):
    reference = new_reference()
    assert start(start_client, reference).isdigit()

    answer = verify(verify_client, reference, password="clave-equivocada")

    assert answer.verificar_pago_v4Result == -1
    assert answer.str_detalle, "the refusal must say why"
    assert not answer.str_res_pago


@pytest.mark.parametrize("path", [START_PATH, VERIFY_PATH])
@pytest.mark.parametrize("query", ["?wsdl", "?WSDL"])
def test_the_wsdl_is_served_for_both_spellings_of_the_query(simulator, path, query):
    status, body = fetch(f"{simulator.url}{path}{query}")

    assert status == 200
    assert etree.fromstring(body).tag == f"{{{WSDL_NS}}}definitions"


def test_zeep_works_from_the_upper_case_wsdl_url(simulator):
    start_client = client(f"{simulator.url}{START_PATH}?WSDL")
    verify_client = client(f"{simulator.url}{VERIFY_PATH}?WSDL")
    reference = new_reference()

    assert start(start_client, reference).isdigit()
    assert verify(verify_client, reference).verificar_pago_v4Result == 1


@pytest.mark.parametrize(("path", "soap_action"), [(START_PATH, START_SOAP_ACTION), (VERIFY_PATH, VERIFY_SOAP_ACTION)])
def test_the_wsdl_points_at_the_simulator_with_the_asmx_soap_action(simulator, path, soap_action):
    _, body = fetch(f"{simulator.url}{path}?wsdl")
    wsdl = etree.fromstring(body)

    locations = [a.get("location") for a in wsdl.iter(f"{{{SOAP11_NS}}}address")]
    actions = [op.get("soapAction") for op in wsdl.iter(f"{{{SOAP11_NS}}}operation")]

    assert locations == [f"{simulator.url}{path}"]
    assert soap_action in actions  # the start service also has inicio_pagoV3/V4, each `<namespace>/<operation>`
    assert all(action.rsplit("/", 1)[0] == soap_action.rsplit("/", 1)[0] for action in actions)


@pytest.mark.parametrize(("fixture", "soap_action"),
                         [("start_client", START_SOAP_ACTION), ("verify_client", VERIFY_SOAP_ACTION)])
def test_zeep_reads_the_simulator_address_and_soap_action_from_the_wsdl(simulator, request, fixture, soap_action):
    zeep_client = request.getfixturevalue(fixture)
    [service] = zeep_client.wsdl.services.values()
    assert sorted(service.ports) == [f"{service.name}Soap", f"{service.name}Soap12"]  # ASMX's two ports
    for port in service.ports.values():
        operation = port.binding.all()[soap_action.rsplit("/", 1)[1]]
        assert port.binding_options["address"].startswith(simulator.url + "/")
        assert operation.soapaction == soap_action
