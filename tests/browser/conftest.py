"""Fixtures of the browser tests: Debian's Chromium, an own simulator process, a merchant's return page."""
from __future__ import annotations

import pytest

from features.drivers.browser import PayerBrowser, chromium_or_skip
from features.drivers.merchant_site import MerchantSite, register_merchant
from adapters.core_banking.sqlite import SqliteCoreBanking
from adapters.storage.sqlite import connect
from simulator.process import SimulatorProcess
from tests.browser.recaudo_browser import Associate
from tests.portal_env import PORTAL_ENV

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


# -- the recaudo portal's browser tests: a simulator of their own per module, its core banking, an associate ------

@pytest.fixture(scope="module")
def portal_simulator(tmp_path_factory, request):
    folder = tmp_path_factory.mktemp(request.module.__name__.rsplit(".", 1)[-1])
    with SimulatorProcess(folder / "pasarela.sqlite3", env=PORTAL_ENV) as process:
        yield process


@pytest.fixture(scope="module")
def core(portal_simulator):
    conn = connect(portal_simulator.db)
    yield SqliteCoreBanking(conn)
    conn.close()


@pytest.fixture
def associate(chromium_browser, portal_simulator, request):
    context, who = Associate.open(chromium_browser, portal_simulator.url, request.node.name)
    try:
        yield who
    finally:
        context.close()
