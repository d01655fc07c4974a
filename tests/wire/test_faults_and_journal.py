"""Fault/latency injection and the request journal, on a simulator of their own (rules are global)."""
from __future__ import annotations

import http.client
import time
import urllib.error
import urllib.request

import pytest

from simulator.process import SimulatorProcess
from tests.wire.soap_helpers import START_PATH, VERIFY_PATH, inicio_body, new_reference, post, start, verify
from features.drivers.merchant_server import call as control_call

pytestmark = pytest.mark.wire


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("faults") / "f.sqlite3") as process:
        yield process


@pytest.fixture(autouse=True)
def no_rules(sim):
    yield
    call(sim, "DELETE", "/_sim/faults")


def call(sim, method: str, path: str, payload=None) -> tuple[int, object]:
    return control_call(sim.url, method, path, payload)


def test_an_injected_delay_holds_the_answer_without_changing_it(sim):
    call(sim, "POST", "/_sim/faults", {"operacion": "inicio_pagoV2", "tipo": "retraso", "retraso_ms": 400})
    started = time.monotonic()
    answer = start(sim.url, new_reference())
    assert time.monotonic() - started >= 0.4
    assert answer.value("inicio_pagoV2Result").isdigit()


def test_a_counted_soap_fault_hits_exactly_that_many_calls(sim):
    call(sim, "POST", "/_sim/faults", {"operacion": "verificar_pago_v4", "tipo": "fault", "cantidad": 2})
    statuses = [verify(sim.url, "x").status for _ in range(3)]
    assert statuses == [500, 500, 200]
    assert call(sim, "GET", "/_sim/faults")[1] == []


def test_an_indeterminate_answer_uses_the_operations_own_error_form(sim):
    call(sim, "POST", "/_sim/faults", {"operacion": "inicio_pagoV2", "tipo": "indeterminado", "cantidad": 1})
    reference = new_reference()
    assert start(sim.url, reference).value("inicio_pagoV2Result").startswith("-1 Error indeterminado")
    call(sim, "POST", "/_sim/faults", {"operacion": "verificar_pago_v4", "tipo": "indeterminado", "cantidad": 1})
    answer = verify(sim.url, reference)
    assert (answer.status, answer.value("verificar_pago_v4Result"), answer.value("int_error")) == (200, "-1", "-1")


@pytest.mark.parametrize(("kind", "status"), [("http_500", 500), ("http_503", 503)])
def test_http_errors_answer_like_iis(sim, kind, status):
    call(sim, "POST", "/_sim/faults", {"operacion": "*", "tipo": kind, "cantidad": 1})
    answer = verify(sim.url, "x")
    assert answer.status == status and answer.content_type.startswith("text/html")


def test_a_dropped_connection_gets_no_answer_and_the_next_call_does(sim):
    call(sim, "POST", "/_sim/faults", {"operacion": "verificar_pago_v4", "tipo": "desconexion", "cantidad": 1})
    connection = http.client.HTTPConnection("127.0.0.1", sim.port, timeout=5)
    connection.request("POST", VERIFY_PATH, body=b"<x/>".replace(b"<x/>", post.__globals__["verify_body"]("x").encode()))
    with pytest.raises((http.client.RemoteDisconnected, ConnectionResetError)):
        connection.getresponse()
    assert verify(sim.url, "x").status == 200


def test_a_probability_of_zero_never_hits(sim):
    call(sim, "POST", "/_sim/faults", {"operacion": "*", "tipo": "http_500", "probabilidad": 0})
    assert all(verify(sim.url, "x").status == 200 for _ in range(20))


@pytest.mark.parametrize("payload", [
    {"operacion": "x", "tipo": "nada"}, {"operacion": "", "tipo": "fault"},
    {"operacion": "x", "tipo": "retraso", "retraso_ms": -1}, {"operacion": "x", "tipo": "fault", "probabilidad": 2},
    {"operacion": "x", "tipo": "fault", "otro": 1},
])
def test_bad_rules_are_json_problems(sim, payload):
    status, problem = call(sim, "POST", "/_sim/faults", payload)
    assert status == 400 and problem["title"] == "Solicitud no válida"


def test_removing_an_unknown_rule_is_a_404_problem(sim):
    assert call(sim, "DELETE", "/_sim/faults/99999")[0] == 404
    assert call(sim, "DELETE", "/_sim/faults/" + "9" * 5000)[0] == 404  # beyond int()'s 4,300 digits


def test_the_journal_keeps_what_was_sent_with_secrets_masked(sim):
    call(sim, "DELETE", "/_sim/journal")
    reference = new_reference()
    post(sim.url + START_PATH, inicio_body(reference, description="Tarjeta 4111111111111111"))
    verify(sim.url, reference)
    entries = call(sim, "GET", "/_sim/journal?limite=10")[1]
    assert [e["operacion"] for e in entries] == ["verificar_pago_v4", "inicio_pagoV2"]
    sent = entries[1]["solicitud"]
    assert reference in sent and "<clave>****</clave>" in sent
    assert "4111111111111111" not in sent and "************1111" in sent
    assert "clave-v4" not in entries[0]["solicitud"]
    assert "inicio_pagoV2Result" in entries[1]["respuesta"] and entries[1]["estado_http"] == 200
    only_verify = call(sim, "GET", "/_sim/journal?operacion=verificar_pago_v4")[1]
    assert {e["operacion"] for e in only_verify} == {"verificar_pago_v4"}


def test_journal_queries_with_bad_parameters_are_json_problems(sim):
    assert call(sim, "GET", "/_sim/journal?limite=abc")[0] == 400
    assert call(sim, "GET", "/_sim/journal?limite=100000")[0] == 400
    # found by the fuzz test: more digits than int() converts (4,300) was a 500
    assert call(sim, "GET", "/_sim/journal?limite=" + "9" * 5000)[0] == 400
    assert call(sim, "GET", "/_sim/journal?desde=" + "9" * 5000)[0] == 400


def test_a_path_prefix_rule_hits_pages_and_leaves_the_soap_services_alone(sim):
    call(sim, "POST", "/_sim/faults", {"operacion": "/t_demo/", "tipo": "http_503", "cantidad": 1})
    page = f"{sim.url}/t_demo/pago.asp?estado_pago=iniciar_pago&identificador=1"
    with pytest.raises(urllib.error.HTTPError) as hit:
        urllib.request.urlopen(page, timeout=5)
    assert hit.value.code == 503 and b"Service Unavailable" in hit.value.read()
    with pytest.raises(urllib.error.HTTPError) as after:  # the one hit is used: the page answers again
        urllib.request.urlopen(page, timeout=5)
    assert after.value.code == 404


def test_a_path_prefix_delay_holds_a_page(sim):
    call(sim, "POST", "/_sim/faults", {"operacion": "/PSEUserRegister/", "tipo": "retraso", "retraso_ms": 300})
    started = time.monotonic()
    with urllib.request.urlopen(f"{sim.url}/PSEUserRegister/Registro", timeout=5) as response:
        assert response.status == 200
    assert time.monotonic() - started >= 0.3
    assert verify(sim.url, "x").status == 200  # SOAP is not a /PSEUserRegister/ path
