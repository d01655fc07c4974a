"""Repository-wide pytest hooks: the report folder exists before the run, stale reports go, every Gherkin
scenario's outcome is noted (skipped ones too, with their reason, and an outline row's example values), and the
run's cucumber JSON (`--cucumber-json=reports/cucumber.json`, in pyproject's addopts) becomes
reports/aceptacion.html at the end. pytest writes reports/junit.xml for CI systems (`--junitxml`, addopts)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPORTS = Path(__file__).resolve().parent / "reports"
pytest_plugins = ["pytester"]  # the pasarela plugin's own tests run pytest inside pytest


class ScenarioNotes:
    """What the report says of each scenario test: its feature, name, example values, outcome and skip reason
    (pytest-bdd's cucumber JSON leaves skipped scenarios out and names outline rows alike)."""

    def __init__(self) -> None:
        self.by_nodeid: dict[str, dict] = {}

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        from pytest_bdd.scenario import scenario_wrapper_template_registry

        for item in items:
            template = scenario_wrapper_template_registry.get(getattr(item, "function", None))
            if template is None:
                continue
            callspec = getattr(item, "callspec", None)
            example = callspec.params.get("_pytest_bdd_example") if callspec is not None else None
            self.by_nodeid[item.nodeid] = {
                "id": item.name, "feature": template.feature.name, "uri": template.feature.rel_filename,
                "name": template.name, "example": dict(example or {}), "outcome": "", "reason": ""}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        scenario = self.by_nodeid.get(report.nodeid)
        if scenario is None:
            return
        if report.skipped:
            scenario["outcome"] = "skipped"
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr or "")
            scenario["reason"] = reason.removeprefix("Skipped: ")
        elif report.failed:
            scenario["outcome"] = "failed"
        elif report.when == "call" and scenario["outcome"] != "failed":
            scenario["outcome"] = "passed"


NOTES = pytest.StashKey[ScenarioNotes]()


def pytest_configure(config):
    REPORTS.mkdir(exist_ok=True)
    json_path = config.getoption("cucumber_json_path", None)
    if json_path and not hasattr(config, "workerinput"):
        Path(json_path).parent.mkdir(parents=True, exist_ok=True)
        Path(json_path).with_name("aceptacion.html").unlink(missing_ok=True)  # never a report of another run
        notes = config.stash[NOTES] = ScenarioNotes()
        config.pluginmanager.register(notes, "pasarela-scenario-notes")


def pytest_unconfigure(config):
    """After pytest-bdd wrote the JSON (its own sessionfinish), write the readable page from it."""
    json_path = config.getoption("cucumber_json_path", None)
    if json_path and not hasattr(config, "workerinput"):
        from features.report import write_html

        notes = config.stash.get(NOTES, None)
        write_html(Path(json_path), Path(json_path).with_name("aceptacion.html"),
                   list(notes.by_nodeid.values()) if notes else [])
