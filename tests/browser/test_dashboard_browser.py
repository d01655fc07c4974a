"""The dashboard in Chromium: seeded traffic shows as charts (payments by state, requests and latency by
operation, errors, fault rules), a filter narrows it, the live refresh changes a number after a new payment
without reloading the page; a screenshot is saved as reports/dashboard.png."""
from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest

from features.drivers.browser import chromium_or_skip
from simulator.process import SimulatorProcess
from tests.wire.soap_helpers import get, new_reference, start, verify

pytestmark = [pytest.mark.browser, pytest.mark.wire]

REPORT = Path(__file__).resolve().parents[2] / "reports" / "dashboard.png"
SHOP = {"nombre": "Tienda del tablero", "nit": "860034313-7", "clave_inicio": "ini-3201", "usuario_v4": "u3201",
        "clave_v4": "v4-3201", "codigo_servicio": "3303", "t_ruta": "t_tablero", "url_retorno": "https://example.com/"}


@pytest.fixture(scope="module")
def chromium_browser():
    yield from chromium_or_skip("pruebas de navegador omitidas")


def control(url: str, method: str, path: str, body: dict) -> dict:
    request = urllib.request.Request(url + path, data=json.dumps(body).encode(), method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read())


def identifier_of(url: str, reference: str, merchant: int = 1001) -> int:
    with urllib.request.urlopen(f"{url}/_sim/payments?limite=50", timeout=10) as answer:
        return next(p["identificador"] for p in json.loads(answer.read())
                    if p["id_pago"] == reference and p["id_comercio"] == merchant)


def start_at_shop(url: str) -> None:
    start(url, new_reference(), merchant="3201", password="ini-3201", codigo_servicio_principal="3303")


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    """A simulator with payments in three states at two merchants, verifications, a fault rule and its error."""
    with SimulatorProcess(tmp_path_factory.mktemp("tablero") / "tablero.sqlite3") as sim:
        control(sim.url, "PUT", "/_sim/merchants/3201", SHOP)
        references = [new_reference() for _ in range(4)]
        for reference in references:
            start(sim.url, reference)
            verify(sim.url, reference)
        for reference, state in zip(references, (1, 1, 1000)):
            control(sim.url, "POST", f"/_sim/payments/{identifier_of(sim.url, reference)}/outcome", {"estado": state})
        start_at_shop(sim.url)
        control(sim.url, "POST", "/_sim/faults", {"operacion": "/caida", "tipo": "http_500"})
        assert get(f"{sim.url}/caida/pagina").status == 500
        yield sim


@pytest.fixture
def page(chromium_browser):
    context = chromium_browser.new_context(locale="es-CO", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(15_000)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_the_dashboard_draws_the_seeded_traffic_filters_it_and_refreshes_live(seeded, page):
    from playwright.sync_api import expect

    page.goto(f"{seeded.url}/_sim/")
    expect(page.locator("#tabla-errores td.error").first).to_have_text("500")
    legend = page.text_content("#grafico-pagos")
    assert "1 Pago aprobado: 2" in legend and "1000 Pago rechazado: 1" in legend and "888 Pago pendiente" in legend
    assert page.locator("#grafico-pagos rect.estado-1").count() >= 1
    assert page.get_attribute("#grafico-pagos", "role") == "img"
    assert page.text_content("#grafico-pagos > title") == "Pagos por estado en el tiempo"
    operations = page.text_content("#grafico-rps") + page.text_content("#grafico-latencia")
    assert "inicio_pagoV2" in operations and "verificar_pago_v4" in operations
    assert page.inner_text("#total-pagos") == "5"
    assert "500" in page.inner_text("#tabla-errores") and "/caida" in page.inner_text("#tabla-fallas")
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(REPORT), full_page=True)

    page.select_option("#filtro-operacion", "verificar_pago_v4")
    page.click("#filtrar")
    page.wait_for_url("**operacion=verificar_pago_v4**")
    assert "verificar_pago_v4" in page.text_content("#grafico-latencia")
    assert "inicio_pagoV2" not in page.text_content("#grafico-latencia")

    page.select_option("#filtro-operacion", "")
    page.select_option("#filtro-comercio", "3201")
    page.click("#filtrar")
    page.wait_for_url("**comercio=3201**")
    assert page.inner_text("#total-pagos") == "1"
    navigations = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url))
    start_at_shop(seeded.url)
    expect(page.locator("#total-pagos")).to_have_text("2", timeout=15_000)  # the page's CSP applies: no eval here
    assert navigations == []  # the number changed in place, not by a reload


def test_the_dashboard_works_without_script_and_says_when_a_filter_is_not_a_merchant(seeded, chromium_browser):
    context = chromium_browser.new_context(locale="es-CO", java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{seeded.url}/_sim/?comercio=abc")
        assert "debe ser su número" in page.inner_text("[role=alert]")
        assert page.inner_text("#total-pagos") == "5" or int(page.inner_text("#total-pagos")) >= 5
        page.select_option("#filtro-comercio", "3201")
        page.click("#filtrar")
        assert "comercio=3201" in page.url and int(page.inner_text("#total-pagos")) >= 1
        page.click("#solicitudes summary")  # the chart's table, and in it a link per operation
        page.click("#tabla-operaciones a:text-is('verificar_pago_v4')")
        assert "operacion=verificar_pago_v4" in page.url and "comercio=3201" in page.url
        assert page.input_value("#filtro-operacion") == "verificar_pago_v4"
    finally:
        context.close()
