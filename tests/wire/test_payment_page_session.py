"""The payment page's ~30-minute session (zonapagos-ws.md §9), over HTTP on a simulator of its own
(these tests move its clock)."""
from __future__ import annotations

import pytest

from simulator.process import SimulatorProcess
from tests.wire.soap_helpers import attempts_of, control, verify
from tests.wire.test_payment_page_http import Browserless, page_path, pay_form, started

pytestmark = pytest.mark.wire


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("session") / "s.sqlite3") as process:
        yield process


def test_after_30_minutes_the_page_sends_the_payer_back_and_the_payment_stays_888(sim):
    reference, identifier = started(sim.url)
    payer = Browserless(sim.url)
    page = payer.get(page_path(identifier))
    assert page.status == 200
    control(sim.url, "/_sim/clock/advance", {"segundos": 31 * 60})
    try:
        expired = payer.get(page_path(identifier))
        assert expired.status == 410
        assert expired.by_id("aviso-texto").startswith("La sesión de pago expiró: pasaron más de 30 minutos")
        paid = payer.post("/t_demo/pago.asp", pay_form(
            page, identifier, terminos="si", forma_pago="tarjeta", numero_tarjeta="4111 1111 1111 1111",
            fecha_vencimiento="122031", codigo_seguridad="123", cuotas="1", nombre_tarjeta="Nick Rivera"))
        assert paid.status == 410 and "sesión de pago expiró" in paid.body
        [attempt] = attempts_of(verify(sim.url, reference))
        assert attempt[1] == "888"  # unchanged: the merchant's sonda decides it was abandoned
    finally:
        control(sim.url, "/_sim/clock/reset", {})
