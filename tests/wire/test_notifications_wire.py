"""Notifications to merchants over real HTTP (zonapagos-ws.md §12): a real merchant server on loopback refuses
the first NotificarPagos, the simulated clock is advanced through the control API, and the retry delivers it;
deliveries listed and sent again through the control API; outbound fault rules; a restart keeps what is pending."""
from __future__ import annotations

import pytest

from simulator.process import SimulatorProcess
from simulator.pytest_plugin import Pasarela
from features.drivers.merchant_server import (
    OK, SERVER_ERROR, TECHNICAL, MerchantServer, call, wait_until,
)
from tests.wire.soap_helpers import new_reference, start

pytestmark = pytest.mark.wire

FAST = {"PASARELA_NOTIFICATION_TICK": "0.05"}


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    """Its own `pasarela serve`, whose deliverer looks every 50 ms (the retries still wait on the simulated clock)."""
    with SimulatorProcess(tmp_path_factory.mktemp("notify") / "pasarela.sqlite3", env=FAST) as process:
        yield process


def notify_to(sim_url: str, server: MerchantServer, merchant: int = 1001) -> None:
    status, answer = call(sim_url, "PATCH", f"/_sim/merchants/{merchant}", {
        "url_notificacion": f"{server.url}/ApiPagosN3/api/NotificarPagos",
        "url_notificacion_token": f"{server.url}/ApiToken/api/Notificar", "clave_notificacion": "Clave-Notif1"})
    assert status == 200, answer
    assert answer["url_notificacion"].endswith("/ApiPagosN3/api/NotificarPagos")
    assert answer["notificacion_autenticada"] is True and "Clave-Notif1" not in str(answer)


def deliveries_of(sim_url: str, reference: str) -> list[dict]:
    status, listed = call(sim_url, "GET", "/_sim/notificaciones?comercio=1001")
    assert status == 200
    return [d for d in listed if d["referencia"] == reference]


def test_a_notification_refused_by_the_merchant_is_retried_when_the_clock_passes_its_back_off(sim):
    with MerchantServer([TECHNICAL, OK]) as server:
        notify_to(sim.url, server)
        reference = new_reference()
        assert start(sim.url, reference, total="20000.01").status == 200  # ,01: approved at once

        first = server.wait_for(1)[0]
        assert first.path == "/ApiPagosN3/api/NotificarPagos" and first.content_type.startswith("application/json")
        body = first.body
        assert (body["IdComercio"], body["Password"], body["IdPago"], body["EstadoPago"]) == (
            1001, "Clave-Notif1", reference, 1)
        assert body["ValorTotalPagado"] == 20000.01 and body["Facturas"][0]["IdFactura"] == reference[:20]
        assert body["FormaPago"] == 29 and body["CUS"] and body["CodigoServicio"] == "2701"

        [delivery] = wait_until(lambda: [d for d in deliveries_of(sim.url, reference) if d["intentos"]])
        assert delivery["estado"] == "pendiente" and delivery["cuerpo"]["Password"] == "****"
        assert delivery["intentos"][0]["exitoso"] is False and "CodEstado 99" in delivery["intentos"][0]["detalle"]

        call(sim.url, "POST", "/_sim/clock/advance", {"segundos": 31})
        second = server.wait_for(2)[1]
        assert second.body == body  # the same message: the merchant deduplicates on IdPago
        [delivery] = wait_until(lambda: [d for d in deliveries_of(sim.url, reference) if d["estado"] == "entregada"])
        assert [a["exitoso"] for a in delivery["intentos"]] == [False, True]
        assert delivery["intentos"][1]["estado_http"] == 200

        call(sim.url, "POST", "/_sim/clock/advance", {"segundos": 7200})
        status, again = call(sim.url, "POST", f"/_sim/notificaciones/{delivery['id']}/reenviar")
        assert status == 409 and again["status"] == 409  # delivered once: never again
        assert len(server.received) == 2


def test_an_http_error_then_a_forced_rejection_each_notify_and_redelivery_sends_a_failed_one_again(sim):
    with MerchantServer([SERVER_ERROR]) as server:
        notify_to(sim.url, server)
        reference = new_reference()
        start(sim.url, reference, total="30000.02")  # ,02: rejected at once (1000)
        first = server.wait_for(1)[0].body
        assert first["EstadoPago"] == 0 and first["ValorTotalPagado"] == 0
        [delivery] = wait_until(lambda: [d for d in deliveries_of(sim.url, reference) if d["intentos"]])
        assert delivery["intentos"][0]["estado_http"] == 500

        server.script[:] = [OK]
        status, sent = call(sim.url, "POST", f"/_sim/notificaciones/{delivery['id']}/reenviar")
        assert status == 200 and sent["estado"] == "pendiente"
        server.wait_for(2)
        wait_until(lambda: deliveries_of(sim.url, reference)[0]["estado"] == "entregada")


