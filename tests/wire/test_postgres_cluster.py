"""Issue 19: two `pasarela serve --db postgresql://…` instances on one database act as one simulator.

A started on one instance is paid on the other's page and verified on either; a duplicate `id_pago` sent to
both at once has one winner; the clock and the fault rules set on one hold on the other; a final payment is
notified to the merchant once, not once per instance; one killed with SIGKILL under load loses nothing it
acknowledged. The wire suite's core scenarios run again on the cluster.
"""
from __future__ import annotations

import asyncio
import re
import subprocess
import sys
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import aiohttp
import psycopg
import pytest

from features.drivers.merchant_server import OK, MerchantServer, call, wait_until
from simulator.process import SimulatorProcess, free_port
from tests.portal_env import PORTAL_ENV
from tests.postgres_server import needs_postgres
from tests.wire.soap_helpers import (
    START_PATH, VERIFY_PATH, Answer, attempts_of, control, inicio_body, new_reference, start, verify, verify_body,
)
from tests.wire.portal_helpers import NICK_MOBILE, PortalClient, json_get, json_post, latest_code
from tests.wire.test_payment_page_http import Browserless, page_path, pay_form, started
# the wire suite's core scenarios, collected here again: their `simulator` is this module's (instance A)
from tests.wire.test_inicio_pago_v2_wire import (  # noqa: F401
    test_a_duplicate_id_pago_is_refused, test_a_refused_start_leaves_no_payment_behind,
    test_a_started_payment_is_pending_to_start_888,
)
from tests.wire.test_verificar_pago_v4_wire import (  # noqa: F401
    test_a_card_attempt_shows_only_the_last_four_digits, test_a_pending_03_payment_is_approved_once_the_bank_time_has_passed,
    test_unknown_reference_is_executed_with_no_payments,
)

from tests.wire.test_control_api_document import (  # noqa: F401  the control API and dashboard on PostgreSQL
    test_every_documented_get_answers_what_its_schema_says,
    test_the_dashboard_lists_a_new_payment_and_escapes_what_merchants_send,
)
from tests.wire.test_rest_ciclo_pago_wire import (  # noqa: F401  the REST generation on PostgreSQL
    test_a_card_fee_is_shown_and_charged,
    test_a_rest_merchant_starts_the_payer_pays_returns_and_the_merchant_verifies,
)
from tests.wire.test_pse_pages_wire import test_pay_and_cancel_confirm_through_ach_and_return_to_the_entity  # noqa: F401
from tests.wire.test_recaudo_portal_wire import (  # noqa: F401
    test_the_return_page_verifies_and_shows_the_gateway_state, test_two_simultaneous_clicks_make_one_payment,
)

pytestmark = [*needs_postgres, pytest.mark.wire]


@pytest.fixture(scope="module")
def cluster(postgres_server, tmp_path_factory):
    """Instances A and B of one simulator on one fresh database."""
    url = postgres_server.create_database("cluster")
    folder = tmp_path_factory.mktemp("cluster")
    env = {**PORTAL_ENV, "PASARELA_NOTIFICATION_TICK": "0.05"}  # both deliverers look often: they race
    a = SimulatorProcess(url, log=folder / "a.log", env=env).start(timeout=40)
    b = SimulatorProcess(url, log=folder / "b.log", env=env).start(timeout=40)
    yield a, b
    for instance in (a, b):
        instance.stop()
        instance.kill()


@pytest.fixture(scope="module")
def simulator(cluster):
    return cluster[0]


@pytest.fixture(scope="module")
def portal(cluster):
    return cluster[1]


def test_a_payment_started_on_one_instance_is_paid_on_the_others_page_and_verified_on_either(cluster):
    a, b = cluster
    reference, identifier = started(a.url)
    payer = Browserless(a.url)
    page = payer.get(page_path(identifier))  # the page and its CSRF token issued by A...
    assert page.status == 200 and page.by_id("referencia") == reference
    payer.base = b.url  # ...posted to B (cookies are per host, not per port: the same browser)
    paid = payer.post("/t_demo/pago.asp", pay_form(
        page, identifier, terminos="si", forma_pago="tarjeta", numero_tarjeta="4111111111111111",
        fecha_vencimiento="122031", codigo_seguridad="123", cuotas="1", nombre_tarjeta="Nick Rivera"))
    assert paid.status == 303, paid.body[:500]
    assert payer.get(paid.location).by_id("resultado") == "Pago aprobado"
    for instance in (a, b):
        [attempt] = attempts_of(verify(instance.url, reference))
        assert attempt[1] == "1"


def test_a_portal_session_begun_on_one_instance_goes_on_on_the_other(cluster):
    a, b = cluster
    payer = PortalClient(a.url)
    assert payer.identify().status == 303 and payer.request_code().status == 303  # identified, code sent by A
    payer.base = b.url  # the code is typed on B's page: the session, its OTP and the form secret are shared
    page = payer.submit("/recaudo/codigo", "/recaudo/codigo", {"codigo_seguridad": latest_code(a.url, NICK_MOBILE)})
    assert page.status == 303 and page.location == "/recaudo/productos", page.text[:1000]
    products = payer.get("/recaudo/productos")
    assert products.status == 200 and "Ahorros a la Vista" in products.text and "7756" in products.text


