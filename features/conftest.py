"""Targets and step definitions of the acceptance suite (`--target`, default: wire)."""
from __future__ import annotations

import pytest

from features.drivers.wire import WireDriver
from simulator.process import SimulatorProcess

pytest_plugins = ["features.steps.zonapagos", "features.steps.tokens", "features.steps.gateway_pages",
                  "features.steps.portal"]


def pytest_addoption(parser):
    parser.addoption("--target", default="wire", choices=["wire"],
                     help="where the Gherkin scenarios run (wire: a simulator process on loopback)")


@pytest.fixture(scope="session")
def feature_simulator(tmp_path_factory):
    process = SimulatorProcess(tmp_path_factory.mktemp("features") / "pasarela.sqlite3").start()
    yield process
    process.stop()
    process.kill()


@pytest.fixture
def driver(request, feature_simulator) -> WireDriver:
    return WireDriver(feature_simulator.url)
