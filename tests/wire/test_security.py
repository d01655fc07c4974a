"""The control API's token and the pages' security headers."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest

from simulator.process import SimulatorProcess
from simulator.control.security import control_token_for
from tests.wire.soap_helpers import START_PATH, get

pytestmark = pytest.mark.wire


def status_of(url: str, headers: dict | None = None) -> tuple[int, dict]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_with_a_token_the_control_api_refuses_callers_without_it(tmp_path):
    with SimulatorProcess(tmp_path / "s.sqlite3", extra_args=["--control-token", "s3creto"]) as sim:
        assert status_of(f"{sim.url}/_sim/health")[0] == 200
        status, problem = status_of(f"{sim.url}/_sim/payments")
        assert status == 401 and problem["title"] and "token" in problem["detail"]
        assert status_of(f"{sim.url}/_sim/payments", {"Authorization": "Bearer otro"})[0] == 401
        assert status_of(f"{sim.url}/_sim/payments", {"Authorization": "Bearer s3creto"})[0] == 200
        assert status_of(f"{sim.url}/_sim/payments", {"X-Pasarela-Token": "s3creto"})[0] == 200
        assert status_of(f"{sim.url}/_sim/payments?token=s3creto")[0] == 200


@pytest.mark.parametrize(("host", "needs_token"), [("127.0.0.1", False), ("::1", False), ("localhost", False),
                                                   ("0.0.0.0", True), ("192.168.1.10", True), ("::", True)])
def test_a_token_is_generated_when_listening_beyond_loopback(host, needs_token):
    assert (control_token_for(host, None) is not None) is needs_token
    assert control_token_for(host, "dado") == "dado"


def test_pages_carry_security_headers_and_soap_answers_keep_theirs(simulator):
    request = urllib.request.Request(simulator.url + START_PATH)
    with urllib.request.urlopen(request, timeout=5) as response:
        headers = response.headers
    assert "frame-ancestors 'none'" in headers["Content-Security-Policy"]
    assert headers["X-Content-Type-Options"] == "nosniff" and headers["X-Frame-Options"] == "DENY"
    wsdl = get(simulator.url + START_PATH + "?wsdl")
    assert wsdl.content_type == "text/xml; charset=utf-8"


def test_a_form_over_the_body_limit_gets_a_spanish_page_and_soap_keeps_its_413(simulator):
    import urllib.error

    big = b"terminos=si&x=" + b"a" * (2 * 1024 * 1024)
    request = urllib.request.Request(f"{simulator.url}/t_demo/pago.asp?estado_pago=iniciar_pago&identificador=1",
                                     data=big, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == 413
    assert "Solicitud demasiado grande" in refused.value.read().decode()