def test_workers_of_a_third_instance_join_the_same_database(cluster, tmp_path):
    a, _ = cluster
    reference = new_reference()
    assert start(a.url, reference).value("inicio_pagoV2Result").isdigit()
    with SimulatorProcess(a.db, log=tmp_path / "c.log", extra_args=["--workers", "2"], env=PORTAL_ENV) as c:
        assert [attempt[1] for attempt in attempts_of(verify(c.url, reference))] == ["888"]


def test_the_sonda_runs_where_nobody_holds_its_lease_and_takes_over_a_dead_holders(cluster):
    a, b = cluster
    with psycopg.connect(a.db, autocommit=True) as db:  # another instance is mid-pass: it holds the lease
        db.execute("INSERT INTO portal_leases (name, holder, expires_at) VALUES ('sonda', 'otra:1', "
                   "EXTRACT(EPOCH FROM clock_timestamp()) + 120) ON CONFLICT (name) DO UPDATE "
                   "SET holder = EXCLUDED.holder, expires_at = EXCLUDED.expires_at")
        try:
            for instance in (a, b):
                assert json_post(instance.url, "/recaudo/_sonda/ejecutar", {})["ran"] is False
            # the holder dies: nothing renews its lease, which runs out on the database's clock
            db.execute("UPDATE portal_leases SET expires_at = EXTRACT(EPOCH FROM clock_timestamp()) - 1 "
                       "WHERE name = 'sonda'")
            assert json_post(b.url, "/recaudo/_sonda/ejecutar", {})["ran"] is True
            assert db.execute("SELECT count(*) FROM portal_leases WHERE name = 'sonda'").fetchone()[0] == 0
        finally:
            db.execute("DELETE FROM portal_leases WHERE name = 'sonda'")


def test_a_duplicate_id_pago_sent_to_both_instances_at_once_has_one_winner(cluster):
    a, b = cluster
    references = [new_reference() for _ in range(12)]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda job: (job[0], start(job[1].url, job[0]).value("inicio_pagoV2Result")),
                                [(r, instance) for r in references for instance in (a, b)]))
    identifiers = []
    for reference in references:
        results = [result for r, result in answers if r == reference]
        winners = [result for result in results if result.isdigit()]
        assert len(winners) == 1, results
        assert [result for result in results if not result.isdigit()] == [
            f"-1 El id_pago {reference} ya existe para este comercio"]
        identifiers.append(winners[0])
    assert len(set(identifiers)) == len(identifiers)  # one sequence for the cluster


def test_each_final_payment_is_notified_to_the_merchant_once_not_once_per_instance(cluster):
    a, b = cluster
    with MerchantServer([OK], delay=0.2) as server:  # a slow merchant: claims are held while the other instance looks
        status, _ = call(b.url, "PATCH", "/_sim/merchants/1001", {
            "url_notificacion": f"{server.url}/ApiPagosN3/api/NotificarPagos", "clave_notificacion": "Clave-Notif1"})
        assert status == 200
        try:
            approved = [new_reference() for _ in range(8)]
            for n, reference in enumerate(approved):  # ,01: approved at once, on either instance
                assert start((a, b)[n % 2].url, reference, total="20000.01").status == 200
            later = new_reference()
            start(a.url, later, total="20000.03")  # ,03: 999 until the bank's 7 minutes pass
            control(b.url, "/_sim/clock/advance", {"segundos": 8 * 60})  # both instances' sondas may settle it
            server.wait_for(len(approved) + 1)

            def delivered() -> bool:
                _, listed = call(a.url, "GET", "/_sim/notificaciones?comercio=1001&limite=500")
                mine = [d for d in listed if d["referencia"] in {*approved, later}]
                return len(mine) == len(approved) + 1 and all(d["estado"] == "entregada" for d in mine)
            wait_until(delivered)
            time.sleep(0.5)  # several passes of both deliverers after the last one was delivered
            assert sorted(r.body["IdPago"] for r in server.received) == sorted([*approved, later])
            assert {r.body["EstadoPago"] for r in server.received} == {1}
        finally:
            unset = call(a.url, "PATCH", "/_sim/merchants/1001", {"url_notificacion": "", "clave_notificacion": ""})
            assert unset[0] == 200 and unset[1]["url_notificacion"] == ""  # the module's other tests notify nobody
            control(a.url, "/_sim/clock/reset", {})


