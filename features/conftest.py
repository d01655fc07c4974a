"""Targets and step definitions of the acceptance suite.

`--target` (or $PASARELA_TARGET) names one or more targets, comma-separated; by default the suite runs on
`wire` and `inprocess` in the same invocation: every scenario test is parametrized by the autouse `target`
fixture (ids `[wire]`, `[inprocess]`), and a scenario whose tags a target cannot run is not generated for
it (features/targets.py has the table).
"""
from __future__ import annotations

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry

from features import targets
from features.drivers.inprocess import InProcessDriver
from features.drivers.wire import WireDriver
from features.drivers.zonapagosdemo import demo_driver
from simulator.process import SimulatorProcess

pytest_plugins = ["features.steps.zonapagos", "features.steps.tokens", "features.steps.gateway_pages",
                  "features.steps.portal", "features.steps.coopcentral", "features.steps.verificacion",
                  "features.steps.reglas", "features.steps.registro_ach", "features.steps.notificaciones",
                  "features.steps.certificacion", "features.steps.rest"]


def pytest_addoption(parser):
    parser.addoption("--target", default=None,
                     help="dónde corren los escenarios Gherkin: wire, inprocess, zonapagosdemo, o varios separados "
                          "por comas (por defecto $PASARELA_TARGET o 'wire,inprocess')")


def pytest_generate_tests(metafunc):
    """Each scenario once per selected target that its tags allow; a visible skip when none does."""
    if metafunc.function not in scenario_wrapper_template_registry or "target" not in metafunc.fixturenames:
        return
    chosen = targets.selected(metafunc.config.getoption("--target"))
    tags = {mark.name for mark in metafunc.definition.iter_markers()}
    runs, reasons = targets.targets_for(chosen, tags)
    params = runs or [pytest.param(chosen[0], marks=pytest.mark.skip(reason=reasons))]
    metafunc.parametrize("target", params, indirect=True)


@pytest.fixture(autouse=True)
def target(request) -> str:
    """The target this test runs on (parametrized by pytest_generate_tests for scenario tests)."""
    return getattr(request, "param", None) or targets.selected(request.config.getoption("--target"))[0]


@pytest.fixture(scope="session")
def feature_simulator(tmp_path_factory):
    with SimulatorProcess(tmp_path_factory.mktemp("features") / "pasarela.sqlite3") as process:
        yield process


@pytest.fixture
def driver(request, target) -> WireDriver:
    """The ZonaPAGOS vocabulary's driver for this target (a fresh in-process world per scenario)."""
    if target == "inprocess":
        return InProcessDriver()
    if target == "zonapagosdemo":
        return demo_driver()
    return WireDriver(request.getfixturevalue("feature_simulator").url)
