"""The guided rehearsal page in Chromium: /_sim/certificacion/ performs each control step (program or force an
outcome, move the clock, refuse the credentials) when the team presses "Siguiente paso", waits for the team's
system at each of its steps (here the scripted merchant, in process), and links the report, which grades it."""
from __future__ import annotations

import re

import pytest

from features.drivers.browser import chromium_or_skip
from simulator.process import SimulatorProcess
from tests.wire import certification_merchant
from tests.wire.test_certification_wire import call, new_merchant

pytestmark = [pytest.mark.browser, pytest.mark.wire]


@pytest.fixture(scope="module")
def chromium_browser():
    yield from chromium_or_skip("pruebas de navegador omitidas")


@pytest.fixture(scope="module")
def sim(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("cert-browser") / "c.sqlite3") as process:
        yield process


def test_the_page_walks_every_scenario_with_the_merchants_system_and_the_report_grades_it(chromium_browser, sim):
    merchant = new_merchant(sim)
    _, clock_before = call(sim, "GET", "/_sim/clock")
    context = chromium_browser.new_context(locale="es-CO")
    page = context.new_page()
    try:
        page.goto(f"{sim.url}/_sim/certificacion/?comercio={merchant}")
        page.click("#comenzar")
        book: dict = {}
        merchant_steps = []
        for _ in range(100):
            page.wait_for_selector("body[data-paso=listo], body[data-paso=terminado]")
            message = page.text_content("#mensaje") or ""
            if "Ensayo terminado" in message:
                break
            assert "falló" not in message, message
            asked = re.search(r"paso «(\w+)» del escenario (\w+)", message)
            if asked:
                merchant_steps.append(asked.groups())
                certification_merchant.step(sim.url, str(merchant), asked.group(2), asked.group(1), book)
            page.click("#siguiente")
        assert "Ensayo terminado" in (page.text_content("#mensaje") or "")
        assert ("inicio", "aprobado") in merchant_steps and ("sonda", "abandonado_888") in merchant_steps
        assert page.locator("ol.pasos li.hecho").count() == page.locator("ol.pasos li").count()

        page.click("#informe")
        page.wait_for_selector("#veredicto")
        assert "Aprobada" in (page.text_content("#veredicto") or "")
        assert page.locator("svg").count() == len(book["pagos"]) >= 8
        assert page.locator("#regla-sonda_frecuencia td.cumple").count() == 1
        page.screenshot(path=str(sim.db.with_name("informe.png")), full_page=True)
    finally:
        context.close()
    _, clock_after = call(sim, "GET", "/_sim/clock")
    assert clock_after["ahora"] > clock_before["ahora"]  # the page moved the simulated clock
    _, merchant_now = call(sim, "GET", f"/_sim/merchants/{merchant}")
    assert merchant_now["habilitado"] is True
