"""The control API's lists come in pages: `limite` items, the next page's URL in `Link: <…>; rel="next"`
(its `desde` is a cursor), none on the last page. Followed to the end, every item comes once, in order, even
when new items arrive between two pages."""
from __future__ import annotations

import json
import re
import urllib.error
import urllib.request

import pytest

from simulator.process import SimulatorProcess
from tests.wire.pse_helpers import created
from tests.wire.soap_helpers import new_reference, start, verify

pytestmark = pytest.mark.wire


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("pages") / "pages.sqlite3") as process:
        yield process


def page(url: str) -> tuple[list[dict], str | None]:
    with urllib.request.urlopen(url, timeout=10) as response:
        link = response.headers.get("Link")
        items = json.loads(response.read())
    if link is None:
        return items, None
    match = re.fullmatch(r'<([^>]+)>; rel="next"', link)
    assert match, link
    return items, match.group(1)


def walk(base: str, path: str, between=None) -> tuple[list[dict], int]:
    """Every item of the list, following the next links; `between()` runs after the first page."""
    items, pages, following = [], 0, path
    while following is not None:
        found, following = page(base + following)
        items += found
        pages += 1
        if pages == 1 and between is not None:
            between()
    return items, pages


def control(base: str, method: str, path: str, body: dict) -> None:
    request = urllib.request.Request(base + path, data=json.dumps(body).encode(), method=method,
                                     headers={"Content-Type": "application/json"})
    urllib.request.urlopen(request, timeout=10).close()


def test_payments_come_in_pages_and_a_payment_started_meanwhile_moves_nothing(sim):
    for _ in range(7):
        start(sim.url, new_reference())
    everything, _ = page(f"{sim.url}/_sim/payments?limite=1000")
    walked, pages = walk(sim.url, "/_sim/payments?limite=3", between=lambda: start(sim.url, new_reference()))
    ids = [p["identificador"] for p in walked]
    assert pages == 3 and len(everything) == 7
    assert ids == [p["identificador"] for p in everything]  # none lost, none repeated, newest first
    _, last_link = page(f"{sim.url}/_sim/payments?limite=8")
    assert last_link is None  # eight payments now: one page of eight says so with no link


def test_the_journal_pages_keep_their_filter_to_the_end(sim):
    references = [new_reference() for _ in range(5)]
    for reference in references:
        start(sim.url, reference)
        verify(sim.url, reference)
    everything, _ = page(f"{sim.url}/_sim/journal?operacion=verificar_pago_v4&limite=1000")
    walked, pages = walk(sim.url, "/_sim/journal?operacion=verificar_pago_v4&limite=2")
    assert [e["id"] for e in walked] == [e["id"] for e in everything] and len(walked) >= 5 and pages >= 3
    assert {e["operacion"] for e in walked} == {"verificar_pago_v4"}
    assert len({e["id"] for e in walked}) == len(walked)


def test_pse_transactions_merchants_and_faults_are_paged_too(sim):
    cus = {created(sim.url).cus for _ in range(5)}
    walked, pages = walk(sim.url, "/_sim/pse/transacciones?limite=2", between=lambda: created(sim.url))
    assert cus <= {t["cus"] for t in walked} and len(walked) == len({t["cus"] for t in walked}) and pages >= 3
    for merchant in (3101, 3102, 3103):
        control(sim.url, "PUT", f"/_sim/merchants/{merchant}", {
            "nombre": f"Comercio {merchant}", "nit": "860034313-7", "clave_inicio": "a", "usuario_v4": "u",
            "clave_v4": "b", "codigo_servicio": "3303", "t_ruta": f"t{merchant}", "url_retorno": "https://example.com/"})
    merchants, _ = walk(sim.url, "/_sim/merchants?limite=2")
    ids = [m["id_comercio"] for m in merchants]
    assert ids == sorted(set(ids)) and {3101, 3102, 3103} <= set(ids)
    for n in range(3):
        control(sim.url, "POST", "/_sim/faults", {"operacion": f"/nada-{n}", "tipo": "retraso", "retraso_ms": 1})
    rules, pages = walk(sim.url, "/_sim/faults?limite=1")
    assert [r["operacion"] for r in rules] == ["/nada-0", "/nada-1", "/nada-2"] and pages == 3


def test_notifications_come_in_pages_and_keep_the_merchant_filter(sim):
    control(sim.url, "PUT", "/_sim/merchants/3201", {
        "nombre": "Comercio notificado", "nit": "860034313-7", "clave_inicio": "a", "usuario_v4": "u", "clave_v4": "b",
        "codigo_servicio": "2701", "t_ruta": "t3201", "url_retorno": "https://example.com/",
        "url_notificacion": "http://127.0.0.1:9/notificar"})  # nobody listens: they stay pending

    def approved() -> None:
        assert start(sim.url, new_reference(), total="20000.01", merchant="3201", password="a").status == 200

    for _ in range(5):
        approved()
    everything, _ = page(f"{sim.url}/_sim/notificaciones?comercio=3201&limite=1000")
    walked, pages = walk(sim.url, "/_sim/notificaciones?comercio=3201&limite=2", between=approved)
    assert len(everything) == 5 and pages == 3
    assert [d["id"] for d in walked] == [d["id"] for d in everything]  # newest first, none lost or repeated
    assert {d["id_comercio"] for d in walked} == {3201}


def test_associates_come_in_pages_of_the_asked_size(sim):
    everything, link = page(f"{sim.url}/_sim/associates?limite=1000")
    walked, pages = walk(sim.url, "/_sim/associates?limite=1")
    assert link is None and walked == everything and pages == len(everything) >= 2


def test_with_a_token_in_the_url_the_next_links_and_the_dashboard_keep_it(tmp_path):
    with SimulatorProcess(tmp_path / "token.sqlite3", extra_args=["--control-token", "s3creto"]) as guarded:
        for _ in range(3):
            start(guarded.url, new_reference())
        walked, pages = walk(guarded.url, "/_sim/payments?limite=1&token=s3creto")
        assert len(walked) == 3 and pages == 3
        with urllib.request.urlopen(f"{guarded.url}/_sim/?token=s3creto&comercio=1001", timeout=10) as answer:
            html = answer.read().decode()
        assert 'name="token" value="s3creto"' in html and "/_sim/buzon?token=s3creto" in html
        with urllib.request.urlopen(f"{guarded.url}/_sim/tablero.json?token=s3creto&comercio=1001", timeout=10) as answer:
            figures = json.loads(answer.read())
        assert figures["total_pagos"] == 3 and figures["comercio"] == 1001
        assert "token=s3creto" in figures["secciones"]["recientes"]
        try:
            urllib.request.urlopen(f"{guarded.url}/_sim/tablero.json", timeout=10)
        except urllib.error.HTTPError as refused:
            assert refused.code == 401
        else:
            raise AssertionError("the dashboard's JSON answered without the token")
