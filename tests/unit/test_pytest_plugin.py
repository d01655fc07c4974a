"""The `pasarela` pytest plugin, as a merchant's suite uses it: installed with the package (entry point
pytest11), no configuration; each test gets the session's isolated simulator, reset. Run by pytester in a
fresh pytest process outside this repository."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.wire

MERCHANT_SUITE = '''
import re
import urllib.request

INICIO = """<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">
<soap:Body><inicio_pagoV2 xmlns="http://www.zonapagos.com"><id_tienda>1001</id_tienda><clave>{clave}</clave>
<total_con_iva>20000</total_con_iva><valor_iva>0</valor_iva><id_pago>{ref}</id_pago>
<descripcion_pago>Pedido {ref}</descripcion_pago><total_codigos_servicio>0</total_codigos_servicio>
</inicio_pagoV2></soap:Body></soap:Envelope>"""


def start(pasarela, ref):
    body = INICIO.format(clave=pasarela.demo_merchant["clave"], ref=ref).encode()
    request = urllib.request.Request(pasarela.endpoint("inicio"), data=body,
                                     headers={"Content-Type": "text/xml; charset=utf-8"})
    with urllib.request.urlopen(request) as answer:
        return re.search(rb"<inicio_pagoV2Result>(\\d+)<", answer.read()).group(1).decode()


def test_a_forced_approval_is_what_the_merchant_sees(pasarela):
    identificador = start(pasarela, "A1")
    assert pasarela.payment(identificador)["intentos"][0]["estado"] == 888
    pasarela.force_outcome(identificador, 1)
    assert pasarela.payment(identificador)["intentos"][-1]["estado"] == 1
    [entry] = pasarela.journal("inicio_pagoV2")
    assert "clave-inicio" not in entry["solicitud"] and "****" in entry["solicitud"]
    start(pasarela, "A2")
    assert [p["id_pago"] for p in pasarela.every("/_sim/payments?limite=1")] == ["A2", "A1"]


def test_each_test_starts_from_a_clean_world_and_the_clock_moves(pasarela):
    assert pasarela.journal() == [] and pasarela.inbox() == []
    before = pasarela.now()
    assert pasarela.advance_clock(3600) > before
    start(pasarela, "A1")  # the same id_pago as the other test: the world was reset


def test_a_merchant_of_my_own_and_its_next_outcome(pasarela):
    pasarela.set_merchant(2002, nombre="Mi tienda", nit="900123456-8", clave_inicio="c1", usuario_v4="u2",
                          clave_v4="c2", codigo_servicio="3001", t_ruta="t_mia", url_retorno="https://mi.tienda/ok")
    assert pasarela.set_merchant(2002, nombre="Mi tienda 2")["nombre"] == "Mi tienda 2"
    pasarela.next_outcome(1000, id_comercio=1001)
    identificador = start(pasarela, "B1")
    assert pasarela.payment(identificador)["intentos"][-1]["estado"] == 1000


def test_wsdl_urls_point_at_the_simulator(pasarela):
    with urllib.request.urlopen(pasarela.wsdl("verificar_v4")) as answer:
        assert b"VerificarPagosSoap12" in answer.read()
'''


def test_a_merchant_suite_uses_the_plugin_without_configuration(pytester):
    pytester.makepyfile(test_tienda=MERCHANT_SUITE)
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", timeout=180)
    result.assert_outcomes(passed=4)


def test_a_control_refusal_fails_the_merchant_test_with_the_problem(pytester):
    pytester.makepyfile(test_tienda='''
def test_forcing_an_unknown_payment(pasarela):
    pasarela.force_outcome(999999999, 1)
''')
    result = pytester.runpytest_subprocess("-q", "-p", "no:cacheprovider", timeout=180)
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(["*ControlError*404*Pago no encontrado*"])