def test_the_clock_moved_on_one_instance_is_the_others_clock(cluster):
    a, b = cluster
    try:
        _, before = control(b.url, "/_sim/clock")
        status, moved = control(a.url, "/_sim/clock/advance", {"segundos": 3 * 86400})
        assert status == 200
        _, seen = control(b.url, "/_sim/clock")
        shift = datetime.fromisoformat(seen["ahora"]) - datetime.fromisoformat(before["ahora"])
        assert 3 * 86400 <= shift.total_seconds() < 3 * 86400 + 30
    finally:
        control(a.url, "/_sim/clock/reset", {})
    _, back = control(b.url, "/_sim/clock")
    assert abs((datetime.fromisoformat(back["ahora"]) - datetime.fromisoformat(before["ahora"])).total_seconds()) < 30


def test_a_counted_fault_set_on_one_instance_hits_the_others_calls_that_many_times(cluster):
    a, b = cluster
    status, _ = control(a.url, "/_sim/faults", {"operacion": "verificar_pago_v4", "tipo": "fault", "cantidad": 2})
    assert status in (200, 201)
    statuses = [verify(instance.url, "x").status for instance in (b, a, b)]
    assert statuses == [500, 500, 200]
    assert control(b.url, "/_sim/faults")[1] == []


def test_the_journal_and_the_inbox_are_one_for_the_cluster(cluster):
    a, b = cluster
    reference = new_reference()
    start(a.url, reference)
    deadline = time.monotonic() + 5  # the journal is written in batches, after the answer
    while time.monotonic() < deadline:
        entries = control(b.url, "/_sim/journal?operacion=inicio_pagoV2&limite=50")[1]
        if any(reference in entry["solicitud"] for entry in entries):
            break
        time.sleep(0.1)
    else:
        pytest.fail("B's journal never showed the start A answered")
    inbox = f"/_sim/inbox?para={urllib.parse.quote(NICK_MOBILE)}"
    before = len(json_get(a.url, inbox))
    payer = PortalClient(b.url)
    assert payer.identify().status == 303 and payer.request_code().status == 303  # B sends a code...
    assert len(json_get(a.url, inbox)) == before + 1  # ...to the inbox A shows


async def _load(url: str, seconds: float, acknowledged: dict[str, str]) -> None:
    """Start payments until `seconds` pass or the instance dies; keep only what it acknowledged."""
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=5)) as session:
        async def worker() -> None:
            while time.monotonic() < deadline:
                reference = new_reference()
                try:
                    async with session.post(url + START_PATH, data=inicio_body(reference).encode(),
                                            headers={"Content-Type": "text/xml"}) as response:
                        text = await response.text()
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    return  # the instance died under us
                if response.status == 200 and "<inicio_pagoV2Result>-1" not in text:
                    acknowledged[reference] = text.split("<inicio_pagoV2Result>")[1].split("<")[0]
        await asyncio.gather(*(worker() for _ in range(4)))


async def _found(url: str, references: list[str]) -> dict[str, int]:
    semaphore = asyncio.Semaphore(8)
    async with aiohttp.ClientSession() as session:
        async def one(reference: str) -> tuple[str, int]:
            async with semaphore, session.post(url + VERIFY_PATH, data=verify_body(reference).encode(),
                                               headers={"Content-Type": "text/xml"}) as response:
                return reference, len(attempts_of(Answer(response.status, "", await response.read())))
        return dict(await asyncio.gather(*(one(r) for r in references)))


@pytest.mark.slow
def test_an_instance_killed_under_load_loses_nothing_it_acknowledged(postgres_server, tmp_path):
    url = postgres_server.create_database("kill")
    a = SimulatorProcess(url, log=tmp_path / "a.log").start(timeout=40)
    b = SimulatorProcess(url, log=tmp_path / "b.log").start(timeout=40)
    try:
        on_a: dict[str, str] = {}
        on_b: dict[str, str] = {}

        async def run() -> None:
            killer = asyncio.get_running_loop().call_later(0.8, a.kill)  # SIGKILL, mid-flight
            await asyncio.gather(_load(a.url, 1.6, on_a), _load(b.url, 1.6, on_b))
            killer.cancel()

        asyncio.run(run())
        assert a.proc.returncode == -9
        found = asyncio.run(_found(b.url, [*on_a, *on_b]))
        lost = [reference for reference, attempts in found.items() if attempts != 1]
        print(f"\nacknowledged: {len(on_a)} by A (killed), {len(on_b)} by B; {len(lost)} lost")
        assert len(on_a) > 5 and len(on_b) > 5
        assert lost == []
        assert len({*on_a.values(), *on_b.values()}) == len(on_a) + len(on_b)  # no identifier given twice
    finally:
        for instance in (a, b):
            instance.stop()
            instance.kill()


def test_a_server_that_is_down_is_one_spanish_line_and_exit_1():
    closed = f"postgresql://pasarela:secreto@127.0.0.1:{free_port()}/pasarela"
    done = subprocess.run([sys.executable, "-m", "simulator.cli", "serve", "--port", "0", "--db", closed],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 1
    [line] = done.stderr.strip().splitlines()
    assert line.startswith("no fue posible usar la base de datos postgresql://pasarela:***@127.0.0.1:")
    assert "secreto" not in done.stderr and "Traceback" not in done.stderr
    assert re.search(r"Connection refused|connection failed", line)
