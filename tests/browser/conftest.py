"""Fixtures of the browser tests: Debian's Chromium, an own simulator process, a merchant's return page."""
from __future__ import annotations

import pytest

from features.drivers.browser import PayerBrowser, chromium_or_skip
from features.drivers.merchant_site import MerchantSite, register_merchant
from simulator.process import SimulatorProcess

TEST_MERCHANT_ID = 7701
TEST_ROUTE = "t_tienda"
# A merchant name with markup: every page must show it escaped.
TEST_MERCHANT_NAME = "Tienda <b>Prueba</b> & Cía"


@pytest.fixture(scope="module")  # module scope: see chromium_or_skip
def chromium_browser():
    yield from chromium_or_skip("pruebas de navegador omitidas")


@pytest.fixture(scope="session")
def browser_simulator(tmp_path_factory):
    """Its own process: these tests move the simulator's clock."""
    with SimulatorProcess(tmp_path_factory.mktemp("browser") / "pasarela.sqlite3") as process:
        yield process


@pytest.fixture(scope="session")
def merchant_site(browser_simulator):
    site = MerchantSite().start()
    register_merchant(browser_simulator.url, TEST_MERCHANT_ID, site.return_url, TEST_ROUTE, TEST_MERCHANT_NAME)
    yield site
    site.stop()


@pytest.fixture
def payer(chromium_browser, browser_simulator, merchant_site, request):
    with PayerBrowser.open(chromium_browser, browser_simulator.url, request.node.name) as browser:
        yield browser
