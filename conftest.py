"""Repository-wide pytest hooks: the report folder exists before the run, and the Gherkin run's cucumber JSON
(`--cucumber-json=reports/cucumber.json`, in pyproject's addopts) becomes reports/aceptacion.html at the end."""
from __future__ import annotations

from pathlib import Path

REPORTS = Path(__file__).resolve().parent / "reports"


def pytest_configure(config):
    REPORTS.mkdir(exist_ok=True)


def pytest_unconfigure(config):
    """After pytest-bdd wrote the JSON (its own sessionfinish), write the readable page from it."""
    json_path = config.getoption("cucumber_json_path", None)
    if json_path and not hasattr(config, "workerinput"):
        from features.report import write_html

        write_html(Path(json_path), Path(json_path).with_name("aceptacion.html"))