def test_an_outbound_fault_rule_fails_deliveries_to_one_merchant_without_contacting_it(sim):
    with MerchantServer([OK]) as server:
        notify_to(sim.url, server)
        status, rule = call(sim.url, "POST", "/_sim/faults", {"operacion": "saliente:1001", "tipo": "http_503",
                                                              "cantidad": 1})
        assert status == 201
        reference = new_reference()
        start(sim.url, reference, total="20000.01")
        [delivery] = wait_until(lambda: [d for d in deliveries_of(sim.url, reference) if d["intentos"]])
        assert delivery["intentos"][0]["estado_http"] == 503 and server.received == []

        call(sim.url, "POST", "/_sim/clock/advance", {"segundos": 31})
        assert server.wait_for(1)[0].body["IdPago"] == reference

        def journaled():
            status, entries = call(sim.url, "GET", "/_sim/journal?canal=saliente&limite=50")
            return [e for e in entries if reference in e["solicitud"]]
        entries = wait_until(lambda: len(journaled()) == 2 and journaled())
        assert sorted(e["estado_http"] for e in entries) == [200, 503]  # the injected failure, then the delivery
        assert all(e["operacion"] == "NotificarPagos" and '"Password": "****"' in e["solicitud"] for e in entries)
        assert "Clave-Notif1" not in str(entries)


def test_a_payment_the_bank_confirms_later_is_notified_without_any_verification(sim):
    with MerchantServer([OK]) as server:
        notify_to(sim.url, server)
        reference = new_reference()
        start(sim.url, reference, total="20000.03")  # ,03: 999 until the bank's 7 minutes pass
        assert deliveries_of(sim.url, reference) == []
        call(sim.url, "POST", "/_sim/clock/advance", {"segundos": 8 * 60})
        body = server.wait_for(1)[0].body
        assert (body["IdPago"], body["EstadoPago"]) == (reference, 1)


def test_the_pytest_plugins_helpers_point_notifications_and_send_them_again(sim):
    pasarela = Pasarela(sim.url, sim.db, sim)
    with MerchantServer([SERVER_ERROR, OK]) as server:
        pasarela.notify_to(server.url + "/n", clave="k")
        reference = new_reference()
        start(sim.url, reference, total="20000.01")
        server.wait_for(1)
        [mine] = wait_until(lambda: [n for n in pasarela.notifications(1001)
                                     if n["referencia"] == reference and n["intentos"]])
        assert pasarela.redeliver(mine["id"])["estado"] == "pendiente"
        assert server.wait_for(2)[1].body["Password"] == "k"


def test_the_control_api_refuses_bad_notification_settings_and_unknown_deliveries(sim):
    status, problem = call(sim.url, "PATCH", "/_sim/merchants/1001", {"url_notificacion": "ftp://comercio/x"})
    assert status == 400 and "url_notificacion" in problem["detail"]
    status, problem = call(sim.url, "PATCH", "/_sim/merchants/1001", {"clave_notificacion": "x" * 16})
    assert status == 400
    assert call(sim.url, "GET", "/_sim/notificaciones/999999999")[0] == 404
    assert call(sim.url, "POST", "/_sim/notificaciones/abc/reenviar")[0] == 400
    assert call(sim.url, "GET", "/_sim/notificaciones?limite=0")[0] == 400


def test_deliveries_pending_in_the_file_are_delivered_after_a_restart(tmp_path):
    db = tmp_path / "pasarela.sqlite3"
    with MerchantServer([OK]) as server:
        with SimulatorProcess(db, env={"PASARELA_NOTIFICATION_TICK": "0"}) as first:  # the deliverer is off
            notify_to(first.url, server)
            reference = new_reference()
            start(first.url, reference, total="20000.01")
            [queued] = deliveries_of(first.url, reference)
            assert queued["estado"] == "pendiente" and queued["intentos"] == []
            first.kill()  # the crash: no clean stop
        assert server.received == []
        with SimulatorProcess(db, env=FAST) as second:
            assert server.wait_for(1)[0].body["IdPago"] == reference
            wait_until(lambda: deliveries_of(second.url, reference)[0]["estado"] == "entregada")


@pytest.mark.slow
def test_with_two_workers_each_notification_is_posted_once(tmp_path):
    env = {"PASARELA_NOTIFICATION_TICK": "0.02"}
    with MerchantServer([OK], delay=0.2) as server, \
            SimulatorProcess(tmp_path / "w.sqlite3", extra_args=["--workers", "2"], env=env) as sim:
        notify_to(sim.url, server)
        references = [new_reference() for _ in range(12)]
        for reference in references:
            start(sim.url, reference, total="20000.01")
        server.wait_for(len(references))
        wait_until(lambda: all(d["estado"] == "entregada" for r in references for d in deliveries_of(sim.url, r)))
        assert sorted(r.body["IdPago"] for r in server.received) == sorted(references)
